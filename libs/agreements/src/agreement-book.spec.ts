import { AgreementBook } from './agreement-book';
import { agreementFixture, versionFixture } from './agreement.fixtures';
import { loadAgreementBook, loadSeedVersions } from './agreement-file';

const at = (iso: string) => new Date(iso);

describe('agreement book: the version in force', () => {
  const v1 = versionFixture(agreementFixture());
  const v2 = versionFixture(agreementFixture({}, { minimum: 20, maximum: 60 }), {
    version: 2,
    effectiveFrom: '2026-07-01T00:00:00.000Z',
    changeReason: 'summer peak',
  });

  it('finds the line in force only inside the validity dates', () => {
    const book = new AgreementBook([v1]);
    expect(book.lineFor('B', 'site', 'item', at('2026-06-01T00:00:00Z'))).toMatchObject({ version: 1, line: { minimum: 10 } });
    expect(book.lineFor('B', 'site', 'item', at('2027-01-01T00:00:00Z'))).toBeUndefined();
    expect(book.lineFor('other-buyer', 'site', 'item', at('2026-06-01T00:00:00Z'))).toBeUndefined();
  });

  it('answers with the amendment from its effectiveFrom on, and with the version before for earlier moments', () => {
    const book = new AgreementBook([v1, v2]);
    expect(book.lineFor('B', 'site', 'item', at('2026-06-30T23:59:59.999Z'))).toMatchObject({ version: 1, line: { minimum: 10 } });
    expect(book.lineFor('B', 'site', 'item', at('2026-07-01T00:00:00Z'))).toMatchObject({ version: 2, line: { minimum: 20, maximum: 60 } });
    expect(book.versionInForce('A1', at('2025-12-31T00:00:00Z'))).toBeUndefined();
  });

  it('covers nothing from a retirement on, and keeps earlier moments under the version before', () => {
    const retired = versionFixture(agreementFixture(), {
      version: 2,
      status: 'retired',
      effectiveFrom: '2026-09-01T00:00:00.000Z',
      changeReason: 'site closed',
    });
    const book = new AgreementBook([v1, retired]);
    expect(book.lineFor('B', 'site', 'item', at('2026-08-31T12:00:00Z'))?.version).toBe(1);
    expect(book.lineFor('B', 'site', 'item', at('2026-09-02T00:00:00Z'))).toBeUndefined();
    expect(book.agreements).toEqual([]);
    expect(book.agreementsOf('S')).toEqual([]);
  });

  it('stops covering a line an amendment removed, from the amendment on', () => {
    const twoLines = agreementFixture({
      lines: [
        ...agreementFixture().lines,
        { siteId: 'site', itemId: 'other', unit: 'EA', minimum: 1, maximum: 2, leadTimeDays: 1, packMultiple: 1 },
      ],
    });
    const book = new AgreementBook([versionFixture(twoLines), { ...v2, agreement: agreementFixture() }]);
    expect(book.lineFor('B', 'site', 'other', at('2026-06-01T00:00:00Z'))?.version).toBe(1);
    expect(book.lineFor('B', 'site', 'other', at('2026-07-02T00:00:00Z'))).toBeUndefined();
  });

  it('takes each version once, and a late lower version into its place in the history', () => {
    const book = new AgreementBook();
    expect(book.apply(v2)).toBe(true);
    expect(book.apply(v2)).toBe(false);
    expect(book.apply({ ...v1, changeReason: 'a second copy of version 1' })).toBe(true);
    expect(book.apply({ ...v1, changeReason: 'a third copy' })).toBe(false);
    expect(book.history('A1').map((v) => [v.version, v.changeReason])).toEqual([
      [1, 'a second copy of version 1'],
      [2, 'summer peak'],
    ]);
    expect(book.lineFor('B', 'site', 'item', at('2026-03-01T00:00:00Z'))?.version).toBe(1);
    expect(book.latest('A1')?.version).toBe(2);
  });

  it('refuses an invalid version, naming the field', () => {
    const book = new AgreementBook();
    expect(() => book.apply(versionFixture(agreementFixture({}, { packMultiple: 0 })))).toThrow(
      'A1: lines[0].packMultiple must be at least 0.000001, the smallest quantity kept',
    );
    expect(book.agreements).toEqual([]);
  });

  it('shows a party only the agreements it is a side of, as their newest version has them', () => {
    const book = new AgreementBook([v1, v2]);
    expect(book.agreementsOf('B').map((a) => a.lines[0].minimum)).toEqual([20]);
    expect(book.agreementsOf('S').map((a) => a.agreementId)).toEqual(['A1']);
    expect(book.agreementsOf('X')).toEqual([]);
    expect(book.agreement('A1')?.lines[0].maximum).toBe(60);
  });

  it("covers exactly the buyer site x items on a party's agreement lines", () => {
    const book = new AgreementBook([v1]);
    const { buyerIds, covers } = book.coverageOf('S');
    expect(buyerIds).toEqual(['B']);
    expect(covers({ buyerId: 'B', siteId: 'site', itemId: 'item' })).toBe(true);
    expect(covers({ buyerId: 'B', siteId: 'site', itemId: 'other-item' })).toBe(false);
    expect(book.coverageOf('nobody').buyerIds).toEqual([]);
  });
});

describe('agreements file', () => {
  it('loads the demo seed as version 1 of each agreement, effective from its first valid day', () => {
    const [first] = loadSeedVersions();
    expect(first).toMatchObject({
      version: 1,
      status: 'active',
      changedBy: 'seed-file',
      effectiveFrom: `${first.agreement.validFrom}T00:00:00.000Z`,
    });
    expect(loadAgreementBook().agreements.length).toBeGreaterThan(0);
  });
});
