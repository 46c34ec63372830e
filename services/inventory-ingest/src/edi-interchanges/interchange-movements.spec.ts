import type { InboundInterchange } from '@smi/edi';
import { projectMovements } from '../on-hand/on-hand-projection';
import { CrossReference } from '../edi-cross-references/cross-reference';
import { codesNamedIn, decideInterchange, movementsOfInterchange, takenIndexes } from './interchange-movements';

const BUYER = 'acme';
const periodEnd = new Date('2026-03-08T00:00:00Z');

const interchange = (overrides: Partial<InboundInterchange> = {}): InboundInterchange => ({
  standard: 'x12',
  controlNumber: '000000101',
  sender: 'ACMEMOTORS     ',
  receiver: 'SMIPLATFORM',
  reports: [
    {
      controlNumber: '0001',
      periodStart: new Date('2026-03-01T00:00:00Z'),
      periodEnd,
      lines: [
        { location: 'LYON01', item: 'BP-1', unit: 'EA', onHand: 40, consumed: 12, received: 20 },
        { location: 'LYON01', item: 'OF-2', unit: 'PCE', consumed: 5, received: 0 },
        { location: 'LYON01', item: 'XX-9', unit: 'EA', onHand: 3 },
      ],
    },
  ],
  errors: [],
  accepted: true,
  acknowledgment: 'ISA*...~',
  ...overrides,
});

const refs: CrossReference[] = [
  { buyerId: BUYER, locationCode: 'LYON01', itemCode: 'BP-1', siteId: 'plant-lyon', itemId: 'brake-pad', ediUnit: null },
  { buyerId: BUYER, locationCode: 'LYON01', itemCode: 'OF-2', siteId: 'plant-lyon', itemId: 'oil-filter', ediUnit: 'PCE' },
];
const agreedUnit = () => 'EA';

describe('an inventory interchange as stock movements', () => {
  it('names each code pair once, for one lookup', () => {
    const twice = interchange();
    twice.reports[0].lines.push({ location: 'LYON01', item: 'BP-1', unit: 'EA', onHand: 1 });
    expect(codesNamedIn(twice, BUYER).map((c) => c.itemCode)).toEqual(['BP-1', 'OF-2', 'XX-9']);
  });

  it('makes receipts and consumption within the period and the count at its end, last', () => {
    const { movements } = movementsOfInterchange(interchange(), BUYER, refs, agreedUnit);
    expect(movements.map((m) => [m.itemId, m.kind, m.quantity, m.occurredAt.toISOString()])).toEqual([
      ['brake-pad', 'RECEIPT', 20, '2026-03-07T23:59:59.999Z'],
      ['brake-pad', 'CONSUMPTION', 12, '2026-03-07T23:59:59.999Z'],
      ['brake-pad', 'COUNT', 40, '2026-03-08T00:00:00.000Z'],
      ['oil-filter', 'CONSUMPTION', 5, '2026-03-07T23:59:59.999Z'],
    ]);
  });

  it('derives event ids from sender, control number, transaction set, line and figure', () => {
    const ids = movementsOfInterchange(interchange(), BUYER, refs, agreedUnit).movements.map((m) => m.eventId);
    expect(ids[0]).toBe('edi:x12:ACMEMOTORS:000000101:0001:1:received');
    expect(movementsOfInterchange(interchange(), BUYER, refs, agreedUnit).movements.map((m) => m.eventId)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("takes the EDI's own unit as the agreement line's when the cross-reference names it", () => {
    const { movements } = movementsOfInterchange(interchange(), BUYER, refs, agreedUnit);
    expect(movements.find((m) => m.itemId === 'oil-filter')?.unit).toBe('EA');
  });

  it('names a line whose codes have no cross-reference, and takes the rest', () => {
    const read = interchange();
    const mapped = movementsOfInterchange(read, BUYER, refs, agreedUnit);
    expect(mapped.errors).toEqual([
      expect.objectContaining({
        transaction: '0001',
        line: 3,
        location: 'LYON01',
        item: 'XX-9',
        reason: expect.stringContaining('no cross-reference'),
      }),
    ]);
    const decision = decideInterchange(
      read,
      mapped,
      [],
      mapped.movements.map(() => 'fresh'),
    );
    expect(decision.outcome).toBe('partially-accepted');
    expect(decision.fresh).toHaveLength(4);
  });

  it('ends the on-hand where a person reading the report ends it', () => {
    const { movements } = movementsOfInterchange(interchange(), BUYER, refs, agreedUnit);
    const previous = {
      buyerId: BUYER,
      siteId: 'plant-lyon',
      unit: 'EA',
      sequence: 1,
      lastCountAt: null,
      asOf: new Date('2026-02-28T00:00:00Z'),
      lastMovementId: 'x',
    };
    const current = new Map([
      [`${BUYER}|plant-lyon|brake-pad`, { ...previous, itemId: 'brake-pad', quantity: 100 }],
      [`${BUYER}|plant-lyon|oil-filter`, { ...previous, itemId: 'oil-filter', quantity: 30 }],
    ]);
    const byItem = new Map(projectMovements(current, movements, periodEnd).changed.map((o) => [o.itemId, o.quantity]));
    // Counted 40 at the period's end; no count for the filter: 30 on hand less 5 consumed.
    expect(Object.fromEntries(byItem)).toEqual({ 'brake-pad': 40, 'oil-filter': 25 });
  });

  it('names what the projection refuses and takes in only the rest', () => {
    const read = interchange();
    const mapped = movementsOfInterchange(read, BUYER, refs, agreedUnit);
    const refused = [{ index: 2, reason: 'unit is EA but plant-lyon x brake-pad is kept in KG' }];
    const taken = takenIndexes(mapped, refused);
    expect(taken).toEqual([0, 1, 3]);
    const decision = decideInterchange(read, mapped, refused, ['fresh', 'repeat', 'fresh']);
    expect(decision.fresh.map((m) => m.kind)).toEqual(['RECEIPT', 'CONSUMPTION']);
    expect(decision.repeats).toBe(1);
    expect(decision.errors).toContainEqual(
      expect.objectContaining({ line: 1, reason: 'onHand: unit is EA but plant-lyon x brake-pad is kept in KG' }),
    );
  });

  it('counts a resend as repeats and accepts it, taking nothing again', () => {
    const read = interchange({ reports: [{ ...interchange().reports[0], lines: interchange().reports[0].lines.slice(0, 1) }] });
    const mapped = movementsOfInterchange(read, BUYER, refs, agreedUnit);
    const decision = decideInterchange(
      read,
      mapped,
      [],
      mapped.movements.map(() => 'repeat'),
    );
    expect(decision).toMatchObject({ outcome: 'accepted', fresh: [], repeats: 3, errors: [] });
  });

  it('names a control number reused with other figures', () => {
    const read = interchange({ reports: [{ ...interchange().reports[0], lines: interchange().reports[0].lines.slice(1, 2) }] });
    const mapped = movementsOfInterchange(read, BUYER, refs, agreedUnit);
    const decision = decideInterchange(read, mapped, [], ['conflict']);
    expect(decision.outcome).toBe('rejected');
    expect(decision.errors[0].reason).toMatch(/control number 000000101 was sent before with other figures/);
  });

  it("takes nothing from an interchange whose envelope is broken, and names the reader's errors", () => {
    const read = interchange({
      accepted: false,
      errors: [{ segment: 'ISA', segmentPosition: 1, element: 13, value: '12A', reason: 'ISA13 must be 9 digits (got 12A)' }],
    });
    const mapped = movementsOfInterchange(read, BUYER, refs, agreedUnit);
    expect(mapped.movements).toEqual([]);
    const decision = decideInterchange(read, mapped, [], []);
    expect(decision).toMatchObject({ outcome: 'rejected', fresh: [] });
    expect(decision.errors).toEqual([
      { segment: 'ISA', segmentPosition: 1, element: 13, value: '12A', reason: 'ISA13 must be 9 digits (got 12A)' },
    ]);
  });
});
