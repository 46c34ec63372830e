import { deadLetterTopicOf, inboundTopics, ShipmentUpdate, StockMovement, supplierInboundTopics, topics } from '@smi/contracts';
import { fromTheirOwnBuyer, fromTheirOwnSupplier, Inbound } from './inbound';
import { partyAcls, platformAcls, servicePrincipalOf } from './kafka-acls';

describe('the broker rules of the platform', () => {
  afterEach(() => delete process.env.SMI_TOPIC_PREFIX);

  it('lets a buyer write its own inbound topics and nothing else, a supplier read its own outbound topic and write its own logistics reports, and nothing else', () => {
    expect(partyAcls({ id: 'acme', kind: 'buyer' })).toEqual([
      { principal: 'party-acme', resource: 'topic', name: 'smi.in.acme.stock-movements.v1', match: 'literal', operation: 'write' },
      { principal: 'party-acme', resource: 'topic', name: 'smi.in.acme.buyer-forecasts.v1', match: 'literal', operation: 'write' },
    ]);
    expect(partyAcls({ id: 'northwind', kind: 'supplier' })).toEqual([
      { principal: 'party-northwind', resource: 'topic', name: 'smi.out.northwind.shipments.v1', match: 'literal', operation: 'read' },
      {
        principal: 'party-northwind',
        resource: 'topic',
        name: 'smi.in.northwind.shipment-updates.v1',
        match: 'literal',
        operation: 'write',
      },
      { principal: 'party-northwind', resource: 'group', name: 'smi.party-northwind', match: 'prefixed', operation: 'read' },
    ]);
    expect(partyAcls({ id: 'ops', kind: 'operator' })).toEqual([]);
    // An id no topic can be named after: no topic, no rule (that party integrates over HTTP).
    expect(partyAcls({ id: 'acme motors', kind: 'buyer' })).toEqual([]);
  });

  it('lets each platform topic be written by the one service that publishes it', () => {
    const writers = (name: string) =>
      platformAcls()
        .filter((acl) => acl.operation === 'write' && acl.name === name)
        .map((acl) => acl.principal);
    expect(writers(topics.stockMovements.name)).toEqual([servicePrincipalOf('inventory-ingest')]);
    expect(writers(topics.demandForecasts.name)).toEqual([servicePrincipalOf('forecasting')]);
    expect(writers(topics.agreements.name)).toEqual([servicePrincipalOf('replenishment')]);
    expect(writers(topics.buyerForecasts.name)).toEqual([]);
    expect(writers('smi.out.')).toEqual([servicePrincipalOf('shipment')]);
  });

  it('lets notification read every topic it alerts on, and write only its notifications and dead letters', () => {
    const acls = platformAcls().filter((acl) => acl.principal === servicePrincipalOf('notification') && acl.resource === 'topic');
    const named = (operation: string) =>
      acls
        .filter((acl) => acl.operation === operation)
        .map((acl) => acl.name)
        .sort();
    // Every service reads the agreements.
    expect(named('read')).toEqual(
      [
        topics.agreements,
        topics.replenishmentOrders,
        topics.slaBreaches,
        topics.shipments,
        topics.penalties,
        topics.penaltyDisputes,
        topics.stockLevels,
        topics.demandForecasts,
      ]
        .map((t) => t.name)
        .sort(),
    );
    expect(named('write')).toEqual([deadLetterTopicOf('notification'), topics.notifications.name]);
  });

  it('lets sla-monitor read the stock levels, orders, shipments and forecast accuracy it judges the service level on', () => {
    const read = platformAcls()
      .filter((acl) => acl.principal === servicePrincipalOf('sla-monitor') && acl.resource === 'topic' && acl.operation === 'read')
      .map((acl) => acl.name);
    expect(read).toEqual(
      expect.arrayContaining([
        topics.stockLevels.name,
        topics.replenishmentOrders.name,
        topics.shipments.name,
        topics.forecastAccuracy.name,
      ]),
    );
    expect(read).not.toContain(topics.stockMovements.name);
  });

  it('lets replenishment read the shipments, whose advance shipping notices say what of each order will come', () => {
    const read = platformAcls()
      .filter((acl) => acl.principal === servicePrincipalOf('replenishment') && acl.resource === 'topic' && acl.operation === 'read')
      .map((acl) => acl.name);
    expect(read).toEqual(expect.arrayContaining([topics.stockLevels.name, topics.demandForecasts.name, topics.shipments.name]));
  });

  it('lets sla-monitor alone write the penalties and their disputes', () => {
    const writers = (name: string) =>
      platformAcls()
        .filter((acl) => acl.resource === 'topic' && acl.operation === 'write' && acl.name === name)
        .map((acl) => acl.principal);
    expect(writers(topics.penalties.name)).toEqual([servicePrincipalOf('sla-monitor')]);
    expect(writers(topics.penaltyDisputes.name)).toEqual([servicePrincipalOf('sla-monitor')]);
  });

  it('lets only inventory-ingest, forecasting and shipment read the inbound topics', () => {
    const readers = platformAcls([
      { id: 'acme', kind: 'buyer' },
      { id: 'northwind', kind: 'supplier' },
    ]).filter((acl) => acl.operation === 'read' && acl.name.startsWith('smi.in.'));
    expect(readers.map((acl) => [acl.principal, acl.name, acl.match])).toEqual([
      ['smi-inventory-ingest', 'smi.in.', 'prefixed'],
      ['smi-forecasting', 'smi.in.', 'prefixed'],
      ['smi-shipment', 'smi.in.', 'prefixed'],
    ]);
  });

  it("names topics and groups in the process's namespace", () => {
    process.env.SMI_TOPIC_PREFIX = 'run-1.';
    process.env.SMI_CONSUMER_GROUP_PREFIX = 'run-1';
    try {
      for (const acl of platformAcls([{ id: 'acme', kind: 'buyer' }])) expect(acl.name).toMatch(/^run-1\./);
    } finally {
      delete process.env.SMI_CONSUMER_GROUP_PREFIX;
    }
  });
});

describe('records on a per-buyer topic', () => {
  const record = (topic: string, buyerId: string, key = `${buyerId}|s|i`): Inbound<StockMovement> => ({
    event: { buyerId, siteId: 's', itemId: 'i' } as StockMovement,
    key,
    topic,
    partition: 0,
    offset: '0',
    headers: {},
  });

  it('are taken when they name the buyer of their topic and refused with the reason when they name another', () => {
    const topic = inboundTopics.stockMovements.of('acme').name;
    const own = record(topic, 'acme');
    const foreign = record(topic, 'globex');
    const { accepted, rejected } = fromTheirOwnBuyer([own, foreign], inboundTopics.stockMovements);
    expect(accepted).toEqual([own]);
    expect(rejected).toEqual([{ record: foreign, reason: `buyerId "globex" is not the buyer of topic ${topic}` }]);
  });

  it('are refused when their key is not their site x item: the key decides the partition that keeps their order', () => {
    const topic = inboundTopics.stockMovements.of('acme').name;
    const unkeyed = record(topic, 'acme', null as unknown as string);
    const elsewhere = record(topic, 'acme', 'acme|s|other');
    const { accepted, rejected } = fromTheirOwnBuyer([unkeyed, elsewhere], inboundTopics.stockMovements);
    expect(accepted).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual([
      `the record's key null is not its event's "acme|s|i"`,
      `the record's key "acme|s|other" is not its event's "acme|s|i"`,
    ]);
  });
});

describe('records on a per-supplier topic', () => {
  it('are taken when they name the supplier of their topic and refused with the reason when they name another', () => {
    const topic = supplierInboundTopics.shipmentUpdates.of('northwind').name;
    const record = (supplierId: string): Inbound<ShipmentUpdate> => ({
      event: { supplierId, shipmentId: 'SHP-1' } as ShipmentUpdate,
      key: 'SHP-1',
      topic,
      partition: 0,
      offset: '0',
      headers: {},
    });
    const own = record('northwind');
    const foreign = record('globex');
    const { accepted, rejected } = fromTheirOwnSupplier([own, foreign], supplierInboundTopics.shipmentUpdates);
    expect(accepted).toEqual([own]);
    expect(rejected).toEqual([{ record: foreign, reason: `supplierId "globex" is not the supplier of topic ${topic}` }]);
  });
});
