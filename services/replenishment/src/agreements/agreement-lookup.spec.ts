import { AgreementVersion } from '@smi/agreements';
import { versionAsked, versionAskOf } from './agreement-lookup';

const version = (n: number, effectiveFrom: string) => ({ version: n, effectiveFrom }) as AgreementVersion;
const history = [version(1, '2026-01-01T00:00:00.000Z'), version(2, '2026-07-01T00:00:00.000Z')];

describe('reading an agreement version', () => {
  it('answers the current, a numbered, or the version in force at a moment', () => {
    const asked = (query: { version?: string; on?: string }) => {
      const parsed = versionAskOf(query);
      if (!parsed.ok) throw new Error(parsed.problems.join());
      return versionAsked('A1', history, parsed.request);
    };
    expect(asked({})).toBe(history[1]);
    expect(asked({ version: '1' })).toBe(history[0]);
    expect(asked({ on: '2026-06-30T23:59:59Z' })).toBe(history[0]);
    expect(asked({ on: '2026-07-01' })).toBe(history[1]);
    expect(asked({ on: '2025-12-31' })).toBe('agreement A1 had no version in force on 2025-12-31T00:00:00.000Z');
    expect(asked({ version: '3' })).toBe('agreement A1 has no version 3 (latest is 2)');
  });

  it('refuses a version that is not a number, and version with on', () => {
    expect(versionAskOf({ version: '1.5' })).toEqual({ ok: false, problems: ['version must be a whole number >= 1 (got 1.5)'] });
    expect(versionAskOf({ version: '1', on: '2026-01-01' })).toEqual({ ok: false, problems: ['give version or on, not both'] });
  });
});
