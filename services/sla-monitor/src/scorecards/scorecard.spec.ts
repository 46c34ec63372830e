import { Agreement } from '@smi/agreements';
import { Penalty } from '@smi/contracts';
import { parsePeriod } from '@smi/service-levels';
import { agreementReport } from '../kpis/kpi-report';
import { trendMonths } from './read-scorecard.use-case';
import { escapeHtml, scorecardCsv, scorecardHtml, scorecardOf } from './scorecard';

const agreement: Agreement = {
  agreementId: 'AGR-<1>',
  buyerId: 'acme & co',
  supplierId: 'north"wind',
  currency: 'EUR',
  validFrom: '2025-01-01',
  validTo: '2026-12-31',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
  lines: [
    {
      siteId: '<script>alert(1)</script>',
      itemId: '=HYPERLINK("x")',
      unit: 'EA',
      minimum: 10,
      maximum: 50,
      leadTimeDays: 2,
      packMultiple: 5,
    },
  ],
};

const penalty = (period: string, amount: number): Penalty => ({
  eventId: `p-${period}/r1`,
  penaltyId: `p-${period}`,
  revision: 1,
  correctsEventId: null,
  agreementId: agreement.agreementId,
  agreementVersion: 1,
  buyerId: agreement.buyerId,
  supplierId: agreement.supplierId,
  siteId: agreement.lines[0].siteId,
  itemId: agreement.lines[0].itemId,
  rule: 'STOCKOUT_DAYS',
  period,
  quantity: 3,
  rate: amount / 3,
  amount,
  difference: amount,
  currency: 'EUR',
  computedAt: new Date('2026-04-01T00:00:00Z'),
  explanation: `3 stockout days x ${amount / 3} EUR <b>`,
  evidence: [],
});

const months = trendMonths(parsePeriod('2026-03')!);
const reports = months.map((period) =>
  agreementReport(
    { agreement, version: 1, accuracy: null, lines: [{ line: agreement.lines[0], days: [], deliveries: [], accuracy: null }] },
    period,
    new Date('2026-04-10T00:00:00Z'),
  ),
);
const card = scorecardOf(
  reports,
  months.map((m) => m.id),
  [penalty('2026-03', 0.1), penalty('2026-03', 0.2), penalty('2026-01', 150)],
  [],
);

describe('the scorecard of an agreement month', () => {
  it('covers the 12 months ending with its month, oldest first, across a year end', () => {
    expect(months.map((m) => m.id)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });

  it('totals penalties to the cent, per month in the trend', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; in cents it is 0.3.
    expect(card.penalties.total).toBe(0.3);
    expect(card.trend.map((t) => t.penaltiesTotal)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 150, 0, 0.3]);
  });

  it('escapes everything it puts in the page', () => {
    const html = scorecardHtml(card);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<h1>Scorecard AGR-&lt;1&gt; 2026-03</h1>');
    expect(html).toContain('acme &amp; co');
    expect(html).toContain('north&quot;wind');
    expect(html).not.toContain('<b>');
    expect(escapeHtml(`<a href='x'>&\``)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&#96;');
  });

  it('writes one CSV table, quoting what needs it and keeping a spreadsheet from reading a text as a formula', () => {
    const rows = scorecardCsv(card).split('\r\n');
    expect(rows[0]).toBe('section,period,siteId,itemId,measure,value,numerator,denominator,target');
    expect(rows).toContain(`line,2026-03,<script>alert(1)</script>,"'=HYPERLINK(""x"")",stockout rate (stockout days / days),,0,0,`);
    expect(rows.filter((r) => r.startsWith('trend,'))).toHaveLength(12 * 8);
    expect(rows.filter((r) => r.startsWith('penalty,'))).toHaveLength(2);
  });
});
