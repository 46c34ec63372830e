// fast-check generators for EDI documents: ids, quantities and dates a partner may send.
import fc from 'fast-check';
import { EnvelopeParties, InventoryReport, PurchaseOrderDocument, ReportedActivity, ShipmentNotice } from '../src/edi-types';

/** Text X12 can carry: no element (*), component (>), segment (~) or repetition (^) character. */
export const x12Text = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._/#&()-]{0,19}$/);

/** Text EDIFACT must escape or carry as is: its delimiters and release character, accents, spaces. */
export const edifactText = fc
  .array(fc.oneof(fc.constantFrom('?', "'", '+', ':', '*', ' ', 'é', 'ß', '.'), fc.constantFrom(...'ABCXYZabcz0189-_/')), {
    minLength: 1,
    maxLength: 20,
  })
  .map((characters) => characters.join(''));

const MINUTE = 60_000;
const DAY = 86_400_000;
const FROM = Date.UTC(2000, 0, 1);
const TO = Date.UTC(2099, 11, 31);

export const minuteArbitrary = fc.integer({ min: FROM / MINUTE, max: TO / MINUTE }).map((minutes) => new Date(minutes * MINUTE));
export const dayArbitrary = fc.integer({ min: FROM / DAY, max: TO / DAY }).map((days) => new Date(days * DAY));

/** Whole units and up to three decimals, from zero to a billion. */
export const quantityArbitrary = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000_000 }),
  fc.integer({ min: 0, max: 10_000_000 }).map((thousandths) => thousandths / 1000),
);

export const unitArbitrary = fc.constantFrom('EA', 'CS', 'CA', 'PK', 'KG', 'PCE');

export const envelopeArbitrary: fc.Arbitrary<EnvelopeParties> = fc.record({
  sender: fc.stringMatching(/^[A-Z0-9]{1,15}$/),
  receiver: fc.stringMatching(/^[A-Z0-9]{1,15}$/),
  controlNumber: fc.integer({ min: 0, max: 999_999_999 }),
  preparedAt: minuteArbitrary,
});

export function activityArbitrary(text: fc.Arbitrary<string>): fc.Arbitrary<ReportedActivity> {
  return fc
    .record(
      {
        location: text,
        item: text,
        unit: unitArbitrary,
        onHand: quantityArbitrary,
        consumed: quantityArbitrary,
        received: quantityArbitrary,
      },
      { requiredKeys: ['location', 'item', 'unit'] },
    )
    .filter((line) => line.onHand !== undefined || line.consumed !== undefined || line.received !== undefined);
}

export function reportArbitrary(text: fc.Arbitrary<string>, dates: fc.Arbitrary<Date> = dayArbitrary): fc.Arbitrary<InventoryReport> {
  return fc
    .record(
      {
        controlNumber: fc.stringMatching(/^\d{4,9}$/),
        periodStart: dates,
        periodEnd: dates,
        // A report has one line per location x item x unit (the readers merge repeats).
        lines: fc.uniqueArray(activityArbitrary(text), {
          minLength: 1,
          maxLength: 6,
          selector: (line) => JSON.stringify([line.location, line.item, line.unit]),
        }),
      },
      { requiredKeys: ['controlNumber', 'periodEnd', 'lines'] },
    )
    .map((report) => report as InventoryReport);
}

export function shipmentArbitrary(text: fc.Arbitrary<string>): fc.Arbitrary<ShipmentNotice> {
  const line = fc.record({
    lineNumber: fc.integer({ min: 1, max: 999_999 }),
    item: text,
    quantity: quantityArbitrary,
    unit: unitArbitrary,
    orderReference: text,
  });
  return fc.record(
    {
      shipmentId: text,
      dispatchedAt: minuteArbitrary,
      expectedDeliveryAt: minuteArbitrary,
      shipFrom: text,
      shipTo: text,
      carrier: text,
      trackingReference: text,
      lines: fc.array(line, { minLength: 1, maxLength: 8 }),
    },
    { requiredKeys: ['shipmentId', 'dispatchedAt', 'shipFrom', 'shipTo', 'lines'] },
  );
}

export function purchaseOrderArbitrary(text: fc.Arbitrary<string>): fc.Arbitrary<PurchaseOrderDocument> {
  const line = fc.record({
    lineNumber: fc.integer({ min: 1, max: 999_999 }),
    item: text,
    quantity: quantityArbitrary,
    unit: unitArbitrary,
  });
  return fc.record(
    {
      orderId: text,
      orderedAt: minuteArbitrary,
      buyer: text,
      supplier: text,
      shipTo: text,
      requestedDeliveryAt: minuteArbitrary,
      lines: fc.array(line, { minLength: 1, maxLength: 8 }),
    },
    { requiredKeys: ['orderId', 'orderedAt', 'buyer', 'supplier', 'shipTo', 'lines'] },
  );
}
