import { AgreementLine } from '@smi/agreements';
import { topics } from '@smi/contracts';
import {
  exampleDemandForecast,
  exampleMonthlyReviewedLine,
  KafkaTestClient,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writeTestParties,
} from '@smi/testing';
import { outlookStored, positionReaches, stockLevelsAt } from './stock-level-feed';

/**
 * A lumpy item with few demands of its own is planned with the sizes of its buyer's other
 * items too (issue 15): a part that has only ever been ordered 3 at a time can be ordered in a
 * lump as the buyer's other parts have been, and its stock covers that.
 */
describe("a lumpy item's stock and its buyer's other items, against a real broker and database", () => {
  let replenishment: ServiceProcess;
  let kafka: KafkaTestClient;
  const parties = writeTestParties();
  const { buyer } = parties;
  const sites = { before: uniqueId('site'), after: uniqueId('site') };
  const part = uniqueId('part');
  const lumpyPart = uniqueId('part');

  // Two years of months: 4 demands of 3 (the part), and eleven of 1 and one of 12 (the buyer's other part).
  const fewSteadySizes = [0, 0, 3, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0];
  const oneLump = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 12];

  const line = (siteId: string, itemId: string): AgreementLine => ({
    ...exampleMonthlyReviewedLine(siteId, itemId),
    serviceLevel: { measure: 'fill-rate', target: 0.95 },
  });
  const monthlyForecast = (siteId: string, itemId: string, recentDemand: number[]) =>
    exampleDemandForecast({
      eventId: uniqueId('forecast'),
      buyerId: buyer,
      siteId,
      itemId,
      periodDays: 30,
      periodsObserved: recentDemand.length,
      demandClass: 'lumpy',
      recentDemand,
      demandPerPeriod: recentDemand.reduce((sum, q) => sum + q, 0) / recentDemand.length,
      standardDeviationPerPeriod: 1,
      generatedAt: new Date(Date.now() - 2 * 60 * 60 * 1000),
    });

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    const agreementsFile = writeAgreementsFile([
      testAgreement({
        agreementId: uniqueId('AGR'),
        buyerId: buyer,
        supplierId: parties.supplier,
        lines: [line(sites.before, part), line(sites.before, lumpyPart), line(sites.after, part)],
      }),
    ]);
    replenishment = await startServiceProcess('replenishment', { SMI_AGREEMENTS_FILE: agreementsFile, SMI_PARTIES_FILE: parties.file });
  });

  afterAll(async () => {
    await replenishment?.stop();
    await kafka?.disconnect();
  });

  const orderFor = async (siteId: string) => {
    await kafka.publish(topics.demandForecasts, monthlyForecast(siteId, part, fewSteadySizes));
    await outlookStored(buyer, siteId, part);
    await kafka.publish(topics.stockLevels, stockLevelsAt(buyer, siteId)(part, 1, 0));
    await positionReaches(buyer, siteId, part, 1);
    const [order] = await kafka.waitFor(topics.replenishmentOrders, (o) => o.buyerId === buyer && o.siteId === siteId && o.itemId === part);
    return order.value.explanation!;
  };

  it("holds more of a part once the buyer's other part has shown a lump, and says what the stock rests on", async () => {
    const alone = await orderFor(sites.before);
    expect(alone.summary).toContain('its own 4 sizes weighed against 4 sizes of similar items');

    await kafka.publish(topics.demandForecasts, monthlyForecast(sites.before, lumpyPart, oneLump));
    await outlookStored(buyer, sites.before, lumpyPart);
    const beside = await orderFor(sites.after);

    // The pool: the part's 4 sizes at each site, and the other part's 12.
    expect(beside.summary).toContain('its own 4 sizes weighed against 20 sizes of similar items');
    expect(beside.safetyStock).toBeGreaterThan(alone.safetyStock + 1);
  });
});
