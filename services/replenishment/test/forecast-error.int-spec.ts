import { AgreementLine } from '@smi/agreements';
import { topics } from '@smi/contracts';
import {
  KafkaTestClient,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writeTestParties,
} from '@smi/testing';
import { outlookStored, positionReaches, stockLevelsAt, steadyForecast } from './stock-level-feed';

/**
 * Safety stock follows the forecast's own backtest error over the lead time
 * (DemandForecast v3), not only the spread of demand: a forecast that has
 * missed by 10 over its lead time needs z × 10 of safety stock.
 */
describe('safety stock from the forecast error over the lead time, against a real broker and database', () => {
  let replenishment: ServiceProcess;
  let kafka: KafkaTestClient;
  const parties = writeTestParties();
  const { buyer } = parties;
  const site = uniqueId('site');
  const items = { backtested: uniqueId('item'), spreadOnly: uniqueId('item') };
  const level = stockLevelsAt(buyer, site);

  // A 95% cycle service level over a 4-day lead time; stock 20..200 in packs of 10.
  const line = (itemId: string): AgreementLine => ({
    siteId: site,
    itemId,
    unit: 'EA',
    minimum: 20,
    maximum: 200,
    leadTimeDays: 4,
    packMultiple: 10,
    serviceLevel: { measure: 'cycle-service-level', target: 0.95 },
    safetyStock: { method: 'service-level' },
  });

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    const agreementsFile = writeAgreementsFile([
      testAgreement({
        agreementId: uniqueId('AGR'),
        buyerId: buyer,
        supplierId: parties.supplier,
        lines: [line(items.backtested), line(items.spreadOnly)],
      }),
    ]);
    replenishment = await startServiceProcess('replenishment', { SMI_AGREEMENTS_FILE: agreementsFile, SMI_PARTIES_FILE: parties.file });
  });

  afterAll(async () => {
    await replenishment?.stop();
    await kafka?.disconnect();
  });

  const orderAfter = async (itemId: string, forecast: ReturnType<typeof steadyForecast>) => {
    await kafka.publish(topics.demandForecasts, forecast);
    await outlookStored(buyer, site, itemId);
    await kafka.publish(topics.stockLevels, level(itemId, 1, 35));
    await positionReaches(buyer, site, itemId, 1);
    const [order] = await kafka.waitFor(topics.replenishmentOrders, (o) => o.buyerId === buyer && o.itemId === itemId);
    return order.value.explanation!;
  };

  it('sets safety stock at z × the backtest error over the lead time: 1.645 × √100 = 16.45', async () => {
    const forecast = {
      ...steadyForecast(buyer, site, items.backtested, 10),
      leadTimePeriods: 4,
      leadTimeErrorVariance: 100,
      method: 'simple-exponential-smoothing',
    };
    const explanation = await orderAfter(items.backtested, forecast);
    expect(explanation.safetyStock).toBeCloseTo(16.45, 2);
    // Reorder point: 4 days of 10 plus the safety stock; 35 on hand is below it, as below the 40 of the next test.
    expect(explanation.reorderPoint).toBeCloseTo(56.45, 2);
    expect(explanation.summary).toContain('forecast error 10 over 4 days in backtest');
  });

  it('without a backtest, from the spread of demand as before: none for steady demand', async () => {
    const explanation = await orderAfter(items.spreadOnly, steadyForecast(buyer, site, items.spreadOnly, 10));
    expect(explanation.safetyStock).toBe(0);
  });
});
