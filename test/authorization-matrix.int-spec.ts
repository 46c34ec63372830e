import { randomUUID } from 'node:crypto';
import { Agreement } from '@smi/agreements';
import { readSchemaFile, StockMovement, topics } from '@smi/contracts';
import {
  KafkaTestClient,
  mappedRoutes,
  ServiceName,
  ServiceProcess,
  SERVICE_PORTS,
  startServiceProcesses,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';

/**
 * Every route of every service against every kind of caller: no key, a wrong key, a buyer and its
 * supplier (pair 1), another buyer and another supplier (pair 2, foreign to pair 1's rows), and an
 * operator. Each status is written down below; a route a service maps without an entry here fails the
 * first test, so a new route cannot ship without its row. Requests that would change something are
 * chosen so that an allowed caller meets a conflict (409) instead, so every caller sees the same state.
 */
type Party = 'B1' | 'B2' | 'S1' | 'S2' | 'OP';
type Caller = 'no key' | 'wrong key' | Party;
/** The order callers are tried in: the owners last but one, so a foreign caller never meets a changed row. */
const CALLERS: Caller[] = ['no key', 'wrong key', 'B2', 'S2', 'OP', 'S1', 'B1'];

interface Pair {
  buyer: string;
  supplier: string;
  site: string;
  item: string;
  agreement: Agreement;
  receipt: StockMovement;
  orderId: string;
  shipmentId: string;
  /** An amendment its supplier proposed and withdrew: decided, so a decision on it meets a conflict. */
  proposalId: string;
}

interface Fixture {
  pairs: [Pair, Pair];
  capacityItem: string;
  demandHistory: number[];
}

interface Row {
  /** The request this row sends; pair 1's ids in it. */
  request: (f: Fixture) => { path: string; body?: unknown };
  /** Status for each party; without a key or with a wrong one, 401 unless the route is public. */
  status: Record<Party, number>;
  public?: boolean;
}

const same = (status: number): Record<Party, number> => ({ B1: status, B2: status, S1: status, S2: status, OP: status });
/** Pair 1's row: its parties and an operator get `own`; the other pair hears that it does not exist. */
const pairOnes = (own: number, overrides: Partial<Record<Party, number>> = {}): Record<Party, number> => ({
  B1: own,
  S1: own,
  OP: own,
  B2: 404,
  S2: 404,
  ...overrides,
});
const suppliersAndOperator = (status: number, buyers = 403): Record<Party, number> => ({
  B1: buyers,
  B2: buyers,
  S1: status,
  S2: status,
  OP: status,
});

/** A penalty id of pair 1's agreement line, as a path segment. */
const penaltyIdOf = (pair: Pair) =>
  encodeURIComponent(`${pair.agreement.agreementId}|v1|${pair.site}|${pair.item}|${new Date().toISOString().slice(0, 7)}|STOCKOUT_DAYS`);

const health: Row = { request: () => ({ path: '/health' }), status: same(200), public: true };
/** Every service's dead letters and metrics are an operator's: to anyone else there are none (404). */
const operatorOnly = (status: number): Record<Party, number> => ({ ...same(404), OP: status });
const operatorRoutes: Record<string, Row> = {
  'GET /metrics': { request: () => ({ path: '/metrics' }), status: operatorOnly(200) },
  'GET /dead-letters': { request: () => ({ path: '/dead-letters' }), status: operatorOnly(200) },
  'GET /dead-letters/:id': { request: () => ({ path: '/dead-letters/999999999' }), status: operatorOnly(404) },
  'POST /dead-letters/:id/replay': { request: () => ({ path: '/dead-letters/999999999/replay' }), status: operatorOnly(404) },
};

const EXPECTATIONS: Record<ServiceName, Record<string, Row>> = {
  'inventory-ingest': {
    'GET /health': health,
    ...operatorRoutes,
    'GET /stock-levels': { request: () => ({ path: '/stock-levels' }), status: same(200) },
    // A JSON body is no interchange: a buyer hears so (415), anyone else that only buyers send them.
    'POST /edi-interchanges': {
      request: () => ({ path: '/edi-interchanges', body: { interchange: 'matrix' } }),
      status: { B1: 415, B2: 415, S1: 403, S2: 403, OP: 403 },
    },
    'GET /edi-interchanges': { request: () => ({ path: '/edi-interchanges' }), status: { B1: 200, B2: 200, S1: 403, S2: 403, OP: 200 } },
    'GET /edi-interchanges/:id': { request: () => ({ path: '/edi-interchanges/00000000-0000-0000-0000-000000000000' }), status: same(404) },
    'GET /edi-cross-references': { request: () => ({ path: '/edi-cross-references' }), status: same(200) },
    // Pair 1's site x item: its buyer may map codes to it (the same entry each time), the other buyer may not.
    'PUT /edi-cross-references': {
      request: ({ pairs }) => ({
        path: '/edi-cross-references',
        body: { entries: [{ locationCode: 'MATRIX', itemCode: 'MATRIX', siteId: pairs[0].site, itemId: pairs[0].item }] },
      }),
      status: { B1: 200, B2: 422, S1: 403, S2: 403, OP: 403 },
    },
    // The setup's own receipt again: a repeat, accepted and applied once.
    'POST /stock-movements': {
      request: ({ pairs }) => ({ path: '/stock-movements', body: pairs[0].receipt }),
      status: { B1: 202, B2: 403, S1: 403, S2: 403, OP: 403 },
    },
    // A JSON body is no file: a buyer hears 415, anyone else that only a buyer uploads (a file holds its sender's rows only).
    'POST /stock-movement-files': {
      request: ({ pairs }) => ({ path: '/stock-movement-files', body: pairs[0].receipt }),
      status: { B1: 415, B2: 415, S1: 403, S2: 403, OP: 403 },
    },
    'GET /stock-movement-files/template': {
      request: ({ pairs }) => ({ path: `/stock-movement-files/template?agreementId=${pairs[0].agreement.agreementId}` }),
      status: pairOnes(200, { OP: 404 }),
    },
    // A buyer's own way of writing dates; the matrix's buyers set ISO, which is what they had.
    'GET /stock-movement-files/settings': {
      request: () => ({ path: '/stock-movement-files/settings' }),
      status: { B1: 200, B2: 200, S1: 403, S2: 403, OP: 403 },
    },
    'PUT /stock-movement-files/settings': {
      request: () => ({ path: '/stock-movement-files/settings', body: { dateFormat: 'ISO' } }),
      status: { B1: 200, B2: 200, S1: 403, S2: 403, OP: 403 },
    },
    'GET /stock-movement-files/:jobId': { request: () => ({ path: `/stock-movement-files/${randomUUID()}` }), status: same(404) },
    'GET /stock-movement-files/:jobId/rejections.csv': {
      request: () => ({ path: `/stock-movement-files/${randomUUID()}/rejections.csv` }),
      status: same(404),
    },
    'GET /subjects': { request: () => ({ path: '/subjects' }), status: same(200) },
    'GET /subjects/:subject/versions': { request: () => ({ path: '/subjects/smi.stock-movements.v1-value/versions' }), status: same(200) },
    'GET /subjects/:subject/versions/:version': {
      request: () => ({ path: '/subjects/smi.stock-movements.v1-value/versions/latest' }),
      status: same(200),
    },
    'GET /schemas/ids/:id': { request: () => ({ path: '/schemas/ids/999999' }), status: same(404) },
    // A look-up: registers nothing, so every party may ask.
    'POST /subjects/:subject': {
      request: () => ({
        path: '/subjects/smi.stock-movements.v1-value',
        body: { schema: JSON.stringify(readSchemaFile(topics.stockMovements.schemaFile)) },
      }),
      status: same(200),
    },
  },
  forecasting: {
    'GET /health': health,
    ...operatorRoutes,
    'GET /forecasts': { request: () => ({ path: '/forecasts' }), status: same(200) },
    'GET /forecast-accuracy': { request: () => ({ path: '/forecast-accuracy' }), status: same(200) },
    'POST /forecast-runs': { request: () => ({ path: '/forecast-runs' }), status: { ...same(403), OP: 200 } },
    'POST /buyer-forecasts': {
      request: ({ pairs: [one] }) => ({
        path: '/buyer-forecasts',
        body: {
          eventId: `bf-${one.item}`,
          buyerId: one.buyer,
          siteId: one.site,
          itemId: one.item,
          unit: 'EA',
          periodDays: 1,
          firstPeriodStart: '2026-08-01',
          quantities: [5, 6, 7],
          submittedAt: '2026-07-31T00:00:00Z',
        },
      }),
      status: { B1: 201, B2: 403, S1: 403, S2: 403, OP: 403 },
    },
    'POST /consumption-history': {
      request: ({ pairs: [one] }) => ({
        path: '/consumption-history',
        body: {
          buyerId: one.buyer,
          siteId: one.site,
          itemId: one.item,
          unit: 'EA',
          periodDays: 1,
          periods: [{ start: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), quantity: 5 }],
        },
      }),
      status: { B1: 200, B2: 403, S1: 403, S2: 403, OP: 403 },
    },
    // Sent as JSON here: a buyer is told the file must be text/csv; nobody else gets that far.
    'POST /consumption-history-files': {
      request: () => ({ path: '/consumption-history-files', body: {} }),
      status: { B1: 415, B2: 415, S1: 403, S2: 403, OP: 403 },
    },
  },
  replenishment: {
    'GET /health': health,
    ...operatorRoutes,
    'GET /orders': { request: () => ({ path: '/orders' }), status: same(200) },
    'GET /orders/:orderId': { request: ({ pairs }) => ({ path: `/orders/${pairs[0].orderId}` }), status: pairOnes(200) },
    // The order is released with no veto window: its buyer and an operator meet a conflict, its supplier a refusal.
    'POST /orders/:orderId/approve': {
      request: ({ pairs }) => ({ path: `/orders/${pairs[0].orderId}/approve` }),
      status: pairOnes(409, { S1: 403 }),
    },
    'POST /orders/:orderId/reject': {
      request: ({ pairs }) => ({ path: `/orders/${pairs[0].orderId}/reject`, body: { reason: 'matrix' } }),
      status: pairOnes(409, { S1: 403 }),
    },
    'GET /agreements': { request: () => ({ path: '/agreements' }), status: same(200) },
    'GET /agreements/export': { request: () => ({ path: '/agreements/export' }), status: same(200) },
    // An operator reads every agreement and proposes, accepts or imports none: consent is the parties' own.
    'POST /agreements/import': {
      request: ({ pairs }) => ({ path: '/agreements/import', body: { agreements: [pairs[0].agreement] } }),
      status: { B1: 200, S1: 200, OP: 403, B2: 403, S2: 403 },
    },
    'POST /agreements': {
      request: ({ pairs }) => ({ path: '/agreements', body: { ...pairs[0].agreement, changeReason: 'matrix' } }),
      status: { B1: 409, S1: 409, OP: 403, B2: 403, S2: 403 },
    },
    'GET /agreements/:agreementId/proposals': {
      request: ({ pairs }) => ({ path: `/agreements/${pairs[0].agreement.agreementId}/proposals` }),
      status: pairOnes(200),
    },
    'GET /agreement-proposals': { request: () => ({ path: '/agreement-proposals?status=withdrawn' }), status: same(200) },
    'GET /agreement-proposals/:proposalId': {
      request: ({ pairs }) => ({ path: `/agreement-proposals/${pairs[0].proposalId}` }),
      status: pairOnes(200),
    },
    // The proposal was withdrawn: its parties meet a conflict, except the proposer, who may not accept or reject its own.
    'POST /agreement-proposals/:proposalId/accept': {
      request: ({ pairs }) => ({ path: `/agreement-proposals/${pairs[0].proposalId}/accept`, body: {} }),
      status: pairOnes(409, { S1: 403, OP: 403 }),
    },
    'POST /agreement-proposals/:proposalId/reject': {
      request: ({ pairs }) => ({ path: `/agreement-proposals/${pairs[0].proposalId}/reject`, body: { reason: 'matrix' } }),
      status: pairOnes(409, { S1: 403, OP: 403 }),
    },
    'POST /agreement-proposals/:proposalId/withdraw': {
      request: ({ pairs }) => ({ path: `/agreement-proposals/${pairs[0].proposalId}/withdraw`, body: { reason: 'matrix' } }),
      status: pairOnes(409, { B1: 403, OP: 403 }),
    },
    'GET /agreements/:agreementId': {
      request: ({ pairs }) => ({ path: `/agreements/${pairs[0].agreement.agreementId}` }),
      status: pairOnes(200),
    },
    'GET /agreements/:agreementId/versions': {
      request: ({ pairs }) => ({ path: `/agreements/${pairs[0].agreement.agreementId}/versions` }),
      status: pairOnes(200),
    },
    'PUT /agreements/:agreementId': {
      request: ({ pairs }) => ({
        path: `/agreements/${pairs[0].agreement.agreementId}`,
        body: { ...pairs[0].agreement, changeReason: 'matrix', expectedVersion: 999 },
      }),
      status: pairOnes(409, { OP: 403 }),
    },
    'POST /agreements/:agreementId/retire': {
      request: ({ pairs }) => ({
        path: `/agreements/${pairs[0].agreement.agreementId}/retire`,
        body: { reason: 'matrix', expectedVersion: 999 },
      }),
      status: pairOnes(409, { OP: 403 }),
    },
    // Each supplier declares (again) its own capacity for an item: the same 200 each time.
    'PUT /supplier-capacities/:itemId': {
      request: ({ capacityItem }) => ({ path: `/supplier-capacities/${capacityItem}`, body: { periodDays: 7, quantityPerPeriod: 150 } }),
      status: { ...suppliersAndOperator(200), OP: 403 },
    },
    'DELETE /supplier-capacities/:itemId': {
      request: () => ({ path: `/supplier-capacities/never-declared` }),
      status: { ...suppliersAndOperator(404), OP: 403 },
    },
    'GET /supplier-capacities': { request: () => ({ path: '/supplier-capacities' }), status: suppliersAndOperator(200) },
    'POST /capacity-allocations': { request: () => ({ path: '/capacity-allocations' }), status: suppliersAndOperator(200) },
    'GET /capacity-requests': { request: () => ({ path: '/capacity-requests' }), status: same(200) },
    'GET /stock-projections': { request: () => ({ path: '/stock-projections' }), status: same(200) },
    'POST /what-if-simulations': {
      request: ({ pairs, demandHistory }) => ({
        path: '/what-if-simulations',
        body: { agreementId: pairs[0].agreement.agreementId, demand: demandHistory, bucketDays: 30, warmUpBuckets: 12 },
      }),
      status: pairOnes(200),
    },
  },
  shipment: {
    'GET /health': health,
    ...operatorRoutes,
    'GET /shipments': { request: () => ({ path: '/shipments' }), status: same(200) },
    'GET /shipments/:shipmentId': { request: ({ pairs }) => ({ path: `/shipments/${pairs[0].shipmentId}` }), status: pairOnes(200) },
    // Delivered in the setup: its supplier meets a conflict, its buyer and an operator a refusal.
    'POST /shipments/:shipmentId/dispatch': {
      request: ({ pairs }) => ({ path: `/shipments/${pairs[0].shipmentId}/dispatch` }),
      status: pairOnes(409, { B1: 403, OP: 403 }),
    },
    'POST /shipments/:shipmentId/deliver': {
      request: ({ pairs }) => ({ path: `/shipments/${pairs[0].shipmentId}/deliver` }),
      status: pairOnes(409, { B1: 403, OP: 403 }),
    },
    'POST /shipments/:shipmentId/delay': {
      request: ({ pairs }) => ({
        path: `/shipments/${pairs[0].shipmentId}/delay`,
        body: { expectedArrivalAt: '2099-01-01T00:00:00Z', reason: 'matrix' },
      }),
      status: pairOnes(409, { B1: 403, OP: 403 }),
    },
    'GET /unmatched-receipts': { request: () => ({ path: '/unmatched-receipts' }), status: same(200) },
    // Dispatched in the setup: its 856; its order released: its 850.
    'GET /shipments/:shipmentId/edi': {
      request: ({ pairs }) => ({ path: `/shipments/${pairs[0].shipmentId}/edi` }),
      status: pairOnes(200),
    },
    'GET /orders/:orderId/edi': { request: ({ pairs }) => ({ path: `/orders/${pairs[0].orderId}/edi` }), status: pairOnes(200) },
  },
  'sla-monitor': {
    'GET /health': health,
    ...operatorRoutes,
    'GET /breaches': { request: () => ({ path: '/breaches' }), status: same(200) },
    'GET /kpis': { request: () => ({ path: `/kpis?period=${new Date().toISOString().slice(0, 7)}` }), status: same(200) },
    'GET /penalties': { request: () => ({ path: '/penalties' }), status: same(200) },
    // Pair 1's month under no penalty term: its penalty id names nothing, for anyone.
    'GET /penalties/:penaltyId': { request: ({ pairs }) => ({ path: `/penalties/${penaltyIdOf(pairs[0])}` }), status: same(404) },
    'POST /penalties/:penaltyId/disputes': {
      request: ({ pairs }) => ({ path: `/penalties/${penaltyIdOf(pairs[0])}/disputes`, body: { reason: 'matrix' } }),
      status: same(404),
    },
    'GET /disputes': { request: () => ({ path: '/disputes' }), status: same(200) },
    'POST /disputes/:disputeId/accept': { request: () => ({ path: '/disputes/never-opened/accept', body: {} }), status: same(404) },
    'POST /disputes/:disputeId/reject': {
      request: () => ({ path: '/disputes/never-opened/reject', body: { reason: 'matrix' } }),
      status: same(404),
    },
    'GET /agreements/:agreementId/scorecard': {
      request: ({ pairs }) => ({ path: `/agreements/${pairs[0].agreement.agreementId}/scorecard` }),
      status: pairOnes(200),
    },
  },
  notification: {
    'GET /health': health,
    ...operatorRoutes,
    'GET /notifications': { request: () => ({ path: '/notifications' }), status: same(200) },
    // Another party's notification answers as one that does not exist.
    'GET /notifications/:notificationId': { request: () => ({ path: '/notifications/no-such-notification' }), status: same(404) },
    'GET /notification-preferences': { request: () => ({ path: '/notification-preferences' }), status: same(200) },
    // The test parties have no webhook: a buyer or supplier asking for one is refused (400) and nothing changes; an operator sets none.
    'PUT /notification-preferences': {
      request: () => ({ path: '/notification-preferences', body: { channel: 'WEBHOOK', mode: 'digest' } }),
      status: { ...same(400), OP: 403 },
    },
  },
};

const SERVICES = Object.keys(SERVICE_PORTS) as ServiceName[];
const ROWS = SERVICES.flatMap((service) => Object.entries(EXPECTATIONS[service]).map(([route, row]) => ({ service, route, row })));

describe('authorization matrix: every route x every caller', () => {
  const keys: Record<Caller, string | null> = {
    'no key': null,
    'wrong key': uniqueId('not-a-key'),
    B1: uniqueId('key'),
    B2: uniqueId('key'),
    S1: uniqueId('key'),
    S2: uniqueId('key'),
    OP: uniqueId('key'),
  };
  const pairOf = (n: 1 | 2) => {
    const buyer = uniqueId(`buyer${n}`);
    const supplier = uniqueId(`supplier${n}`);
    const site = uniqueId(`site${n}`);
    const item = uniqueId(`item${n}`);
    const agreement = testAgreement({
      agreementId: uniqueId(`AGR${n}`),
      buyerId: buyer,
      supplierId: supplier,
      lines: [{ siteId: site, itemId: item, unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 2, packMultiple: 10 }],
    });
    return { buyer, supplier, site, item, agreement };
  };
  const seeds = [pairOf(1), pairOf(2)];
  const fixture = {
    capacityItem: uniqueId('capacity-item'),
    demandHistory: [12, 30, 8, 22, 41, 15, 9, 27, 35, 11, 19, 44, 7, 25, 31, 14, 38, 10, 21, 29, 16, 46, 13, 24],
  } as Fixture;
  let services: ServiceProcess[] = [];
  let kafka: KafkaTestClient;

  const send = (service: ServiceName, method: string, path: string, caller: Caller, body?: unknown) => {
    const key = keys[caller];
    return fetch(`${services.find((s) => s.name === service)!.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(key ? { 'x-api-key': key } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    const env = {
      SMI_PARTIES_FILE: writePartiesFile([
        { id: seeds[0].buyer, kind: 'buyer', name: 'Buyer one', apiKey: keys.B1! },
        { id: seeds[1].buyer, kind: 'buyer', name: 'Buyer two', apiKey: keys.B2! },
        { id: seeds[0].supplier, kind: 'supplier', name: 'Supplier one', apiKey: keys.S1! },
        { id: seeds[1].supplier, kind: 'supplier', name: 'Supplier two', apiKey: keys.S2! },
        { id: uniqueId('operator'), kind: 'operator', name: 'Operator', apiKey: keys.OP! },
      ]),
      SMI_AGREEMENTS_FILE: writeAgreementsFile(seeds.map((s) => s.agreement)),
    };
    services = await startServiceProcesses(SERVICES, env, { timeoutMs: 120_000 });

    // Each pair gets rows of its own everywhere: stock, an order, and a shipment its supplier delivered.
    const pairs = await Promise.all(
      seeds.map(async (seed, i): Promise<Pair> => {
        const buyerKey: Caller = i === 0 ? 'B1' : 'B2';
        const supplierKey: Caller = i === 0 ? 'S1' : 'S2';
        const movement = (kind: StockMovement['kind'], quantity: number) => ({
          eventId: uniqueId('mv'),
          buyerId: seed.buyer,
          siteId: seed.site,
          itemId: seed.item,
          kind,
          quantity,
          unit: 'EA',
          occurredAt: new Date().toISOString(),
          source: 'matrix',
          orderReference: null,
        });
        const receipt = movement('RECEIPT', 100);
        expect((await send('inventory-ingest', 'POST', '/stock-movements', buyerKey, receipt)).status).toBe(202);
        await kafka.waitFor(topics.stockLevels, (l) => l.itemId === seed.item && l.onHand === 100);
        expect((await send('inventory-ingest', 'POST', '/stock-movements', buyerKey, movement('CONSUMPTION', 70))).status).toBe(202);
        const [order] = await kafka.waitFor(topics.replenishmentOrders, (o) => o.buyerId === seed.buyer);
        const [shipment] = await kafka.waitFor(topics.shipments, (s) => s.orderId === order.value.orderId && s.status === 'PLANNED');
        const { shipmentId } = shipment.value;
        expect((await send('shipment', 'POST', `/shipments/${shipmentId}/dispatch`, supplierKey)).status).toBe(200);
        expect((await send('shipment', 'POST', `/shipments/${shipmentId}/deliver`, supplierKey)).status).toBe(200);
        const amended = { ...seed.agreement, lines: seed.agreement.lines.map((l) => ({ ...l, leadTimeDays: l.leadTimeDays + 1 })) };
        const proposed = await send('replenishment', 'PUT', `/agreements/${seed.agreement.agreementId}`, supplierKey, {
          ...amended,
          changeReason: 'matrix',
        });
        expect(proposed.status).toBe(202);
        const { proposalId } = (await proposed.json()) as { proposalId: string };
        const withdrawn = await send('replenishment', 'POST', `/agreement-proposals/${proposalId}/withdraw`, supplierKey, {
          reason: 'matrix',
        });
        expect(withdrawn.status).toBe(200);
        return { ...seed, receipt: receipt as unknown as StockMovement, orderId: order.value.orderId, shipmentId, proposalId };
      }),
    );
    fixture.pairs = pairs as [Pair, Pair];
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await kafka?.disconnect();
  });

  it('has a row for every route each service maps, and no row for a route that is gone', () => {
    for (const service of services) {
      expect({ service: service.name, routes: mappedRoutes(service) }).toEqual({
        service: service.name,
        routes: Object.keys(EXPECTATIONS[service.name]).sort(),
      });
    }
  });

  /** What pair `n`'s parties must never see: every id of the other pair. */
  const idsOf = (pair: Pair) => [
    pair.buyer,
    pair.supplier,
    pair.site,
    pair.item,
    pair.agreement.agreementId,
    pair.orderId,
    pair.shipmentId,
    pair.proposalId,
  ];
  const partyIdsOf = (pair: Pair) => [pair.buyer, pair.supplier];
  const pairIndexOf = (caller: Caller): number | undefined => ({ B1: 0, S1: 0, B2: 1, S2: 1 })[caller as string];

  it.each(ROWS.map(({ service, route, row }) => [`${service} ${route}`, service, route, row] as const))(
    '%s answers each caller as written, and shows no party a row of the other pair',
    async (_name, service, route, row) => {
      const [method] = route.split(' ');
      const { path, body } = row.request(fixture);
      const seen: Record<string, number> = {};
      const leaks: string[] = [];
      for (const caller of CALLERS) {
        const response = await send(service, method, path, caller, body);
        seen[caller] = response.status;
        const text = await response.text();
        const mine = pairIndexOf(caller);
        if (mine === undefined) continue;
        const other = fixture.pairs[1 - mine];
        // A listing or a record shows nothing of the other pair; a refusal does not even name its parties.
        const forbidden = response.ok ? idsOf(other) : partyIdsOf(other);
        for (const id of forbidden)
          if (text.includes(id)) leaks.push(`${caller} got ${response.status} naming ${id}: ${text.slice(0, 300)}`);
      }
      const anonymous = row.public ? 200 : 401;
      expect(seen).toEqual({ 'no key': anonymous, 'wrong key': anonymous, ...row.status });
      expect(leaks).toEqual([]);
    },
  );

  it('shows each party its own rows in the listings, so the check above has something to find', async () => {
    const lists: Array<[ServiceName, string, (pair: Pair) => string]> = [
      ['inventory-ingest', '/stock-levels', (pair) => pair.site],
      ['replenishment', '/orders', (pair) => pair.orderId],
      ['replenishment', '/agreements', (pair) => pair.agreement.agreementId],
      ['shipment', '/shipments', (pair) => pair.shipmentId],
    ];
    for (const [service, path, idOf] of lists) {
      for (const [caller, pair] of [
        ['B1', fixture.pairs[0]],
        ['S1', fixture.pairs[0]],
        ['B2', fixture.pairs[1]],
        ['S2', fixture.pairs[1]],
      ] as const) {
        expect({ service, path, caller, sees: (await (await send(service, 'GET', path, caller)).text()).includes(idOf(pair)) }).toEqual({
          service,
          path,
          caller,
          sees: true,
        });
      }
      const all = await (await send(service, 'GET', path, 'OP')).text();
      expect(fixture.pairs.map((pair) => all.includes(idOf(pair)))).toEqual([true, true]);
    }
  });

  it('answers a foreign id exactly as an unknown one: same status, same message but for the id', async () => {
    const [one] = fixture.pairs;
    const byId: Array<[ServiceName, string, string]> = [
      ['replenishment', '/orders/', one.orderId],
      ['replenishment', '/agreements/', one.agreement.agreementId],
      ['shipment', '/shipments/', one.shipmentId],
    ];
    for (const [service, prefix, id] of byId) {
      for (const caller of ['B2', 'S2'] as const) {
        const unknownId = uniqueId('none');
        const foreign = await send(service, 'GET', `${prefix}${id}`, caller);
        const unknown = await send(service, 'GET', `${prefix}${unknownId}`, caller);
        expect([foreign.status, unknown.status]).toEqual([404, 404]);
        expect((await foreign.text()).replaceAll(id, '<id>')).toBe((await unknown.text()).replaceAll(unknownId, '<id>'));
      }
    }
  });
});
