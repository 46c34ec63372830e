import { StockLevel } from '@smi/contracts';
import { applyLevel, StockPosition } from './stock-position';

const level = (overrides: Partial<StockLevel> = {}): StockLevel => ({
  eventId: 'mv-5/stock-level',
  buyerId: 'acme',
  siteId: 'plant-lyon',
  itemId: 'brake-pad',
  onHand: 35,
  unit: 'EA',
  sequence: 5,
  asOf: new Date('2026-03-04T10:00:00Z'),
  movementId: 'mv-5',
  movementKind: 'CONSUMPTION',
  movementQuantity: 5,
  orderReference: null,
  ...overrides,
});

const position: StockPosition = {
  buyerId: 'acme',
  siteId: 'plant-lyon',
  itemId: 'brake-pad',
  unit: 'EA',
  onHand: 40,
  sequence: 4,
  asOf: new Date('2026-03-04T09:00:00Z'),
  lastLevelEventId: 'mv-4/stock-level',
};

describe('stock position', () => {
  it('takes the first level of a site x item as its position', () => {
    expect(applyLevel(undefined, level(), 'EA')).toEqual({
      kind: 'applied',
      position: { ...position, onHand: 35, sequence: 5, asOf: new Date('2026-03-04T10:00:00Z'), lastLevelEventId: 'mv-5/stock-level' },
    });
  });

  it('takes a newer level', () => {
    const outcome = applyLevel(position, level({ sequence: 5, onHand: 20 }), 'EA');
    expect(outcome).toMatchObject({ kind: 'applied', position: { onHand: 20, sequence: 5 } });
  });

  it('keeps the position for a level at or below the last applied sequence', () => {
    expect(applyLevel(position, level({ sequence: 3, onHand: 1 }), 'EA')).toEqual({ kind: 'stale', position });
    expect(applyLevel(position, level({ sequence: 4, onHand: 1 }), 'EA')).toEqual({ kind: 'stale', position });
  });

  it('refuses a level in another unit than the agreement, naming the field', () => {
    expect(applyLevel(position, level({ unit: 'KG' }), 'EA')).toEqual({
      kind: 'refused',
      field: 'unit',
      problem: 'is KG but the agreement for plant-lyon x brake-pad is in EA',
    });
  });
});
