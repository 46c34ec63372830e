import { Agreement, AgreementBook, agreementProblems } from './agreement';
import { loadAgreementBook } from './agreement-file';

const agreement = (): Agreement => ({
  agreementId: 'A1',
  buyerId: 'B',
  supplierId: 'S',
  currency: 'EUR',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 100 },
  lines: [{ siteId: 'site', itemId: 'item', unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 }],
});

describe('agreement validation', () => {
  it('accepts a sound agreement', () => {
    expect(agreementProblems(agreement())).toEqual([]);
  });

  it('names the field and the rule for each problem', () => {
    const bad = agreement();
    bad.lines[0].maximum = 5;
    bad.lines[0].packMultiple = 0;
    bad.lines[0].leadTimeDays = -1;
    expect(agreementProblems(bad)).toEqual([
      'A1: lines[0].maximum must be >= minimum',
      'A1: lines[0].leadTimeDays must be >= 0',
      'A1: lines[0].packMultiple must be > 0',
    ]);
  });

  it('refuses the same site x item twice in one agreement', () => {
    const bad = agreement();
    bad.lines.push({ ...bad.lines[0] });
    expect(agreementProblems(bad)).toEqual(['A1: lines[1] repeats site site x item item']);
  });
});

describe('agreement book', () => {
  it('finds the line in force only inside the validity dates', () => {
    const book = new AgreementBook([agreement()]);
    expect(book.lineFor('B', 'site', 'item', new Date('2026-06-01T00:00:00Z'))?.line.minimum).toBe(10);
    expect(book.lineFor('B', 'site', 'item', new Date('2027-01-01T00:00:00Z'))).toBeUndefined();
    expect(book.lineFor('other-buyer', 'site', 'item', new Date('2026-06-01T00:00:00Z'))).toBeUndefined();
  });

  it('shows a party only the agreements it is a side of', () => {
    const book = new AgreementBook([agreement()]);
    expect(book.agreementsOf('B').map((a) => a.agreementId)).toEqual(['A1']);
    expect(book.agreementsOf('S').map((a) => a.agreementId)).toEqual(['A1']);
    expect(book.agreementsOf('X')).toEqual([]);
  });

  it('loads the demo seed', () => {
    expect(loadAgreementBook().agreements.length).toBeGreaterThan(0);
  });
});

describe('agreement coverage', () => {
  it('covers exactly the buyer site x items on a party\'s agreement lines', () => {
    const book = new AgreementBook([agreement()]);
    const { buyerIds, covers } = book.coverageOf('S');
    expect(buyerIds).toEqual(['B']);
    expect(covers({ buyerId: 'B', siteId: 'site', itemId: 'item' })).toBe(true);
    expect(covers({ buyerId: 'B', siteId: 'site', itemId: 'other-item' })).toBe(false);
    expect(book.coverageOf('nobody').buyerIds).toEqual([]);
  });
});
