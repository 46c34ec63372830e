import { ForecastAccuracy, ReplenishmentOrder, Shipment } from '@smi/contracts';
import { accuraciesOf, OrderedLine, orderedLinesOf, ShippedLine, shippedLinesOf } from './delivery-facts';

const order = (orderId: string, status: string, overrides: Partial<ReplenishmentOrder> = {}): ReplenishmentOrder =>
  ({
    orderId,
    status,
    agreementId: 'AGR-1',
    agreementVersion: 2,
    buyerId: 'acme',
    supplierId: 'northwind',
    siteId: 'lyon',
    itemId: 'pad',
    quantity: 40,
    decidedAt: new Date('2026-03-02T09:00:00Z'),
    expectedDeliveryAt: new Date('2026-03-05T09:00:00Z'),
    ...overrides,
  }) as ReplenishmentOrder;

const shipment = (status: Shipment['status'], statusChangedAt: string, overrides: Partial<Shipment> = {}): Shipment =>
  ({
    shipmentId: 'SHP-1',
    orderId: 'ORD-1',
    agreementId: 'AGR-1',
    siteId: 'lyon',
    itemId: 'pad',
    quantity: 40,
    status,
    statusChangedAt: new Date(statusChangedAt),
    expectedDeliveryAt: new Date('2026-03-06T09:00:00Z'),
    promisedDeliveryAt: new Date('2026-03-05T09:00:00Z'),
    receivedQuantity: null,
    deliveredAt: null,
    lines: [
      {
        orderId: 'ORD-1',
        itemId: 'pad',
        unit: 'EA',
        orderedQuantity: 40,
        dispatchedQuantity: 30,
        receivedQuantity: 0,
        receiptEventIds: [],
      },
    ],
    ...overrides,
  }) as Shipment;

describe('order lines from order events', () => {
  it('keeps a released order as ordered when decided, promised for its expected delivery, with the agreed lead time', () => {
    const { released, withdrawn, touches } = orderedLinesOf([order('ORD-1', 'AWAITING_APPROVAL'), order('ORD-1', 'RELEASED')], () => 3);
    expect(released).toEqual([
      {
        orderId: 'ORD-1',
        agreementId: 'AGR-1',
        agreementVersion: 2,
        buyerId: 'acme',
        supplierId: 'northwind',
        siteId: 'lyon',
        itemId: 'pad',
        orderedAt: new Date('2026-03-02T09:00:00Z'),
        promisedAt: new Date('2026-03-05T09:00:00Z'),
        orderedQuantity: 40,
        agreedLeadTimeDays: 3,
        withdrawn: false,
      },
    ]);
    expect(withdrawn).toEqual([]);
    expect(touches).toEqual([
      { agreementId: 'AGR-1', siteId: 'lyon', itemId: 'pad', period: '2026-03', touchedAt: new Date('2026-03-02T09:00:00Z') },
    ]);
  });

  it('withdraws an order rejected after its release, in the batch or stored before', () => {
    const { released, withdrawn } = orderedLinesOf(
      [order('ORD-1', 'RELEASED'), order('ORD-1', 'REJECTED'), order('ORD-0', 'REJECTED'), order('ORD-2', 'EXPIRED')],
      () => 3,
    );
    expect(released.map((l) => [l.orderId, l.withdrawn])).toEqual([['ORD-1', true]]);
    expect(withdrawn).toEqual(['ORD-0']);
  });
});

describe('shipped lines from shipment events', () => {
  it('keeps the newest status of each order line, whatever order the batch holds them in', () => {
    const delivered = shipment('PARTIALLY_RECEIVED', '2026-03-07T10:00:00Z', {
      deliveredAt: new Date('2026-03-07T10:00:00Z'),
      lines: [
        {
          orderId: 'ORD-1',
          itemId: 'pad',
          unit: 'EA',
          orderedQuantity: 40,
          dispatchedQuantity: 30,
          receivedQuantity: 20,
          receiptEventIds: ['lvl-9'],
        },
      ],
    });
    const { shipped, touches } = shippedLinesOf([delivered, shipment('DISPATCHED', '2026-03-04T10:00:00Z')]);
    expect(shipped).toEqual([
      {
        orderId: 'ORD-1',
        shipmentId: 'SHP-1',
        itemId: 'pad',
        status: 'PARTIALLY_RECEIVED',
        statusChangedAt: new Date('2026-03-07T10:00:00Z'),
        dispatchedQuantity: 30,
        receivedQuantity: 20,
        deliveredAt: new Date('2026-03-07T10:00:00Z'),
        receiptEventIds: ['lvl-9'],
      },
    ]);
    // The promised month and the delivered month are touched.
    expect(touches.map((t) => t.period)).toEqual(['2026-03', '2026-03']);
  });

  it('reads a record written before consolidation by its top-level order', () => {
    const { shipped } = shippedLinesOf([shipment('RECEIVED', '2026-04-01T00:00:00Z', { lines: [], receivedQuantity: 38 })]);
    expect(shipped.map((l) => [l.orderId, l.dispatchedQuantity, l.receivedQuantity])).toEqual([['ORD-1', 40, 38]]);
  });
});

describe('forecast accuracy kept', () => {
  const measured = (scope: 'SITE_ITEM' | 'AGREEMENT', mase: number, measuredAt: string): ForecastAccuracy =>
    ({
      eventId: `acc-${mase}`,
      scope,
      buyerId: 'acme',
      agreementId: 'AGR-1',
      siteId: scope === 'SITE_ITEM' ? 'lyon' : null,
      itemId: scope === 'SITE_ITEM' ? 'pad' : null,
      mase,
      throughPeriodStart: '2026-03-02',
      measuredAt: new Date(measuredAt),
    }) as ForecastAccuracy;

  it('keeps the latest measurement per subject and period', () => {
    const { kept, touches } = accuraciesOf([
      measured('SITE_ITEM', 0.9, '2026-03-09T00:00:00Z'),
      measured('SITE_ITEM', 0.7, '2026-03-08T00:00:00Z'),
      measured('AGREEMENT', 0.8, '2026-03-09T00:00:00Z'),
    ]);
    expect(kept.map((k) => [k.subject, k.mase])).toEqual([
      ['acme|lyon|pad', 0.9],
      ['AGR-1', 0.8],
    ]);
    expect(touches.map((t) => `${t.agreementId}|${t.siteId}|${t.itemId}|${t.period}`)).toEqual(['AGR-1|lyon|pad|2026-03']);
  });
});

describe('delivery facts from any order Kafka allows', () => {
  /** What the tables keep, applied as the repositories write: order lines upserted then withdrawn, shipped lines kept when not older. */
  function store(batches: ReadonlyArray<ReadonlyArray<{ order?: ReplenishmentOrder; shipment?: Shipment }>>) {
    const ordered = new Map<string, OrderedLine>();
    const shipped = new Map<string, ShippedLine>();
    const touched = new Map<string, number>();
    for (const batch of batches) {
      const orders = batch.flatMap((r) => (r.order ? [r.order] : []));
      const shipments = batch.flatMap((r) => (r.shipment ? [r.shipment] : []));
      const o = orderedLinesOf(orders, () => 2);
      for (const line of o.released) ordered.set(line.orderId, line);
      for (const id of o.withdrawn) if (ordered.has(id)) ordered.set(id, { ...ordered.get(id)!, withdrawn: true });
      const s = shippedLinesOf(shipments);
      for (const line of s.shipped) {
        const before = shipped.get(line.orderId);
        if (!before || before.statusChangedAt <= line.statusChangedAt) shipped.set(line.orderId, line);
      }
      for (const t of [...o.touches, ...s.touches]) {
        const key = `${t.agreementId}|${t.itemId}|${t.period}`;
        touched.set(key, Math.max(touched.get(key) ?? 0, t.touchedAt.getTime()));
      }
    }
    const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
    return { ordered: sorted(ordered), shipped: sorted(shipped), touched: sorted(touched) };
  }

  /** A small deterministic random source, so a failure can be replayed. */
  const randomFrom = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

  it('keeps the same order lines, shipped lines and touched months for any interleaving of the topics and any batch split', () => {
    // Per order (one key each): released, maybe vetoed; per shipment (its own key): planned, dispatched, received.
    const streams: Array<Array<{ order?: ReplenishmentOrder; shipment?: Shipment }>> = [];
    for (let n = 0; n < 12; n++) {
      const orderId = `ORD-${n}`;
      const day = String(1 + n).padStart(2, '0');
      const events: Array<{ order?: ReplenishmentOrder }> = [
        {
          order: order(orderId, 'RELEASED', {
            decidedAt: new Date(`2026-03-${day}T08:00:00Z`),
            expectedDeliveryAt: new Date(`2026-03-${day}T20:00:00Z`),
          }),
        },
      ];
      if (n % 4 === 3) events.push({ order: order(orderId, 'REJECTED') });
      streams.push(events);
      const line = (dispatched: number | null, received: number) => [
        {
          orderId,
          itemId: 'pad',
          unit: 'EA',
          orderedQuantity: 40,
          dispatchedQuantity: dispatched,
          receivedQuantity: received,
          receiptEventIds: [],
        },
      ];
      streams.push([
        { shipment: shipment('PLANNED', `2026-03-${day}T09:00:00Z`, { shipmentId: `SHP-${n}`, lines: line(null, 0) }) },
        { shipment: shipment('DISPATCHED', `2026-03-${day}T10:00:00Z`, { shipmentId: `SHP-${n}`, lines: line(40 - (n % 3), 0) }) },
        {
          shipment: shipment('RECEIVED', `2026-04-${day}T10:00:00Z`, {
            shipmentId: `SHP-${n}`,
            lines: line(40 - (n % 3), 40 - n),
            deliveredAt: new Date(`2026-04-${day}T10:00:00Z`),
          }),
        },
      ]);
    }
    const expected = store([streams.flat()]);
    expect(expected.ordered.filter(([, l]) => l.withdrawn)).toHaveLength(3);
    for (let seed = 1; seed <= 50; seed++) {
      const random = randomFrom(seed);
      // Any interleaving keeping each key's order: repeatedly take the next event of a random stream.
      const cursors = streams.map(() => 0);
      const interleaved: Array<{ order?: ReplenishmentOrder; shipment?: Shipment }> = [];
      while (interleaved.length < streams.flat().length) {
        const open = streams.map((s, i) => i).filter((i) => cursors[i] < streams[i].length);
        const i = open[Math.floor(random() * open.length)];
        interleaved.push(streams[i][cursors[i]++]);
      }
      const batches: Array<typeof interleaved> = [];
      for (let start = 0; start < interleaved.length;) {
        const size = 1 + Math.floor(random() * 7);
        batches.push(interleaved.slice(start, start + size));
        start += size;
      }
      expect(store(batches)).toEqual(expected);
    }
  });
});
