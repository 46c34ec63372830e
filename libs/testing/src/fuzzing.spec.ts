import fc from 'fast-check';
import { fuzzCases, fuzzSeed, hostileBodies, jsonText, RawJsonNumber } from './fuzzing';

describe('fuzzing helpers', () => {
  it('writes numbers JSON.stringify cannot, as a hostile client would', () => {
    expect(jsonText({ quantity: new RawJsonNumber('1e999'), nested: [new RawJsonNumber('-0')] })).toBe('{"quantity":1e999,"nested":[-0]}');
    expect(JSON.parse(jsonText({ quantity: new RawJsonNumber('1e999') })).quantity).toBe(Infinity);
    expect(jsonText(undefined)).toBe('');
  });

  it('gives the same cases for the same seed, valid bodies among them, and FUZZ_SEED chooses the seed', () => {
    const valid = fc.record({ quantity: fc.integer({ min: 1, max: 9 }) });
    const first = fuzzCases(hostileBodies(valid), 7, 200);
    expect(fuzzCases(hostileBodies(valid), 7, 200)).toEqual(first);
    expect(first.filter((c) => c.mutation === 'valid').length).toBeGreaterThan(20);
    expect(new Set(first.map((c) => c.mutation.split(' ')[0])).size).toBeGreaterThan(5);
    expect(fuzzSeed({ FUZZ_SEED: '42' })).toBe(42);
    expect(fuzzSeed({})).toBe(fuzzSeed({}));
    expect(() => fuzzSeed({ FUZZ_SEED: 'x' })).toThrow(/FUZZ_SEED/);
  });
});
