import { AgreementBook } from '@smi/agreements';
import { testAgreement } from '@smi/testing';
import { StockMovement, siteItemKeyOf } from '@smi/contracts';
import { applyMovement, OnHand, projectMovements } from './on-hand-projection';

const now = new Date('2026-03-10T12:00:00Z');
let n = 0;
const movement = (
  itemId: string,
  kind: StockMovement['kind'],
  quantity: number,
  minutesAgo = 60,
  overrides: Partial<StockMovement> = {},
): StockMovement => ({
  eventId: `m-${++n}`,
  buyerId: 'acme',
  siteId: 'plant-1',
  itemId,
  kind,
  quantity,
  unit: 'EA',
  occurredAt: new Date(now.getTime() - minutesAgo * 60_000),
  source: 'erp',
  orderReference: null,
  ...overrides,
});

/** Applies movements one at a time, as the per-record projection did: the batch must agree with it. */
function oneByOne(movements: StockMovement[]): Map<string, OnHand> {
  const onHand = new Map<string, OnHand>();
  for (const m of movements) {
    const outcome = applyMovement(onHand.get(siteItemKeyOf(m)), m);
    if (outcome.kind === 'applied') onHand.set(siteItemKeyOf(m), outcome.onHand);
  }
  return onHand;
}

describe('on-hand projection', () => {
  it('adds receipts, subtracts consumption, takes a count as the new on-hand', () => {
    const moves = [
      movement('bolt', 'RECEIPT', 100, 50),
      movement('bolt', 'CONSUMPTION', 30, 40),
      movement('bolt', 'COUNT', 65, 30),
      movement('bolt', 'ADJUSTMENT', -5, 20),
    ];
    const { changed, stockLevels } = projectMovements(new Map(), moves, now);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ quantity: 60, sequence: 4, lastMovementId: moves[3].eventId });
    expect(stockLevels.map((s) => s.level.onHand)).toEqual([100, 70, 65, 60]);
    expect(stockLevels.map((s) => s.level.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('leaves the quantity alone for a movement from before the last count, but counts it in the sequence', () => {
    const count = movement('nut', 'COUNT', 40, 10);
    const late = movement('nut', 'CONSUMPTION', 5, 30);
    const { changed, stockLevels } = projectMovements(new Map(), [count, late], now);
    expect(changed[0]).toMatchObject({ quantity: 40, sequence: 2 });
    expect(stockLevels).toHaveLength(2);
  });

  it('folds each site x item in order from the on-hand it had, and changes each once', () => {
    const start: OnHand = { ...oneByOne([movement('gear', 'RECEIPT', 10)]).get('acme|plant-1|gear')! };
    const moves = [
      movement('gear', 'CONSUMPTION', 4),
      movement('cam', 'RECEIPT', 7),
      movement('gear', 'CONSUMPTION', 1),
      movement('cam', 'CONSUMPTION', 2),
    ];
    const { changed } = projectMovements(new Map([[siteItemKeyOf(start), start]]), moves, now);
    expect(Object.fromEntries(changed.map((o) => [o.itemId, [o.quantity, o.sequence]]))).toEqual({ gear: [5, 3], cam: [5, 2] });
  });

  it('refuses, by their place in the batch, a movement breaking a rule and one in another unit; the rest apply', () => {
    const moves = [
      movement('pin', 'RECEIPT', 10),
      movement('pin', 'CONSUMPTION', -3),
      movement('pin', 'CONSUMPTION', 2, 60, { unit: 'KG' }),
      movement('pin', 'CONSUMPTION', 4),
    ];
    const { changed, refused, stockLevels } = projectMovements(new Map(), moves, now);
    expect(refused).toEqual([
      { index: 1, reason: 'quantity must be greater than 0 for a CONSUMPTION (got -3)' },
      { index: 2, reason: 'unit is KG but plant-1 x pin is kept in EA' },
    ]);
    expect(stockLevels.map((s) => s.index)).toEqual([0, 3]);
    expect(changed[0]).toMatchObject({ quantity: 6, sequence: 2 });
  });

  it('gives the same on-hand as applying the movements one by one, for any split of the stream into batches', () => {
    const items = ['a', 'b', 'c'];
    const kinds: StockMovement['kind'][] = ['RECEIPT', 'CONSUMPTION', 'ADJUSTMENT', 'COUNT'];
    const stream = Array.from({ length: 300 }, (_, i) => movement(items[(i * 7) % 3], kinds[(i * 5) % 4], ((i * 13) % 9) + 1, 300 - i));
    const expected = oneByOne(stream);
    for (const size of [1, 7, 50, 300]) {
      let onHand = new Map<string, OnHand>();
      for (let start = 0; start < stream.length; start += size) {
        const { changed } = projectMovements(onHand, stream.slice(start, start + size), now);
        onHand = new Map([...onHand, ...changed.map((o) => [siteItemKeyOf(o), o] as const)]);
      }
      expect(onHand).toEqual(expected);
    }
  });
});

describe('movement bounds and the agreement in force', () => {
  const agreement = testAgreement({
    agreementId: 'A1',
    buyerId: 'acme',
    supplierId: 'supplier',
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    lines: [{ siteId: 'plant-1', itemId: 'bolt', unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 }],
  });
  const book = new AgreementBook([
    {
      agreement,
      version: 1,
      effectiveFrom: '2026-01-01T00:00:00.000Z',
      status: 'active',
      changedBy: 'supplier',
      changedAt: '2025-12-01T00:00:00.000Z',
      changeReason: 'signed',
    },
  ]);
  const terms = (coverage: 'required' | 'optional') => ({
    coverage,
    lineOf: (m: StockMovement) => book.lineFor(m.buyerId, m.siteId, m.itemId, m.occurredAt),
  });
  const reasons = (movements: StockMovement[], coverage: 'required' | 'optional') =>
    projectMovements(new Map(), movements, now, terms(coverage)).refused.map(({ index, reason }) => [index, reason]);

  it('refuses quantities beyond 1e9, NUL bytes and control characters in ids, naming the field', () => {
    expect(
      reasons(
        [
          movement('bolt', 'RECEIPT', 1e12),
          movement('bolt\u0000', 'RECEIPT', 1),
          movement('bolt', 'ADJUSTMENT', -2e9),
          movement('bolt', 'RECEIPT', 1, 60, { orderReference: 'PO\n1' }),
          movement('bolt', 'RECEIPT', 1e9),
        ],
        'optional',
      ),
    ).toEqual([
      [0, 'quantity must be at most 1,000,000,000 in size (got 1000000000000)'],
      [1, 'itemId must not contain control characters'],
      [2, 'quantity must be at most 1,000,000,000 in size (got -2000000000)'],
      [3, 'orderReference must not contain control characters'],
    ]);
  });

  it('refuses a movement in another unit than its agreement line, on either path; an uncovered one only where coverage is required', () => {
    const moves = [movement('bolt', 'RECEIPT', 5, 60, { unit: 'KG' }), movement('nut', 'RECEIPT', 5), movement('bolt', 'RECEIPT', 5)];
    expect(reasons(moves, 'optional')).toEqual([[0, 'unit is KG but agreement A1 keeps plant-1 x bolt in EA']]);
    expect(reasons(moves, 'required')).toEqual([
      [0, 'unit is KG but agreement A1 keeps plant-1 x bolt in EA'],
      [1, 'siteId plant-1 x nut is not covered by an agreement of acme in force at occurredAt'],
    ]);
    // Before the agreement's first day nothing covers the movement.
    expect(reasons([movement('bolt', 'RECEIPT', 5, 60 * 24 * 100)], 'required')).toEqual([
      [0, 'siteId plant-1 x bolt is not covered by an agreement of acme in force at occurredAt'],
    ]);
  });

  it('refuses a movement that would take on-hand beyond what storage holds, and applies the rest', () => {
    const receipts = Array.from({ length: 101 }, () => movement('bolt', 'RECEIPT', 1e9));
    const projected = projectMovements(new Map(), receipts, now);
    expect(projected.refused).toEqual([{ index: 100, reason: expect.stringMatching(/^quantity would take on-hand .* to 101000000000/) }]);
    expect(projected.changed[0].quantity).toBe(1e11);
  });
});
