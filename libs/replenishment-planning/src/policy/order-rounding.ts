import type { AgreementLine } from '@smi/agreements';
import type { OrderQuantityStep } from '@smi/contracts';
import { quantityWords } from '../explanation/explanation-words';
import { fromMillionths, toMillionths } from '../plan/exact-quantity';

export type LotTerms = Pick<AgreementLine, 'minimumOrderQuantity' | 'packMultiple' | 'maximumLot'>;

export interface RoundedOrder {
  quantity: number;
  /** Each rule that changed or checked the quantity, in the order applied. */
  steps: OrderQuantityStep[];
}

/**
 * Turns the quantity a policy needs into one the supplier can ship, in this order:
 * 1. raise to the minimum order quantity;
 * 2. round UP to whole pack multiples, at least one pack (rounding down would
 *    leave the site short; an order is never empty);
 * 3. cap at the maximum lot, rounded DOWN to whole packs, but never below the
 *    minimum order quantity: when the lot cannot carry it, the minimum order
 *    quantity wins and the step says the cap cannot be met.
 * Counted in millionths, so decimal packs round exactly.
 */
export function roundOrderQuantity(needed: number, terms: LotTerms): RoundedOrder {
  const pack = toMillionths(terms.packMultiple);
  if (!(pack >= 1)) throw new RangeError(`packMultiple must be at least 0.000001 (got ${terms.packMultiple})`);
  const steps: OrderQuantityStep[] = [];
  const step = (rule: string, before: number, after: number, note: string) =>
    steps.push({ rule, before: fromMillionths(before), after: fromMillionths(after), note });
  const packWords = `packs of ${quantityWords(terms.packMultiple)}`;

  let quantity = Math.max(0, toMillionths(needed));
  const moq = terms.minimumOrderQuantity === undefined ? 0 : toMillionths(terms.minimumOrderQuantity);
  // The smallest whole-pack quantity at or above the minimum order quantity.
  const smallestLot = Math.max(1, Math.ceil(moq / pack)) * pack;

  if (terms.minimumOrderQuantity !== undefined) {
    const before = quantity;
    quantity = Math.max(quantity, moq);
    const moqWords = quantityWords(terms.minimumOrderQuantity);
    step(
      'minimum-order-quantity',
      before,
      quantity,
      quantity > before ? `raised to the minimum order quantity ${moqWords}` : `meets the minimum order quantity ${moqWords}`,
    );
  }

  {
    const before = quantity;
    const packs = Math.max(1, Math.ceil(quantity / pack));
    quantity = packs * pack;
    step(
      'pack-multiple',
      before,
      quantity,
      quantity === before ? `already ${packs} whole ${packWords}` : `rounded up to ${packs} whole ${packWords}`,
    );
  }

  if (terms.maximumLot !== undefined) {
    const before = quantity;
    const lotWords = quantityWords(terms.maximumLot);
    const cap = Math.floor(toMillionths(terms.maximumLot) / pack) * pack;
    if (cap < smallestLot) {
      quantity = Math.min(quantity, smallestLot);
      const moqWords = quantityWords(fromMillionths(smallestLot));
      step(
        'maximum-lot',
        before,
        quantity,
        `maximum lot ${lotWords} cannot be met: it is below the minimum order quantity in whole ${packWords} (${moqWords}), so ${quantityWords(fromMillionths(quantity))} is ordered`,
      );
    } else if (quantity > cap) {
      quantity = cap;
      step('maximum-lot', before, quantity, `capped at the maximum lot ${lotWords}, as ${cap / pack} whole ${packWords}`);
    } else {
      step('maximum-lot', before, quantity, `within the maximum lot ${lotWords}`);
    }
  }
  return { quantity: fromMillionths(quantity), steps };
}
