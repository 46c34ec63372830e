import { inboundTopics, subjectOf, topics } from './topics';

describe('per-buyer inbound topics', () => {
  afterEach(() => delete process.env.SMI_TOPIC_PREFIX);

  it("names a buyer's topic after the buyer and tells the buyer back from the name", () => {
    const topic = inboundTopics.stockMovements.of('acme-motors');
    expect(topic.name).toBe('smi.in.acme-motors.stock-movements.v1');
    expect(inboundTopics.stockMovements.partyOf(topic.name)).toBe('acme-motors');
    expect(inboundTopics.buyerForecasts.partyOf(topic.name)).toBeUndefined();
    expect(inboundTopics.stockMovements.partyOf(topics.stockMovements.name)).toBeUndefined();
    // A buyer id with dots is still one buyer.
    expect(inboundTopics.stockMovements.partyOf(inboundTopics.stockMovements.of('a.b').name)).toBe('a.b');
  });

  it('carries the contract of the topic it feeds: schema, subject, key', () => {
    const topic = inboundTopics.buyerForecasts.of('acme-motors');
    expect(topic.schemaFile).toBe(topics.buyerForecasts.schemaFile);
    expect(subjectOf(topic)).toBe(subjectOf(topics.buyerForecasts));
    const forecast = { buyerId: 'acme-motors', siteId: 's', itemId: 'i' } as Parameters<typeof topic.keyOf>[0];
    expect(topic.keyOf(forecast)).toBe(topics.buyerForecasts.keyOf(forecast));
  });

  it("lives in the process's namespace", () => {
    process.env.SMI_TOPIC_PREFIX = 'run-1.';
    expect(inboundTopics.stockMovements.of('x').name).toBe('run-1.smi.in.x.stock-movements.v1');
    expect(inboundTopics.stockMovements.pattern.test('run-1.smi.in.x.stock-movements.v1')).toBe(true);
    expect(inboundTopics.stockMovements.pattern.test('smi.in.x.stock-movements.v1')).toBe(false);
  });
});
