import type { AgreementLine, AgreementVersion } from '@smi/agreements';
import { lineChoicesOf, lineKeyOf, scenarioField, whatIfRequestOfForm } from './what-if-form';

const line = (siteId: string, itemId: string, more: Partial<AgreementLine> = {}): AgreementLine => ({
  siteId,
  itemId,
  unit: 'EA',
  minimum: 20,
  maximum: 80,
  leadTimeDays: 5,
  packMultiple: 1,
  ...more,
});

const version = (agreementId: string, status: 'active' | 'retired', lines: AgreementLine[]): AgreementVersion =>
  ({ agreement: { agreementId, lines }, version: 1, status }) as unknown as AgreementVersion;

describe('the what-if form', () => {
  const lines = lineChoicesOf([
    version('AGR-2', 'active', [line('plant/2', 'bolt', { serviceLevel: { measure: 'fill-rate', target: 0.95 }, reviewPeriodDays: 7 })]),
    version('AGR-1', 'active', [line('plant-1', 'nut', { minimumOrderQuantity: 10 })]),
    version('AGR-OLD', 'retired', [line('plant-1', 'washer')]),
  ]);
  const bolt = lines.find((l) => l.itemId === 'bolt')!;

  it("offers the lines of the party's active agreements with the terms a scenario may change", () => {
    expect(lines.map((l) => l.label)).toEqual(['AGR-1: site plant-1 x item nut', 'AGR-2: site plant/2 x item bolt']);
    expect(bolt.key).toBe(lineKeyOf('AGR-2', 'plant/2', 'bolt'));
    expect(bolt.key).toBe('AGR-2/plant%2F2/bolt');
    expect(bolt.terms).toEqual({ serviceLevel: 95, leadTimeDays: 5, reviewPeriodDays: 7, minimum: 20, maximum: 80 });
    expect(bolt.serviceLevelMeasure).toBe('fill-rate');
    expect(bolt.safetyStock).toBe('none');
    expect(
      lineChoicesOf([version('AGR-3', 'active', [line('p', 'i', { safetyStock: { method: 'days-of-cover', days: 4 } })])])[0].safetyStock,
    ).toBe('4 days of cover');
  });

  it('asks replenishment for one scenario per filled row: a name alone runs the line as signed', () => {
    const read = whatIfRequestOfForm(
      {
        line: bolt.key,
        demand: '12, 30 8\n22;41',
        bucketDays: '30',
        warmUpBuckets: '1',
        [scenarioField(0, 'name')]: 'as signed',
        [scenarioField(1, 'name')]: 'faster and leaner',
        [scenarioField(1, 'serviceLevel')]: '99',
        [scenarioField(1, 'leadTimeDays')]: '3',
        [scenarioField(1, 'minimumOrderQuantity')]: '25.5',
        [scenarioField(3, 'maximum')]: '120',
      },
      lines,
    );
    expect(read).toEqual({
      ok: true,
      body: {
        agreementId: 'AGR-2',
        siteId: 'plant/2',
        itemId: 'bolt',
        demand: [12, 30, 8, 22, 41],
        bucketDays: 30,
        warmUpBuckets: 1,
        scenarios: [
          { name: 'as signed' },
          {
            name: 'faster and leaner',
            lineOverrides: { serviceLevel: { measure: 'fill-rate', target: 0.99 }, leadTimeDays: 3, minimumOrderQuantity: 25.5 },
          },
          { name: 'scenario 4', lineOverrides: { maximum: 120 } },
        ],
      },
    });
  });

  it('names every problem in the words of the form', () => {
    const read = whatIfRequestOfForm(
      {
        line: 'AGR-9/x/y',
        demand: '1, two, 3',
        bucketDays: '5',
        warmUpBuckets: '-1',
        [scenarioField(0, 'name')]: 'a',
        [scenarioField(0, 'serviceLevel')]: '100',
        [scenarioField(1, 'name')]: 'a',
        [scenarioField(1, 'leadTimeDays')]: '2.5',
      },
      lines,
    );
    expect(read).toEqual({
      ok: false,
      problems: [
        'Pick one of your agreement lines.',
        'Demand must be quantities from 0 to 1000000000 (got two).',
        'Days per bucket must be one of 1, 7, 30.',
        'Warm-up buckets must be a whole number from 0 (got -1).',
        'Scenario "a": service level % must be a number between 0 and 100, both excluded (got 100).',
        'Scenario "a": lead time (days) must be a whole number from 0 to 365 (got 2.5).',
        'Two scenarios are named "a": give each its own name.',
      ],
    });
  });

  it('needs a demand history and at least one scenario', () => {
    expect(whatIfRequestOfForm({ line: bolt.key, demand: ' ', bucketDays: '1' }, lines)).toEqual({
      ok: false,
      problems: [
        'Give the demand history: one quantity per bucket, oldest first.',
        'Fill in at least one scenario (a name alone runs the line as signed).',
      ],
    });
  });
});
