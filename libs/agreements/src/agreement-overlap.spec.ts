import { agreementFixture, versionFixture } from './agreement.fixtures';
import { governingSpans, overlappingLines } from './agreement-overlap';

const other = (overrides = {}) => agreementFixture({ agreementId: 'A2', supplierId: 'S2', ...overrides });

describe('overlapping agreement lines', () => {
  const existing = versionFixture(agreementFixture());

  it('refuses a second agreement for the same buyer site x item while the first is valid', () => {
    expect(overlappingLines(versionFixture(other({ validFrom: '2026-12-01', validTo: '2027-12-31' })), [existing])).toEqual([
      'A2: lines[0] (site site x item item) overlaps agreement A1 (version 1, in force 2026-01-01 to 2026-12-31)',
    ]);
  });

  it('allows it once the first has ended, for another buyer, or for another item', () => {
    expect(overlappingLines(versionFixture(other({ validFrom: '2027-01-01', validTo: '2027-12-31' })), [existing])).toEqual([]);
    expect(overlappingLines(versionFixture(other({ buyerId: 'B2' })), [existing])).toEqual([]);
    expect(overlappingLines(versionFixture(agreementFixture({ agreementId: 'A2' }, { itemId: 'bolt' })), [existing])).toEqual([]);
  });

  it('does not hold an agreement against its own earlier versions', () => {
    expect(
      overlappingLines(versionFixture(agreementFixture(), { version: 2, effectiveFrom: '2026-05-01T00:00:00.000Z' }), [existing]),
    ).toEqual([]);
  });

  it('lets a new agreement take over the day a retirement takes effect, but not the day before', () => {
    const retired = versionFixture(agreementFixture(), { version: 2, status: 'retired', effectiveFrom: '2026-07-01T00:00:00.000Z' });
    expect(overlappingLines(versionFixture(other({ validFrom: '2026-07-01' })), [existing, retired])).toEqual([]);
    expect(overlappingLines(versionFixture(other({ validFrom: '2026-06-30' })), [existing, retired])).toEqual([
      'A2: lines[0] (site site x item item) overlaps agreement A1 (version 1, in force 2026-01-01 to 2026-06-30)',
    ]);
  });

  it('holds a line an amendment removed against the days the earlier version still governed', () => {
    const amended = versionFixture(agreementFixture({}, { itemId: 'bolt' }), { version: 2, effectiveFrom: '2026-04-01T00:00:00.000Z' });
    expect(governingSpans([existing, amended]).map((s) => [s.version.version, s.from, s.to])).toEqual([
      [1, '2026-01-01', '2026-03-31'],
      [2, '2026-04-01', '2026-12-31'],
    ]);
    expect(overlappingLines(versionFixture(other({ validFrom: '2026-04-01' })), [existing, amended])).toEqual([]);
    expect(overlappingLines(versionFixture(other({ validFrom: '2026-03-15' })), [existing, amended])).toHaveLength(1);
  });

  it('counts no days for a version overtaken before it began', () => {
    const overtaken = versionFixture(agreementFixture(), { version: 2, effectiveFrom: '2026-08-01T00:00:00.000Z' });
    const earlier = versionFixture(agreementFixture(), { version: 3, effectiveFrom: '2026-03-01T00:00:00.000Z' });
    expect(governingSpans([existing, overtaken, earlier]).map((s) => s.version.version)).toEqual([1, 3]);
  });
});
