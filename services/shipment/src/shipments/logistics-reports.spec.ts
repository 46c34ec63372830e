import { exampleShipment } from '../examples';
import { LogisticsReport, recordLogisticsReports } from './logistics-reports';

const at = new Date('2026-03-11T06:00:00Z');
const planned = exampleShipment({ status: 'PLANNED', statusChangedAt: new Date('2026-03-10T08:00:00Z') });
const shipments = new Map([[planned.shipmentId, planned]]);
const report = (
  step: LogisticsReport['step'],
  reportedBy: LogisticsReport['reportedBy'] = { kind: 'supplier', id: 'northwind' },
  shipmentId = planned.shipmentId,
): LogisticsReport => ({
  shipmentId,
  step,
  reportedBy,
});

describe('logistics reports', () => {
  it('moves the shipment step by step, announcing each status under an id from the shipment and the status', () => {
    const recorded = recordLogisticsReports(shipments, [report('DISPATCH'), report('DELIVER')], at);
    expect(recorded.outcomes.map((o) => o.kind === 'moved' && [o.event.eventId, o.event.status])).toEqual([
      ['SHP-ORD-42/dispatched', 'DISPATCHED'],
      ['SHP-ORD-42/delivered', 'DELIVERED'],
    ]);
    expect(recorded.changed).toEqual([{ ...planned, status: 'DELIVERED', statusChangedAt: at }]);
  });

  it("says why a report moves nothing: unknown shipment, another supplier's (as if unknown), its buyer, or a step out of order", () => {
    const recorded = recordLogisticsReports(
      shipments,
      [
        report('DISPATCH', undefined, 'SHP-nope'),
        report('DISPATCH', { kind: 'supplier', id: 'fabrikam' }),
        report('DISPATCH', { kind: 'buyer', id: 'acme' }),
        report('DELIVER'),
      ],
      at,
    );
    expect(recorded.outcomes).toEqual([
      { kind: 'unknown', reason: 'shipment SHP-nope is not known' },
      { kind: 'unknown', reason: 'shipment SHP-ORD-42 is not known' },
      { kind: 'not-theirs', reason: "only the shipment's supplier may move shipment SHP-ORD-42" },
      { kind: 'refused', reason: 'shipment SHP-ORD-42 is PLANNED: only a DISPATCHED shipment can be delivered; this one is PLANNED' },
    ]);
    expect(recorded.changed).toEqual([]);
  });
});
