import type { AgreementLineTerms, AgreementVersion as AgreementVersionEvent } from '@smi/contracts';
import {
  Agreement,
  AgreementLine,
  AgreementVersion,
  ApprovalBoundary,
  SafetyStockRule,
  ServiceLevelTarget,
  TunableTerm,
  Weekday,
} from './agreement';

/**
 * Agreement versions as they travel on the agreements topic, and back. Avro has
 * null where the model has an absent term, and a default where the model leaves
 * one implicit (policy min-max, levels in units, no delivery weekdays, no
 * contacts, no emergency delivery): both read back as absent, so a version in
 * canonical form (canonicalAgreement) survives the round trip unchanged.
 */

/** Event id of an agreement version: one per agreement and version, so a republished version is recognised. */
export const agreementVersionEventId = (agreementId: string, version: number): string => `${agreementId}/v${version}`;

export function agreementVersionEvent(version: AgreementVersion): AgreementVersionEvent {
  return {
    eventId: agreementVersionEventId(version.agreement.agreementId, version.version),
    version: version.version,
    status: version.status === 'retired' ? 'RETIRED' : 'ACTIVE',
    effectiveFrom: new Date(version.effectiveFrom),
    changedBy: version.changedBy,
    changedAt: new Date(version.changedAt),
    changeReason: version.changeReason,
    ...agreementTerms(version.agreement),
  };
}

export function agreementVersionOf(event: AgreementVersionEvent): AgreementVersion {
  return {
    agreement: agreementOfTerms(event),
    version: event.version,
    effectiveFrom: event.effectiveFrom.toISOString(),
    status: event.status === 'RETIRED' ? 'retired' : 'active',
    changedBy: event.changedBy,
    changedAt: event.changedAt.toISOString(),
    changeReason: event.changeReason,
  };
}

/** The agreement as every service will read it from the topic: implicit defaults left out, no empty lists or term groups. */
export function canonicalAgreement(agreement: Agreement): Agreement {
  return agreementOfTerms(agreementTerms(agreement));
}

/** The terms of an agreement as its events carry them (a version's and a proposal's alike). */
export type AgreementTerms = Omit<
  AgreementVersionEvent,
  'eventId' | 'version' | 'status' | 'effectiveFrom' | 'changedBy' | 'changedAt' | 'changeReason'
>;

export function agreementTerms(agreement: Agreement): AgreementTerms {
  return {
    agreementId: agreement.agreementId,
    buyerId: agreement.buyerId,
    supplierId: agreement.supplierId,
    currency: agreement.currency,
    validFrom: agreement.validFrom,
    validTo: agreement.validTo,
    penalties: {
      allowedStockoutsPerMonth: agreement.penalties.allowedStockoutsPerMonth,
      penaltyPerStockout: agreement.penalties.penaltyPerStockout,
    },
    communication: agreement.communication
      ? { digestEveryHours: agreement.communication.digestEveryHours, immediateAlerts: agreement.communication.immediateAlerts }
      : null,
    contacts: (agreement.contacts ?? []).map((c) => ({
      partyId: c.partyId,
      name: c.name,
      role: c.role,
      email: c.email ?? null,
      phone: c.phone ?? null,
    })),
    lines: agreement.lines.map(lineTerms),
    tunableAlone: (agreement.tunableAlone ?? []).map((t) => ({ by: t.by, term: t.term, min: t.min, max: t.max })),
  };
}

function agreementOfTerms(terms: AgreementTerms): Agreement {
  return withoutEmpty<Agreement>({
    agreementId: terms.agreementId,
    buyerId: terms.buyerId,
    supplierId: terms.supplierId,
    currency: terms.currency,
    validFrom: terms.validFrom,
    validTo: terms.validTo,
    penalties: {
      allowedStockoutsPerMonth: terms.penalties.allowedStockoutsPerMonth,
      penaltyPerStockout: terms.penalties.penaltyPerStockout,
    },
    communication: terms.communication
      ? { digestEveryHours: terms.communication.digestEveryHours, immediateAlerts: terms.communication.immediateAlerts }
      : undefined,
    contacts:
      terms.contacts.length > 0
        ? terms.contacts.map((c) => withoutEmpty({ partyId: c.partyId, name: c.name, role: c.role, email: c.email, phone: c.phone }))
        : undefined,
    lines: terms.lines.map(lineOfTerms),
    tunableAlone:
      terms.tunableAlone.length > 0
        ? terms.tunableAlone.map((t) => unchecked<TunableTerm>({ by: t.by, term: t.term, min: t.min, max: t.max }))
        : undefined,
  });
}

function lineTerms(line: AgreementLine): AgreementLineTerms {
  const safetyStock = line.safetyStock;
  return {
    siteId: line.siteId,
    itemId: line.itemId,
    unit: line.unit,
    levelsIn: line.levelsIn ?? 'units',
    minimum: line.minimum,
    maximum: line.maximum,
    reorderPoint: line.reorderPoint ?? null,
    serviceLevelMeasure: line.serviceLevel?.measure ?? null,
    serviceLevelTarget: line.serviceLevel?.target ?? null,
    safetyStockMethod: safetyStock?.method ?? null,
    safetyStockQuantity: safetyStock?.method === 'fixed' ? safetyStock.quantity : null,
    safetyStockDays: safetyStock?.method === 'days-of-cover' ? safetyStock.days : null,
    policy: line.policy ?? 'min-max',
    fixedOrderQuantity: line.fixedOrderQuantity ?? null,
    reviewPeriodDays: line.reviewPeriodDays ?? null,
    deliveryWeekdays: line.deliveryWeekdays ?? [],
    forecastPeriod: line.forecastPeriod ?? 'day',
    leadTimeDays: line.leadTimeDays,
    leadTimeStdDevDays: line.leadTimeStdDevDays ?? null,
    minimumOrderQuantity: line.minimumOrderQuantity ?? null,
    packMultiple: line.packMultiple,
    maximumLot: line.maximumLot ?? null,
    unitPrice: line.unitPrice ?? null,
    approvalMaxQuantity: line.approval?.maxQuantity ?? null,
    approvalMaxValue: line.approval?.maxValue ?? null,
    approvalVetoWindowHours: line.approval?.vetoWindowHours ?? null,
    approvalExpiresAfterHours: line.approval?.expiresAfterHours ?? null,
    emergencyAllowed: line.emergency?.allowed ?? false,
    emergencyLeadTimeDays: line.emergency?.leadTimeDays ?? null,
    penaltyPerStockoutDay: line.penalties?.perStockoutDay ?? null,
    penaltyPerLateDelivery: line.penalties?.perLateDelivery ?? null,
    penaltyPerShortDelivery: line.penalties?.perShortDelivery ?? null,
    fillRateFloor: line.penalties?.fillRateFloor ?? null,
    penaltyPerFillRateShortfall: line.penalties?.perFillRateShortfall ?? null,
  };
}

function lineOfTerms(t: AgreementLineTerms): AgreementLine {
  const approval = [t.approvalMaxQuantity, t.approvalMaxValue, t.approvalVetoWindowHours, t.approvalExpiresAfterHours].some(
    (v) => v !== null,
  );
  const penalties = withoutEmpty({
    perStockoutDay: t.penaltyPerStockoutDay,
    perLateDelivery: t.penaltyPerLateDelivery,
    perShortDelivery: t.penaltyPerShortDelivery,
    fillRateFloor: t.fillRateFloor,
    perFillRateShortfall: t.penaltyPerFillRateShortfall,
  });
  return withoutEmpty<AgreementLine>({
    siteId: t.siteId,
    itemId: t.itemId,
    unit: t.unit,
    levelsIn: t.levelsIn === 'units' ? undefined : unchecked(t.levelsIn),
    minimum: t.minimum,
    maximum: t.maximum,
    reorderPoint: t.reorderPoint,
    serviceLevel:
      t.serviceLevelMeasure === null && t.serviceLevelTarget === null
        ? undefined
        : unchecked<ServiceLevelTarget>({ measure: t.serviceLevelMeasure, target: t.serviceLevelTarget }),
    safetyStock: safetyStockOf(t),
    policy: t.policy === 'min-max' ? undefined : unchecked(t.policy),
    fixedOrderQuantity: t.fixedOrderQuantity,
    reviewPeriodDays: t.reviewPeriodDays,
    deliveryWeekdays: t.deliveryWeekdays.length > 0 ? unchecked<Weekday[]>(t.deliveryWeekdays) : undefined,
    forecastPeriod: t.forecastPeriod === 'day' ? undefined : unchecked(t.forecastPeriod),
    leadTimeDays: t.leadTimeDays,
    leadTimeStdDevDays: t.leadTimeStdDevDays,
    minimumOrderQuantity: t.minimumOrderQuantity,
    packMultiple: t.packMultiple,
    maximumLot: t.maximumLot,
    unitPrice: t.unitPrice,
    approval: approval
      ? withoutEmpty(
          unchecked<ApprovalBoundary>({
            maxQuantity: t.approvalMaxQuantity,
            maxValue: t.approvalMaxValue,
            vetoWindowHours: t.approvalVetoWindowHours,
            expiresAfterHours: t.approvalExpiresAfterHours,
          }),
        )
      : undefined,
    emergency:
      t.emergencyAllowed || t.emergencyLeadTimeDays !== null
        ? unchecked({ allowed: t.emergencyAllowed, leadTimeDays: t.emergencyLeadTimeDays })
        : undefined,
    penalties: Object.keys(penalties).length > 0 ? penalties : undefined,
  });
}

function safetyStockOf(t: AgreementLineTerms): SafetyStockRule | undefined {
  if (t.safetyStockMethod === null) return undefined;
  if (t.safetyStockMethod === 'fixed') return unchecked({ method: 'fixed', quantity: t.safetyStockQuantity });
  if (t.safetyStockMethod === 'days-of-cover') return unchecked({ method: 'days-of-cover', days: t.safetyStockDays });
  return unchecked({ method: t.safetyStockMethod });
}

/**
 * The event's strings and nullable numbers, taken as the model's narrower types.
 * Whatever a producer got wrong is caught where versions are taken in: the
 * AgreementBook validates each version it applies.
 */
const unchecked = <T>(value: unknown): T => value as T;

/** Drops absent terms (null or undefined), so a version compares and prints as it was written. */
function withoutEmpty<T extends object>(value: { [K in keyof T]: T[K] | null | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}
