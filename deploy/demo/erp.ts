/**
 * Acme Motors' ERP: books consumption and goods receipts at its plants, as StockMovements on its
 * own Kafka topic (through its own principal), and over REST on some days. It keeps its own stock
 * book, so it never consumes what the shelf does not hold: when a line runs dry the demand is lost,
 * and the platform estimates it.
 */
import { AgreementLine } from '@smi/agreements';
import { inboundTopics, StockMovement } from '@smi/contracts';
import { EventPublisher } from '@smi/messaging';
import { postAs } from './api';
import { momentOf } from './calendar';

export const BUYER = 'acme-motors';
export const lineKey = (siteId: string, itemId: string) => `${siteId}|${itemId}`;

/** Mean daily consumption per item: brake pads and filters steady, coolant heavy enough to run out. */
const DAILY_DEMAND: Record<string, number> = { 'brake-pad-bp100': 11, 'oil-filter-of220': 8, 'coolant-c5l': 30 };

/** The scripted extra shift at Turin: coolant use more than doubles for a week of the first month. */
export const SURGE = { siteId: 'plant-turin', itemId: 'coolant-c5l', fromDay: 7, days: 7, factor: 2.4 };

/** Deterministic pseudo-random numbers, so every demo run (and a re-run of one day) tells the same story. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

export class AcmeErp {
  /** The ERP's own stock book per site x item. */
  readonly book = new Map<string, number>();

  constructor(
    private readonly publisher: EventPublisher,
    readonly lines: AgreementLine[],
  ) {}

  /** What a line would consume on a day if the shelf held enough. */
  demandOn(day: string, dayOfRun: number, line: AgreementLine): number {
    const mean = DAILY_DEMAND[line.itemId] ?? 5;
    const random = mulberry32(seedOf(`${day}|${line.siteId}|${line.itemId}`))();
    const surging =
      line.siteId === SURGE.siteId && line.itemId === SURGE.itemId && dayOfRun >= SURGE.fromDay && dayOfRun < SURGE.fromDay + SURGE.days;
    return Math.max(1, Math.round(mean * (0.6 + 0.8 * random) * (surging ? SURGE.factor : 1)));
  }

  movement(
    id: string,
    line: { siteId: string; itemId: string; unit: string },
    kind: StockMovement['kind'],
    quantity: number,
    at: Date,
    orderReference: string | null = null,
  ): StockMovement {
    return {
      eventId: id,
      buyerId: BUYER,
      siteId: line.siteId,
      itemId: line.itemId,
      kind,
      quantity,
      unit: line.unit,
      occurredAt: at,
      source: 'demo-acme-erp',
      orderReference,
    };
  }

  /** Sends movements the way the ERP does that day: over REST, or on its Kafka topic. */
  async send(movements: StockMovement[], overRest: boolean): Promise<void> {
    if (movements.length === 0) return;
    for (const m of movements) {
      const key = lineKey(m.siteId, m.itemId);
      const before = this.book.get(key) ?? 0;
      this.book.set(key, m.kind === 'CONSUMPTION' ? before - m.quantity : m.kind === 'RECEIPT' ? before + m.quantity : m.quantity);
    }
    if (overRest) {
      const answer = await postAs('buyer', 'ingest', '/stock-movements', { movements });
      if (answer.status !== 202) throw new Error(`REST ingest answered ${answer.status}: ${answer.text}`);
    } else {
      for (const m of movements) await this.publisher.publish(inboundTopics.stockMovements.of(BUYER), m);
    }
  }

  /** The day's consumption at 14:00, never more than the shelf holds; the ids name the day and line, so a re-run day is applied once. */
  consumptionOf(day: string, dayOfRun: number): { movements: StockMovement[]; lost: string[] } {
    const movements: StockMovement[] = [];
    const lost: string[] = [];
    for (const line of this.lines) {
      const wanted = this.demandOn(day, dayOfRun, line);
      const onShelf = Math.max(0, this.book.get(lineKey(line.siteId, line.itemId)) ?? 0);
      const taken = Math.min(wanted, onShelf);
      if (taken < wanted) lost.push(`${line.siteId} ${line.itemId} wanted ${wanted}, shelf had ${onShelf}`);
      if (taken > 0)
        movements.push(
          this.movement(`demo|${day}|${line.siteId}|${line.itemId}|CONSUMPTION`, line, 'CONSUMPTION', taken, momentOf(day, 14)),
        );
    }
    return { movements, lost };
  }
}
