import { applyPolicy } from './reorder-policy';

const levels = { reorderPoint: 40, orderUpTo: 120 };
const dueReview = { due: true, latest: new Date('2026-03-09T00:00:00Z'), next: new Date('2026-03-16T00:00:00Z') };
const noReview = { ...dueReview, due: false };

describe('reorder policies', () => {
  describe('min-max (s,S)', () => {
    it('orders up to S at or below the reorder point', () => {
      expect(applyPolicy({ policy: 'min-max', position: 40, ...levels })).toEqual({
        order: true,
        needed: 80,
        reason: 'inventory position 40 is at or below the reorder point 40: ordering up to 120 needs 80',
      });
    });

    it('orders nothing above the reorder point', () => {
      expect(applyPolicy({ policy: 'min-max', position: 40.5, ...levels })).toEqual({
        order: false,
        reason: 'inventory position 40.5 is above the reorder point 40',
      });
    });
  });

  describe('order-up-to (R,S)', () => {
    it('at a review, orders up to S whenever below it, even above the reorder point', () => {
      expect(applyPolicy({ policy: 'order-up-to', position: 100, ...levels, review: dueReview })).toMatchObject({
        order: true,
        needed: 20,
      });
    });

    it('at a review at S already, orders nothing', () => {
      expect(applyPolicy({ policy: 'order-up-to', position: 120, ...levels, review: dueReview })).toEqual({
        order: false,
        reason: 'at the review, inventory position 120 is already at the order-up-to level 120',
      });
    });

    it('between reviews, orders nothing however low the position, and names the next review', () => {
      expect(applyPolicy({ policy: 'order-up-to', position: 0, ...levels, review: noReview })).toEqual({
        order: false,
        reason: 'not a review moment: the next review is Mon 2026-03-16',
      });
    });
  });

  describe('periodic-min-max (R,s,S)', () => {
    it('at a review, orders up to S only at or below the reorder point', () => {
      expect(applyPolicy({ policy: 'periodic-min-max', position: 30, ...levels, review: dueReview })).toMatchObject({
        order: true,
        needed: 90,
      });
      expect(applyPolicy({ policy: 'periodic-min-max', position: 60, ...levels, review: dueReview })).toEqual({
        order: false,
        reason: 'at the review, inventory position 60 is above the reorder point 40',
      });
    });

    it('between reviews, orders nothing', () => {
      expect(applyPolicy({ policy: 'periodic-min-max', position: 30, ...levels, review: noReview }).order).toBe(false);
    });
  });

  describe('fixed-quantity (s,Q)', () => {
    it('orders the smallest n × Q that lifts the position above the reorder point (position −45, s 40, Q 30 -> 3 × 30)', () => {
      expect(applyPolicy({ policy: 'fixed-quantity', position: -45, ...levels, fixedOrderQuantity: 30 })).toEqual({
        order: true,
        needed: 90,
        reason: 'inventory position -45 is at or below the reorder point 40: 3 × the fixed quantity 30 = 90 lifts it above',
      });
    });

    it('orders one Q when the position sits exactly on the reorder point', () => {
      expect(applyPolicy({ policy: 'fixed-quantity', position: 40, ...levels, fixedOrderQuantity: 30 })).toMatchObject({ needed: 30 });
    });

    it('refuses a missing fixed quantity, naming the field', () => {
      expect(() => applyPolicy({ policy: 'fixed-quantity', position: 0, ...levels })).toThrow(
        'fixedOrderQuantity must be at least 0.000001 for policy fixed-quantity (got undefined)',
      );
    });
  });
});
