import { traceUrlOf } from './trace-link';

/** The part of replenishment's order the operator's lookup shows. */
export interface LookedUpOrder {
  orderId: string;
  status: string;
  buyerId: string;
  siteId: string;
  itemId: string;
  quantity: number;
  unit: string;
  decidedAt: string;
  /** W3C trace id of the run that decided the order; absent when it was not traced. */
  traceId?: string | null;
}

export type OrderTrace = { kind: 'found'; order: LookedUpOrder; traceUrl?: string } | { kind: 'unknown'; message: string };

/** An order and, when it carries a trace id, the Jaeger page of that trace. */
export const orderTraceOf = (order: LookedUpOrder, jaegerUiUrl: string): OrderTrace => ({
  kind: 'found',
  order,
  traceUrl: traceUrlOf(order.traceId, jaegerUiUrl),
});
