import { AvroCodec, StockMovement, topics } from '@smi/contracts';
import { canonicalHashOf, channelOf } from './inbox';

describe('the canonical hash of an event body', () => {
  const movement: StockMovement = {
    eventId: 'mv-1',
    buyerId: 'acme',
    siteId: 'lyon',
    itemId: 'pad',
    kind: 'RECEIPT',
    quantity: 12.5,
    unit: 'EA',
    occurredAt: new Date('2026-03-02T10:00:00.123Z'),
    source: 'rest',
    orderReference: null,
  };

  it('is the same for an event built from JSON and the same event decoded from Avro', async () => {
    const codec = new AvroCodec();
    const decoded = await codec.decode(topics.stockMovements, await codec.encode(topics.stockMovements, movement));
    expect(canonicalHashOf(decoded)).toBe(canonicalHashOf(movement));
  });

  it('ignores the order of fields and absent ones, and tells any changed value apart', () => {
    const reordered = Object.fromEntries(Object.entries(movement).reverse());
    expect(canonicalHashOf({ ...reordered, extra: undefined })).toBe(canonicalHashOf(movement));
    expect(canonicalHashOf({ ...movement, quantity: 12.6 })).not.toBe(canonicalHashOf(movement));
    expect(canonicalHashOf({ ...movement, occurredAt: new Date('2026-03-02T10:00:00.124Z') })).not.toBe(canonicalHashOf(movement));
    expect(canonicalHashOf({ ...movement, orderReference: 'null' })).not.toBe(canonicalHashOf(movement));
  });
});

describe('the channel a record came through', () => {
  it('is the one its header names when an API produced it, else Kafka', () => {
    expect([channelOf('rest'), channelOf('edi'), channelOf(undefined), channelOf('forged')]).toEqual(['rest', 'edi', 'kafka', 'kafka']);
  });
});
