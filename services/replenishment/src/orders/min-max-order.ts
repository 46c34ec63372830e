import type { AgreementLine } from '@smi/agreements';
import { roundToStoredPrecision } from '@smi/contracts';
import { decideReplenishment, StockSituation } from './reorder-decision';
import type { OrderToPlace } from './replenishment-order';

/**
 * The min/max rule on the agreement's minimum and maximum, explained the way
 * the planning engine explains its decisions, so every order carries why it was
 * placed. It stands in until the stock-level handler calls the engine.
 */
export function minMaxOrder(stock: StockSituation, line: AgreementLine): OrderToPlace | undefined {
  const decision = decideReplenishment(stock, line);
  if (decision.kind === 'none') return undefined;
  const { inventoryPosition, quantity } = decision;
  const needed = roundToStoredPrecision(line.maximum - inventoryPosition);
  const steps =
    quantity === needed
      ? []
      : [{ rule: 'pack-multiple', before: needed, after: quantity, note: `rounded up to whole packs of ${line.packMultiple} ${line.unit}` }];
  return {
    quantity,
    emergency: false,
    leadTimeDays: line.leadTimeDays,
    orderValue: line.unitPrice === undefined ? 0 : roundToStoredPrecision(quantity * line.unitPrice),
    explanation: {
      policy: 'min-max',
      backorders: 0,
      inventoryPosition,
      forecastPerDay: 0,
      forecastStdDevPerDay: 0,
      demandClass: '',
      leadTimeDays: line.leadTimeDays,
      protectionDays: line.leadTimeDays,
      safetyStockMethod: 'minimum',
      serviceLevelTarget: null,
      safetyStock: 0,
      reorderPoint: line.minimum,
      orderUpTo: line.maximum,
      neededQuantity: needed,
      steps,
      summary:
        `Inventory position ${inventoryPosition} ${line.unit} is at or below the minimum ${line.minimum} ${line.unit}: ` +
        `order up to the maximum ${line.maximum} ${line.unit}, ${quantity} ${line.unit}.`,
    },
  };
}
