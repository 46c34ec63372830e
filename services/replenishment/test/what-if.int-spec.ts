import { AgreementLine } from '@smi/agreements';
import {
  exampleMonthlyReviewedLine,
  IRREGULAR_MONTHLY_DEMAND,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writeTestParties,
} from '@smi/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

describe('what-if simulations over REST against the real service', () => {
  let replenishment: ServiceProcess;
  const parties = writeTestParties();
  const { buyer, supplier, keys } = parties;
  const site = uniqueId('site');
  const line: AgreementLine = exampleMonthlyReviewedLine(site, uniqueId('item'));
  const signed = testAgreement({ agreementId: uniqueId('AGR'), buyerId: buyer, supplierId: supplier, lines: [line] });
  const history = { demand: IRREGULAR_MONTHLY_DEMAND, bucketDays: 30, warmUpBuckets: 12 };

  const post = (key: string | null, body: unknown) =>
    fetch(`${replenishment.baseUrl}/what-if-simulations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    replenishment = await startServiceProcess('replenishment', {
      SMI_AGREEMENTS_FILE: writeAgreementsFile([signed]),
      SMI_PARTIES_FILE: parties.file,
    });
  });

  afterAll(async () => {
    await replenishment?.stop();
  });

  it('compares two service levels on the same history from the agreement line: the higher holds more stock and fills no less', async () => {
    const response = await post(keys.buyer, {
      agreementId: signed.agreementId,
      ...history,
      scenarios: [
        { name: 'as signed (90%)' },
        { name: '99%', lineOverrides: { serviceLevel: { measure: 'cycle-service-level', target: 0.99 } } },
      ],
    });
    expect(response.status).toBe(200);
    const { scenarios } = await json(response);
    expect(scenarios.map((s: { name: string }) => s.name)).toEqual(['as signed (90%)', '99%']);
    const [signedTerms, higher] = scenarios.map((s: { report: { averageOnHand: number; fillRate: number; demand: number } }) => s.report);
    expect(signedTerms.demand).toBe(higher.demand);
    expect(higher.averageOnHand).toBeGreaterThan(signedTerms.averageOnHand);
    expect(higher.fillRate).toBeGreaterThanOrEqual(signedTerms.fillRate);
    // Demand every month (smooth or erratic): normal theory, which promises the target itself.
    expect(signedTerms.promisedServiceLevel).toBeCloseTo(0.9, 9);
    expect(higher.promisedServiceLevel).toBeCloseTo(0.99, 9);
  });

  it('prices the agreement’s stockout allowance with the line’s own penalties, as the live monitor charges them', async () => {
    // Lean terms on a steady 30 a day: the coolant line of the demo. The agreement allows 1 stockout a month, 250 EUR each beyond.
    const lean = {
      policy: 'min-max',
      minimum: 50,
      maximum: 200,
      leadTimeDays: 5,
      packMultiple: 20,
      safetyStock: { method: 'fixed', quantity: 0 },
    };
    const response = await post(keys.buyer, {
      agreementId: signed.agreementId,
      demand: Array(60).fill(30),
      bucketDays: 1,
      initialOnHand: 200,
      validFrom: '2026-01-01',
      scenarios: [
        { name: 'as agreed', lineOverrides: lean },
        {
          name: 'a generous allowance',
          lineOverrides: lean,
          agreementPenalties: { allowedStockoutsPerMonth: 100, penaltyPerStockout: 250 },
        },
      ],
    });
    expect(response.status).toBe(200);
    const [agreed, generous] = (await json(response)).scenarios.map((s: { report: unknown }) => s.report);
    // January: 13 stockouts begun, 12 beyond the one allowed; February (to the 29th day of the 60): 14 begun, 13 beyond.
    expect(agreed.penaltyExposure.penalties).toEqual([
      {
        rule: 'STOCKOUTS_BEYOND_ALLOWANCE',
        agreementVersion: 1,
        period: '2026-01',
        quantity: 12,
        rate: 250,
        amount: 3000,
        currency: 'EUR',
        explanation: '13 stockouts begun, 12 stockouts beyond the allowance x 250.00 EUR = 3000.00 EUR',
      },
      {
        rule: 'STOCKOUTS_BEYOND_ALLOWANCE',
        agreementVersion: 1,
        period: '2026-02',
        quantity: 13,
        rate: 250,
        amount: 3250,
        currency: 'EUR',
        explanation: '14 stockouts begun, 13 stockouts beyond the allowance x 250.00 EUR = 3250.00 EUR',
      },
    ]);
    expect(agreed.penaltyExposure).toMatchObject({ stockoutDays: 0, fillRateShortfalls: 0, stockoutsBeyondAllowance: 6250, total: 6250 });
    expect(generous.penaltyExposure.total).toBe(0);
  });

  it('simulates one input sent as the simulator takes it, for the supplier too', async () => {
    const response = await post(keys.supplier, { line, ...history });
    expect(response.status).toBe(200);
    const report = await json(response);
    expect(report).toMatchObject({ measuredFrom: '2000-12-26', demand: IRREGULAR_MONTHLY_DEMAND.slice(12).reduce((a, b) => a + b, 0) });
    expect(report.metFromStock + report.backordered).toBeCloseTo(report.demand, 9);
  });

  it('refuses a bad field with 400 naming it, in the scenario that gave it', async () => {
    const response = await post(keys.buyer, {
      line,
      ...history,
      scenarios: [{ name: 'fine' }, { name: 'broken', bucketDays: 0, lineOverrides: { packMultiple: -1 } }],
    });
    expect(response.status).toBe(400);
    const { problems } = await json(response);
    expect(problems).toEqual([
      'scenarios[1].bucketDays must be a whole number of days >= 1 (got 0)',
      'scenarios[1].line.packMultiple must be at least 0.000001, the smallest quantity kept',
    ]);
  });

  it('caps the demand history and the number of scenarios, naming the field', async () => {
    const tooLong = await post(keys.buyer, { line, demand: Array(3651).fill(1), bucketDays: 1 });
    expect(tooLong.status).toBe(400);
    expect((await json(tooLong)).message).toContain('demand must list at most 3650 buckets (got 3651)');
    const tooMany = await post(keys.buyer, { line, ...history, scenarios: Array.from({ length: 11 }, (_, i) => ({ name: `s${i}` })) });
    expect(tooMany.status).toBe(400);
    expect((await json(tooMany)).message).toBe('scenarios must list at most 10 scenarios (got 11)');
  });

  it('answers a lead time the engine could not plan over (1e9, 1e6 days) with 400 at once, and more work than a request may ask with 422', async () => {
    for (const leadTimeDays of [1e9, 1e6]) {
      const started = Date.now();
      const response = await post(keys.buyer, { line: { ...line, leadTimeDays }, ...history });
      expect(response.status).toBe(400);
      expect((await json(response)).problems).toEqual([`line.leadTimeDays must be at most 365 (got ${leadTimeDays})`]);
      expect(Date.now() - started).toBeLessThan(2_000);
    }
    const yearAhead = { ...line, leadTimeDays: 365, reviewPeriodDays: 365 };
    const tenYearsDaily = { line: yearAhead, demand: Array(3650).fill(3), bucketDays: 1 };
    const started = Date.now();
    const tooMuch = await post(keys.buyer, { ...tenYearsDaily, scenarios: [{ name: 'a' }, { name: 'b' }] });
    expect(tooMuch.status).toBe(422);
    expect((await json(tooMuch)).message).toMatch(/^demand asks for 31,981,300 units of simulation work .* at most 20,000,000 per request/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await fetch(`${replenishment.baseUrl}/health`)).status).toBe(200);
  });

  it('lets only the parties of the agreement (or an operator) start from its line', async () => {
    const stranger = await post(keys.otherSupplier, { agreementId: signed.agreementId, ...history });
    expect(stranger.status).toBe(404);
    expect((await json(stranger)).message).toBe(`agreementId ${signed.agreementId} is not a known active agreement`);
    expect((await post(keys.operator, { agreementId: signed.agreementId, ...history })).status).toBe(200);
  });

  it('needs an API key', async () => {
    expect((await post(null, { line, ...history })).status).toBe(401);
  });
});
