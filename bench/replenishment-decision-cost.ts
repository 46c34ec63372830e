/**
 * What one replenishment decision costs the engine (planReplenishment), per kind of agreement line:
 *   node_modules/.bin/node -r @swc-node/register bench/replenishment-decision-cost.ts
 * Each decision plans a fresh situation (on-hand walking down, a minute apart), as the service
 * plans every stock level it applies.
 */
import { planReplenishment, StockSituation } from '@smi/replenishment-planning';
import type { AgreementLine } from '@smi/agreements';

const base: AgreementLine = { siteId: 's', itemId: 'i', unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 4, packMultiple: 10 };
const now0 = new Date('2026-03-09T08:00:00Z').getTime();
const lumpy = Array.from({ length: 26 }, (_, i) => (i % 4 === 0 ? 30 : i % 7 === 0 ? 12 : 0));
const cases: Record<string, { line: AgreementLine; demand: StockSituation['demand'] }> = {
  'min-max, forecast only': { line: base, demand: { perDay: 5, stdDevPerDay: 2 } },
  'service level 95% normal theory': {
    line: { ...base, serviceLevel: { measure: 'cycle-service-level', target: 0.95 } as never },
    demand: { perDay: 5, stdDevPerDay: 2, demandClass: 'smooth' },
  },
  'service level 95% lumpy history (bootstrap)': {
    line: { ...base, serviceLevel: { measure: 'cycle-service-level', target: 0.95 } as never },
    demand: { perDay: 2, stdDevPerDay: 5, demandClass: 'lumpy', history: { bucketDays: 7, quantities: lumpy } },
  },
  'fill rate 98% lumpy history (bootstrap)': {
    line: { ...base, serviceLevel: { measure: 'fill-rate', target: 0.98 } as never },
    demand: { perDay: 2, stdDevPerDay: 5, demandClass: 'lumpy', history: { bucketDays: 7, quantities: lumpy } },
  },
};
for (const [name, { line, demand }] of Object.entries(cases)) {
  const run = (n: number) => {
    let orders = 0;
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const d = planReplenishment(
        { line, agreementVersion: 1, validFrom: '2026-01-01' },
        { now: new Date(now0 + i * 60_000), onHand: 200 - (i % 180), backorders: 0, openOrders: [], demand },
      );
      if (d.kind === 'order') orders++;
    }
    return { us: Number(process.hrtime.bigint() - t) / 1e3 / n, orders };
  };
  run(2000);
  const r = run(20000 / (name.includes('bootstrap') ? 20 : 1));
  console.log(`${name}: ${r.us.toFixed(1)} µs per decision`);
}
