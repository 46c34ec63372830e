import { Agreement, AgreementBook, AgreementVersion } from '@smi/agreements';
import { agreementsVisibleTo } from './measure-kpis.use-case';

const agreement = (agreementId: string, buyerId: string, supplierId: string): Agreement => ({
  agreementId,
  buyerId,
  supplierId,
  currency: 'EUR',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
  lines: [{ siteId: 'lyon', itemId: 'pad', unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 }],
});
const version = (of: Agreement, n: number, status: AgreementVersion['status'], effectiveFrom: string): AgreementVersion => ({
  agreement: of,
  version: n,
  effectiveFrom,
  status,
  changedBy: of.buyerId,
  changedAt: effectiveFrom,
  changeReason: 'test',
});

describe('agreements a party may read KPIs and scorecards of', () => {
  const acme = agreement('AGR-1', 'acme', 'northwind');
  const retired = agreement('AGR-2', 'acme', 'southwind');
  const other = agreement('AGR-3', 'globex', 'northwind');
  const book = new AgreementBook([
    version(acme, 1, 'active', '2026-01-01T00:00:00.000Z'),
    version(retired, 1, 'active', '2026-01-01T00:00:00.000Z'),
    version(retired, 2, 'retired', '2026-06-01T00:00:00.000Z'),
    version(other, 1, 'active', '2026-01-01T00:00:00.000Z'),
  ]);

  it('gives a buyer or supplier its own, retired ones included (their months in force still count), an operator all', () => {
    const ids = (party: Parameters<typeof agreementsVisibleTo>[1]) => agreementsVisibleTo(book, party).map((a) => a.agreementId);
    expect(ids({ id: 'acme', kind: 'buyer', name: 'Acme' })).toEqual(['AGR-1', 'AGR-2']);
    expect(ids({ id: 'northwind', kind: 'supplier', name: 'Northwind' })).toEqual(['AGR-1', 'AGR-3']);
    expect(ids({ id: 'ops', kind: 'operator', name: 'Operator' })).toEqual(['AGR-1', 'AGR-2', 'AGR-3']);
    expect(ids({ id: 'initech', kind: 'buyer', name: 'Initech' })).toEqual([]);
  });
});
