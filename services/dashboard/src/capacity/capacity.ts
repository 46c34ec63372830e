/** A declared capacity as GET /supplier-capacities answers it. */
export interface CapacityView {
  supplierId: string;
  itemId: string;
  periodDays: number;
  quantityPerPeriod: number;
  updatedAt: string;
}

/** An order's claim on a capacity period as GET /capacity-requests answers it. */
export interface CapacityRequestView {
  requestId: string;
  itemId: string;
  periodStart: string;
  buyerId: string;
  siteId: string;
  requested: number;
  allocated: number | null;
  status: 'waiting' | 'allocated' | 'unserved' | string;
  reason: string;
  daysOfCover: number;
  penaltyPerStockoutDay: number;
}

export interface ItemCapacity {
  itemId: string;
  capacity: CapacityView | undefined;
  /** Orders waiting for the allocation, in the order it will serve them: fewest days of cover first, then the higher penalty. */
  waiting: CapacityRequestView[];
  waitingQuantity: number;
  /** The latest decisions (allocated or given nothing), newest first. */
  decided: CapacityRequestView[];
}

/**
 * Each item with a capacity or a request: what the supplier can deliver per period and who waits for it, in
 * the allocation's own order (the same ranking replenishment applies), with what was decided last.
 */
export function capacityByItem(
  capacities: readonly CapacityView[],
  requests: readonly CapacityRequestView[],
  decidedShown = 5,
): ItemCapacity[] {
  const items = [...new Set([...capacities.map((c) => c.itemId), ...requests.map((r) => r.itemId)])].sort();
  return items.map((itemId) => {
    const mine = requests.filter((r) => r.itemId === itemId);
    const waiting = mine
      .filter((r) => r.status === 'waiting')
      .sort(
        (a, b) =>
          a.daysOfCover - b.daysOfCover || b.penaltyPerStockoutDay - a.penaltyPerStockoutDay || a.requestId.localeCompare(b.requestId),
      );
    return {
      itemId,
      capacity: capacities.find((c) => c.itemId === itemId),
      waiting,
      waitingQuantity: waiting.reduce((sum, r) => sum + r.requested, 0),
      decided: mine
        .filter((r) => r.status !== 'waiting')
        .sort((a, b) => b.periodStart.localeCompare(a.periodStart))
        .slice(0, decidedShown),
    };
  });
}
