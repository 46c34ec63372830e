import { UndecodableRecordError, UnencodableValueError } from '@smi/contracts';
import { QueryFailedError } from 'typeorm';
import { RejectedEventError } from './errors';
import { failsEveryTime } from './failures';

const sqlError = (code: string) => new QueryFailedError('SELECT 1', [], Object.assign(new Error(`sqlstate ${code}`), { code }));

describe('which failures retrying cannot help', () => {
  it.each([
    ['22003', 'a number out of range'],
    ['22021', 'a NUL byte in text'],
    ['22012', 'a division by zero'],
    ['23505', 'a unique key taken'],
    ['23514', 'a check constraint'],
  ])('data Postgres refuses (%s, %s) fails every time', (code) => {
    expect(failsEveryTime(sqlError(code))).toBe(true);
  });

  it.each([
    ['40001', 'a serialization failure'],
    ['40P01', 'a deadlock'],
    ['57P01', 'the server shutting down'],
    ['08006', 'a lost connection'],
  ])('%s (%s) may pass on a later attempt', (code) => {
    expect(failsEveryTime(sqlError(code))).toBe(false);
  });

  it('a rejected, undecodable or unencodable record, or one the code trips on, fails every time; an error of unknown kind may pass', () => {
    expect(failsEveryTime(new RejectedEventError('unit is KG'))).toBe(true);
    expect(failsEveryTime(new UndecodableRecordError('not Avro'))).toBe(true);
    expect(failsEveryTime(new UnencodableValueError('value for smi.stock-levels.v1 does not match'))).toBe(true);
    expect(failsEveryTime(new TypeError("Cannot read properties of undefined (reading 'siteId')"))).toBe(true);
    expect(failsEveryTime(new RangeError('Invalid time value'))).toBe(true);
    expect(failsEveryTime(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }))).toBe(false);
    expect(failsEveryTime(new Error('connect ECONNREFUSED'))).toBe(false);
    expect(failsEveryTime(undefined)).toBe(false);
  });
});
