import { Agreement, AgreementLine } from '@smi/agreements';
import { StockMovement } from '@smi/contracts';
import { testAgreement, writeAgreementsFile, writeTestParties } from '@smi/testing';

/**
 * What the bench feeds the platform: one buyer, its site x items under agreements with one
 * supplier, and their stock movements.
 *
 * Every line is min-max with reorder point 10 and order-up-to 20, so the engine's decision is
 * easy to predict: the throughput workload receives each site x item to 15 (even ones) or 8
 * (odd ones), then consumes 1 at a time. The even ones reach the reorder point on their fifth
 * consumption, the odd ones on their receipt, and run out on their eighth consumption: every
 * site x item gets one order, half of them a stockout, so replenishment, shipment and
 * sla-monitor all do real work. The latency workload receives its site x items to 20 and then
 * consumes 11 at a time: each consumption takes the inventory position from 20 to 9, below the
 * reorder point, so each one raises an order of 11.
 */
export const REORDER_POINT = 10;
export const ORDER_UP_TO = 20;
export const LATENCY_CONSUMPTION = ORDER_UP_TO - REORDER_POINT + 1;
/** Lines per agreement: one agreement version travels as one record on the agreements topic. */
const LINES_PER_AGREEMENT = 500;

export interface SiteItem {
  siteId: string;
  itemId: string;
}

export interface BenchParties {
  buyerId: string;
  /** The buyer's API key, for what it sends over HTTP. */
  buyerApiKey: string;
  supplierId: string;
  agreementsFile: string;
  partiesFile: string;
}

/** Spreads site x items over sites of 100 items each, as a buyer's plants would hold them. */
export function siteItems(count: number, prefix: string): SiteItem[] {
  return Array.from({ length: count }, (_, n) => ({ siteId: `${prefix}-site-${Math.floor(n / 100)}`, itemId: `item-${n % 100}` }));
}

export function writeBenchAgreements(covered: SiteItem[]): BenchParties {
  const parties = writeTestParties();
  const agreements: Agreement[] = [];
  for (let start = 0; start < covered.length; start += LINES_PER_AGREEMENT) {
    const lines = covered.slice(start, start + LINES_PER_AGREEMENT).map(lineFor);
    agreements.push(
      testAgreement({
        agreementId: `bench-${parties.buyer}-${agreements.length}`,
        buyerId: parties.buyer,
        supplierId: parties.supplier,
        lines,
      }),
    );
  }
  return {
    buyerId: parties.buyer,
    buyerApiKey: parties.keys.buyer,
    supplierId: parties.supplier,
    agreementsFile: writeAgreementsFile(agreements),
    partiesFile: parties.file,
  };
}

const lineFor = ({ siteId, itemId }: SiteItem): AgreementLine => ({
  siteId,
  itemId,
  unit: 'EA',
  policy: 'min-max',
  minimum: REORDER_POINT,
  maximum: ORDER_UP_TO,
  leadTimeDays: 3,
  packMultiple: 1,
  unitPrice: 2.5,
});

export function movement(buyerId: string, at: SiteItem, eventId: string, kind: 'RECEIPT' | 'CONSUMPTION', quantity: number): StockMovement {
  return { eventId, buyerId, ...at, kind, quantity, unit: 'EA', occurredAt: new Date(), source: 'bench-pipeline', orderReference: null };
}

/**
 * The throughput workload in rounds: every site x item's receipt, then every one's first
 * consumption, and so on, so one key's movements are spread over the whole topic as a buyer's
 * many sites would send them. `total` is rounded down to whole rounds.
 */
export function* throughputMovements(buyerId: string, keys: SiteItem[], total: number): Generator<StockMovement> {
  const rounds = Math.floor(total / keys.length);
  for (let round = 0; round < rounds; round++) {
    for (let n = 0; n < keys.length; n++) {
      const eventId = `${buyerId}-${n}-${round}`;
      yield round === 0
        ? movement(buyerId, keys[n], eventId, 'RECEIPT', n % 2 === 0 ? 15 : 8)
        : movement(buyerId, keys[n], eventId, 'CONSUMPTION', 1);
    }
  }
}
