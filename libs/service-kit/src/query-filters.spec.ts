import { BadRequestException } from '@nestjs/common';
import { optionalQueryText } from './query-filters';

describe('optionalQueryText', () => {
  it('takes an id as written, and nothing when absent', () => {
    expect(optionalQueryText('plant-1', 'siteId')).toBe('plant-1');
    expect(optionalQueryText(undefined, 'siteId')).toBeUndefined();
  });

  it('refuses with 400 naming the field what the database would fail on (found by fuzzing: a NUL byte answered 500)', () => {
    for (const value of ['a\u0000b', 'line\nbreak', '\u001b[2J', 'tab\there']) {
      expect(() => optionalQueryText(value, 'siteId')).toThrow(new BadRequestException('siteId must not hold control characters'));
    }
    expect(() => optionalQueryText(['a', 'b'], 'siteId')).toThrow(/siteId must be given at most once/);
  });
});
