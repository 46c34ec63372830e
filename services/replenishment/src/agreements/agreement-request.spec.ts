import { changeRequestOf, importRequestOf, retireRequestOf } from './agreement-request';

describe('agreement change requests', () => {
  it('takes the change fields out of the agreement, normalising effectiveFrom', () => {
    const parsed = changeRequestOf({
      agreementId: 'A1',
      lines: [],
      changeReason: ' peak season ',
      effectiveFrom: '2026-07-01',
      expectedVersion: 2,
    });
    expect(parsed).toEqual({
      ok: true,
      request: {
        agreement: { agreementId: 'A1', lines: [] },
        changeReason: 'peak season',
        effectiveFrom: '2026-07-01T00:00:00.000Z',
        expectedVersion: 2,
      },
    });
  });

  it('reads a timestamp in its own zone', () => {
    const parsed = changeRequestOf({ effectiveFrom: '2026-07-01T08:00:00+02:00' });
    expect(parsed.ok && parsed.request.effectiveFrom).toBe('2026-07-01T06:00:00.000Z');
  });

  it('names each field it cannot use', () => {
    expect(changeRequestOf({ changeReason: '', effectiveFrom: '2026-07-01T08:00', expectedVersion: 0 })).toEqual({
      ok: false,
      problems: [
        'changeReason must be text saying why',
        'effectiveFrom must be an ISO-8601 day or timestamp with its zone, like 2026-07-01 or 2026-07-01T06:00:00Z (got 2026-07-01T08:00)',
        'expectedVersion must be a whole number from 1 to 2147483647 (got 0)',
      ],
    });
    expect(changeRequestOf([1, 2])).toEqual({ ok: false, problems: ['body must be a JSON object holding the agreement'] });
  });

  it('wants a reason to retire', () => {
    expect(retireRequestOf({})).toEqual({ ok: false, problems: ['reason is required'] });
    expect(retireRequestOf({ reason: 'site closed', why: 'x' })).toEqual({
      ok: false,
      problems: ['why is not a known field (reason, effectiveFrom, expectedVersion)'],
    });
    expect(retireRequestOf({ reason: 'site closed' })).toEqual({ ok: true, request: { reason: 'site closed' } });
    expect(retireRequestOf({ reason: 'site closed\u0000' })).toEqual({
      ok: false,
      problems: ['reason must not contain control characters'],
    });
    expect(retireRequestOf({ reason: 'x'.repeat(1001) })).toEqual({
      ok: false,
      problems: ['reason must be at most 1000 characters (got 1001)'],
    });
    expect(retireRequestOf({ reason: 'site closed', expectedVersion: 2 ** 31 })).toMatchObject({ ok: false });
  });

  it('imports the shape the agreements file and the export have', () => {
    expect(importRequestOf({ agreements: [{ agreementId: 'A1' }] })).toEqual({
      ok: true,
      request: { agreements: [{ agreementId: 'A1' }] },
    });
    expect(importRequestOf({ agreements: [] }).ok).toBe(false);
  });
});
