/**
 * The demo: Acme Motors' ERP (consumption and goods receipts, mostly as Avro on its own Kafka
 * topic, every fifth day over REST) and Northwind's logistics (dispatch with an advance shipping
 * notice, a delay, deliveries) play a simulated calendar of DEMO_DAYS days, each DEMO_DAY_MS of
 * wall time. The services read the simulated "now" from the clock file the feed moves forward
 * (SMI_CLOCK_FILE); every movement and report carries its simulated moment.
 *
 * It prints each day's stock, the orders, shipments with their ASN, the short and the late
 * delivery, stockouts, forecasts as their periods move on, and for each month that closes its
 * KPIs, penalties with their evidence and the agreement's scorecard. Exits 0 when it saw all of
 * that and only verified webhooks; 1 otherwise, naming what is missing.
 */
import { loadAgreementBook } from '@smi/agreements';
import { AvroCodec, DemandForecast, Shipment } from '@smi/contracts';
import { createKafka, EventPublisher, partyPrincipalOf } from '@smi/messaging';
import { principalKafkaEnv } from '@smi/testing';
import { join, resolve } from 'node:path';
import { getAs, postAs } from './api';
import { addDays, calendarStartFrom, dayOf, daysBetween, momentOf, monthOf, previousMonth, SimulatedClock } from './calendar';
import { AcmeErp, BUYER, lineKey, SURGE } from './erp';
import { NorthwindLogistics, ShipmentRun } from './logistics';
import { MonthReport, reportMonth } from './month-report';
import { watchPlatform } from './watch';
import { startWebhookInbox } from './webhooks';

const DAYS = Number(process.env.DEMO_DAYS ?? 92);
const DAY_MS = Number(process.env.DEMO_DAY_MS ?? 1500);
const WEBHOOK_PORT = Number(process.env.DEMO_WEBHOOK_PORT ?? 3099);
const STATE_DIR = process.env.SMI_LOCAL_DIR ? resolve(process.env.SMI_LOCAL_DIR) : resolve(__dirname, '../../.local');
const CLOCK_FILE = process.env.SMI_CLOCK_FILE ?? join(STATE_DIR, 'clock');
/** Hours after a month's end the services wait for late data before closing it (as services.sh passes them). */
const CLOSE_GRACE_HOURS = Number(process.env.SMI_PERIOD_CLOSE_GRACE_HOURS ?? 6);
/** Simulated days after the close by which a month's penalties are expected. */
const REPORT_WITHIN_DAYS = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
let clock: SimulatedClock;
const stamped = (s: string) => `${clock ? clock.now.toISOString().slice(0, 16).replace('T', ' ') : '                '}  ${s}`;
/** Lines the platform's events print while a month's report is being printed wait for its end, so the report reads in one piece. */
const held: string[] = [];
let holding = false;
const print = (s: string) => (holding ? held.push(stamped(s)) : console.log(stamped(s)));
const printNow = (s: string) => console.log(stamped(s));

const seen = {
  orders: 0,
  shipments: 0,
  shortDelivery: '' as string,
  lateDelivery: '' as string,
  partialReceipt: '' as string,
  stockouts: 0,
  emptied: 0,
  forecastPeriods: new Map<string, Set<string>>(),
  reports: [] as MonthReport[],
};

async function main() {
  const start = calendarStartFrom(CLOCK_FILE);
  const lastDay = addDays(start, DAYS - 1);
  const book = loadAgreementBook();
  const agreements = book.agreementsOf(BUYER);
  const ending = agreements.filter((a) => a.validTo < lastDay);
  if (ending.length > 0) {
    console.error(
      `The calendar would run from ${start} to ${lastDay}, past the end of ${ending.map((a) => `${a.agreementId} (valid to ${a.validTo})`).join(', ')}. ` +
        `Remove ${CLOCK_FILE} and the stack's data (bash deploy/local-stack.sh wipe) to start again from the first demo day, or set DEMO_DAYS lower.`,
    );
    process.exit(1);
  }
  clock = new SimulatedClock(CLOCK_FILE);
  clock.set(momentOf(start, 0));
  const lines = agreements.flatMap((a) => a.lines);

  // The watcher reads as the admin (what an operator sees); the ERP writes as Acme's own principal.
  const kafka = createKafka('smi-demo-buyer-feed');
  const codec = new AvroCodec();
  const erpKafka = createKafka('smi-demo-acme-erp', undefined, { ...process.env, ...principalKafkaEnv(partyPrincipalOf(BUYER)) });
  const publisher = new EventPublisher(erpKafka, codec);
  await publisher.connect();
  const erp = new AcmeErp(publisher, lines);
  const logistics = new NorthwindLogistics(start, print);
  const webhooks = startWebhookInbox(WEBHOOK_PORT, print);
  const onHand = new Map<string, number>();
  const printedForecast = new Map<string, { day: string; method: string }>();
  const penaltyMonths = new Set<string>();
  const toApprove: string[] = [];

  const stopWatching = await watchPlatform(kafka, codec, {
    stockLevel: (level) => {
      const key = lineKey(level.siteId, level.itemId);
      const before = onHand.get(key);
      onHand.set(key, level.onHand);
      if (before === undefined || before <= 0 || level.onHand > 0) return;
      seen.emptied++;
      print(`EMPTY    ${level.siteId} ${level.itemId}: on-hand ${level.onHand} (stock level ${level.eventId})`);
    },
    order: (order) => {
      seen.orders++;
      if (order.status === 'AWAITING_APPROVAL') toApprove.push(order.orderId);
      print(
        `ORDER    ${order.orderId} ${order.status}: ${order.quantity} ${order.unit} ${order.itemId} for ${order.siteId}, promised ${dayOf(order.expectedDeliveryAt)} ` +
          `(on-hand ${order.onHand}, on-order ${order.onOrder}, reorder point ${order.reorderPoint}, order-up-to ${order.orderUpTo})`,
      );
    },
    shipment: (shipment) => {
      seen.shipments++;
      logistics.seen(shipment, dayOf(clock.now));
      describeShipment(shipment, logistics.runs.get(shipment.shipmentId));
    },
    breach: (breach) => {
      if (breach.kind !== 'STOCKOUT') return;
      seen.stockouts++;
      print(
        `STOCKOUT ${breach.siteId} ${breach.itemId}: stockout ${breach.stockoutsInPeriod} of ${breach.allowedStockoutsPerPeriod} allowed in ${breach.period}`,
      );
    },
    penalty: (penalty) => penaltyMonths.add(penalty.period),
    forecast: (forecast) => describeForecast(forecast, printedForecast),
  });

  // A platform that already holds Acme's stock has lived through an earlier run: continue from there.
  const levels = await getAs<{ siteId: string; itemId: string; onHand: number }[]>('buyer', 'ingest', '/stock-levels');
  const continuing = Array.isArray(levels.body) && levels.body.length > 0;
  print(
    `demo: ${lines.length} agreement lines of ${BUYER}; ${DAYS} simulated days from ${start} to ${lastDay}, ${DAY_MS} ms each; clock file ${CLOCK_FILE}`,
  );
  if (continuing) print(`continuing the calendar of an earlier run from ${start}`);
  print(
    `story: Turin's coolant use x${SURGE.factor} for ${SURGE.days} days from day ${SURGE.fromDay + 1}; one shipment leaves short, one coolant shipment is delayed, one delivery is booked in two receipts`,
  );

  if (continuing) {
    for (const level of levels.body) {
      erp.book.set(lineKey(level.siteId, level.itemId), Number(level.onHand));
      onHand.set(lineKey(level.siteId, level.itemId), Number(level.onHand));
    }
    await adoptOpenShipments(logistics, start);
  } else {
    clock.set(momentOf(start, 6));
    // A stock count, not a receipt: a receipt with no order would be matched to the first shipment of its site x item.
    const opening = lines.map((l) =>
      erp.movement(`demo|${start}|${l.siteId}|${l.itemId}|COUNT`, l, 'COUNT', l.maximum, momentOf(start, 6)),
    );
    print('opening stock: a count finds each line at its maximum');
    await erp.send(opening, false);
  }
  // On a broker that already holds events (earlier runs), the services first work through that backlog.
  const waitedFrom = Date.now();
  while (!lines.every((l) => onHand.has(lineKey(l.siteId, l.itemId))) && !continuing && Date.now() - waitedFrom < 300_000) {
    if (Date.now() - waitedFrom > 3000 && Date.now() - waitedFrom < 3300) print('waiting for the services to apply the opening stock ...');
    await sleep(250);
  }

  const reported = new Set<string>();
  const monthReport = async (month: string) => {
    reported.add(month);
    holding = true;
    try {
      seen.reports.push(await reportMonth(month, STATE_DIR, printNow));
    } finally {
      holding = false;
      for (const line of held.splice(0)) console.log(line);
    }
  };

  for (let dayOfRun = 0; dayOfRun < DAYS; dayOfRun++) {
    const day = addDays(start, dayOfRun);
    const startedAt = Date.now();
    const overRest = dayOfRun % 5 === 4;
    clock.set(momentOf(day, 6));

    // A month closes CLOSE_GRACE_HOURS into the next; its report follows once its penalties are out.
    const closed = previousMonth(monthOf(day));
    const sinceClose = daysBetween(`${monthOf(day)}-01`, day);
    if (
      closed >= monthOf(start) &&
      !reported.has(closed) &&
      (penaltyMonths.has(closed) ? sinceClose >= 1 : sinceClose >= REPORT_WITHIN_DAYS)
    )
      await monthReport(closed);

    const arrivals = await logistics.runDay(day);
    clock.set(momentOf(day, 10));
    const receipts = arrivals.flatMap((arrival) =>
      arrival.lines.map((l) =>
        erp.movement(
          `demo|${day}|${arrival.run.shipment.siteId}|${l.itemId}|RECEIPT|${l.orderId}|${arrival.part}`,
          { siteId: arrival.run.shipment.siteId, itemId: l.itemId, unit: l.unit },
          'RECEIPT',
          l.quantity,
          momentOf(day, 10),
          l.orderId,
        ),
      ),
    );
    for (const arrival of arrivals)
      print(
        `RECEIPT  ${arrival.run.shipment.shipmentId} at ${arrival.run.shipment.siteId}: ${arrival.lines.map((l) => `${l.quantity} ${l.unit} ${l.itemId}`).join(', ')}` +
          (arrival.run.incident === 'partial'
            ? arrival.part === 1
              ? '  << PARTIAL: first part, the rest tomorrow'
              : '  << PARTIAL: the rest'
            : ''),
      );
    await erp.send(receipts, overRest);
    // The buyer approves what waits for it, as its planners would each morning.
    for (const orderId of toApprove.splice(0)) {
      const answer = await postAs('buyer', 'replenishment', `/orders/${encodeURIComponent(orderId)}/approve`, {});
      print(`APPROVED ${orderId} by ${BUYER}${answer.status === 200 ? '' : ` (answered ${answer.status}: ${answer.text.slice(0, 120)})`}`);
    }
    await sleep(startedAt + DAY_MS * 0.35 - Date.now());

    clock.set(momentOf(day, 14));
    const { movements, lost } = erp.consumptionOf(day, dayOfRun);
    await erp.send(movements, overRest);
    for (const l of lost) print(`SHELF EMPTY ${l}`);
    await sleep(startedAt + DAY_MS * 0.95 - Date.now());
    clock.set(momentOf(day, 23));
    const table = [...new Set(lines.map((l) => l.siteId))]
      .map(
        (site) =>
          `${site} ${lines
            .filter((l) => l.siteId === site)
            .map((l) => `${l.itemId}=${onHand.get(lineKey(site, l.itemId)) ?? '?'}`)
            .join(' ')}`,
      )
      .join(' | ');
    const open = [...logistics.runs.values()].filter((r) => !r.delivered && r.shipment.status !== 'CANCELLED').length;
    print(`-- day ${dayOfRun + 1}/${DAYS}${overRest ? ' (ERP sent over REST)' : ''}: on-hand ${table}; ${open} shipments open`);
    await sleep(startedAt + DAY_MS - Date.now());
  }

  // Months closed on the calendar but not yet reported (the last one closes near the end).
  const lastClosed = previousMonth(monthOf(momentOf(lastDay, 23 - CLOSE_GRACE_HOURS)));
  const waitFrom = Date.now();
  for (let month = lastClosed; month >= monthOf(start); month = previousMonth(month)) {
    if (reported.has(month)) continue;
    while (!penaltyMonths.has(month) && Date.now() - waitFrom < 30_000) await sleep(500);
    await sleep(DAY_MS);
    await monthReport(month);
  }
  await sleep(2000);
  await stopWatching();
  await publisher.disconnect();
  webhooks.close();
  summarize(webhooks);
}

/** On a continuing run: the shipments still under way. */
async function adoptOpenShipments(logistics: NorthwindLogistics, start: string) {
  const shipments = await getAs<unknown>('supplier', 'shipment', '/shipments');
  const list = (
    Array.isArray(shipments.body) ? shipments.body : ((shipments.body as { shipments?: unknown[] })?.shipments ?? [])
  ) as Shipment[];
  for (const s of list) {
    if (s.buyerId !== BUYER) continue;
    const shipment = {
      ...s,
      promisedDeliveryAt: s.promisedDeliveryAt && new Date(s.promisedDeliveryAt),
      expectedDeliveryAt: new Date(s.expectedDeliveryAt),
    };
    if (s.status === 'PLANNED') logistics.seen(shipment, addDays(start, -1));
    if (s.status === 'DISPATCHED') {
      const expected = dayOf(shipment.expectedDeliveryAt);
      logistics.runs.set(s.shipmentId, {
        shipment,
        plannedDay: start,
        dispatchDay: start,
        arrivalDay: expected > start ? expected : start,
        dispatched: true,
        delivered: false,
        receipts: s.lines.map((l) => ({
          orderId: l.orderId,
          itemId: l.itemId,
          unit: l.unit,
          quantity: l.dispatchedQuantity ?? l.orderedQuantity,
        })),
      });
    }
  }
  print(`adopted the earlier run's stock and ${logistics.runs.size} open shipments`);
}

function describeShipment(shipment: Shipment, run: ShipmentRun | undefined) {
  const lines = shipment.lines
    .map(
      (l) =>
        `${l.itemId} ${l.dispatchedQuantity ?? '-'}/${l.orderedQuantity}${l.receivedQuantity ? ` rcvd ${l.receivedQuantity}` : ''} ${l.unit}`,
    )
    .join(', ');
  const promised = shipment.promisedDeliveryAt ? dayOf(shipment.promisedDeliveryAt) : dayOf(shipment.expectedDeliveryAt);
  let note = '';
  const short = shipment.lines.filter((l) => l.dispatchedQuantity !== null && l.dispatchedQuantity < l.orderedQuantity);
  if (short.length > 0 && shipment.status === 'DISPATCHED') {
    note = `  << SHORT by ${short.map((l) => `${l.orderedQuantity - l.dispatchedQuantity!} ${l.unit} ${l.itemId}`).join(', ')}`;
    seen.shortDelivery ||= `${shipment.shipmentId} (${note.slice(5)})`;
  }
  if (shipment.deliveredAt && dayOf(shipment.deliveredAt) > promised) {
    const late = daysBetween(promised, dayOf(shipment.deliveredAt));
    note += `  << LATE by ${late} days (promised ${promised}, arrived ${dayOf(shipment.deliveredAt)}${shipment.delayReason ? `: ${shipment.delayReason}` : ''})`;
    seen.lateDelivery ||= `${shipment.shipmentId} ${late} days late`;
  }
  if (shipment.status === 'PARTIALLY_RECEIVED') seen.partialReceipt ||= shipment.shipmentId;
  if (shipment.status === 'DISPATCHED' && !note && run) return; // the ASN line said it
  print(`SHIPMENT ${shipment.shipmentId} ${shipment.status} to ${shipment.siteId}, promised ${promised}: ${lines}${note}`);
}

/** Prints a line's forecast when its first period moves on: weekly, or when the method changes. */
function describeForecast(forecast: DemandForecast, printed: Map<string, { day: string; method: string }>) {
  if (!forecast.firstPeriodStart) return;
  const key = lineKey(forecast.siteId, forecast.itemId);
  const periods = seen.forecastPeriods.get(key) ?? new Set<string>();
  periods.add(forecast.firstPeriodStart);
  seen.forecastPeriods.set(key, periods);
  const last = printed.get(key);
  if (last && last.method === forecast.method && daysBetween(last.day, forecast.firstPeriodStart) < 7) return;
  if (last && last.day === forecast.firstPeriodStart && last.method === forecast.method) return;
  printed.set(key, { day: forecast.firstPeriodStart, method: forecast.method });
  const next = forecast.horizonDemand
    .slice(0, 5)
    .map((d) => d.toFixed(1))
    .join(' ');
  print(
    `FORECAST ${forecast.siteId} ${forecast.itemId}: ${forecast.method}, ${forecast.demandPerPeriod.toFixed(1)} ${forecast.unit}/period from ${forecast.firstPeriodStart} ` +
      `(next periods ${next}; ${forecast.periodsObserved} periods observed${forecast.censoredPeriods ? `, ${forecast.censoredPeriods} out of stock` : ''})`,
  );
}

function summarize(webhooks: { verified: number; rejected: number }) {
  const movedOn = [...seen.forecastPeriods.entries()].filter(([, p]) => p.size > 1);
  const closedWithEvidence = seen.reports.filter((r) => r.withEvidence > 0);
  const checks: [string, boolean][] = [
    ['orders', seen.orders > 0],
    ['shipments', seen.shipments > 0],
    ['a short delivery', !!seen.shortDelivery],
    ['a late delivery', !!seen.lateDelivery],
    ['a stockout', seen.stockouts > 0],
    ['a closed month with penalties and their evidence', closedWithEvidence.length > 0],
    ["a closed month's scorecard", seen.reports.some((r) => r.scorecardPrinted && r.scorecardPath)],
    ['forecasts beyond their first period', movedOn.length > 0],
    ['verified webhooks and no rejected one', webhooks.verified > 0 && webhooks.rejected === 0],
  ];
  console.log(`
Demo finished: ${seen.orders} order events, ${seen.shipments} shipment events, short: ${seen.shortDelivery || 'none'}, late: ${seen.lateDelivery || 'none'}, partial receipt: ${seen.partialReceipt || 'none'}, ${seen.stockouts} stockouts (${seen.emptied} times a line's on-hand reached zero),
forecasts moved past their first period on ${movedOn.length} lines (${movedOn.map(([k, p]) => `${k}: ${p.size} periods`).join(', ')}),
months closed and reported: ${seen.reports.map((r) => `${r.period} (${r.penalties.length} penalties, ${r.withEvidence} with evidence${r.scorecardPath ? `, scorecard ${r.scorecardPath}` : ''})`).join('; ') || 'none'},
webhooks: ${webhooks.verified} verified, ${webhooks.rejected} rejected.

The services keep running, on the simulated clock (${CLOCK_FILE}). Look around (each call names its party by API key):
  curl -s -H 'x-api-key: demo-acme-key'      'http://localhost:3005/kpis?period=${seen.reports[0]?.period ?? 'YYYY-MM'}'
  curl -s -H 'x-api-key: demo-acme-key'      'http://localhost:3005/penalties?period=${seen.reports[0]?.period ?? 'YYYY-MM'}'
  curl -s -H 'x-api-key: demo-northwind-key' 'http://localhost:3005/agreements/AGR-ACME-NW-2026/scorecard?period=${seen.reports[0]?.period ?? 'YYYY-MM'}&format=html'
  curl -s -H 'x-api-key: demo-northwind-key' http://localhost:3004/shipments
  curl -s -H 'x-api-key: demo-acme-key'      http://localhost:3002/forecasts
  curl -s -H 'x-api-key: demo-acme-key'      http://localhost:3006/notifications
Logs: ${join(STATE_DIR, 'logs')}   Stop everything: bash deploy/demo.sh stop   A second run continues the calendar.`);
  const missing = checks.filter(([, ok]) => !ok).map(([what]) => what);
  if (missing.length > 0) console.error(`The demo did not show: ${missing.join('; ')} (see the output above and the logs).`);
  process.exit(missing.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
