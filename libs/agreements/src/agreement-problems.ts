import {
  Agreement,
  AgreementLine,
  AgreementVersion,
  FORECAST_PERIODS,
  LEVELS_IN,
  REPLENISHMENT_POLICIES,
  SAFETY_STOCK_METHODS,
  SERVICE_LEVEL_MEASURES,
  WEEKDAYS,
} from './agreement';
import {
  MAX_AGREEMENT_LINES,
  MAX_ALLOWED_STOCKOUTS_PER_MONTH,
  MAX_AMOUNT,
  MAX_DAYS,
  MAX_HOURS,
  MAX_QUANTITY,
  MIN_QUANTITY_STEP,
  TextKind,
  textProblem,
} from './bounds';

/**
 * Validation of agreements as a buyer or supplier would write them (JSON from
 * the API or the seed file): every problem names the field and the rule, so one
 * answer lists all there is to fix. Values are `unknown` until checked.
 */

type Need = (ok: boolean, field: string, rule: string) => void;
type Json = Record<string, unknown>;

const AGREEMENT_FIELDS = [
  'agreementId',
  'buyerId',
  'supplierId',
  'currency',
  'validFrom',
  'validTo',
  'penalties',
  'communication',
  'contacts',
  'lines',
  // Checked where agreements change (replenishment's tunable-term rules).
  'tunableAlone',
];
const LINE_FIELDS = [
  'siteId',
  'itemId',
  'unit',
  'levelsIn',
  'minimum',
  'maximum',
  'reorderPoint',
  'serviceLevel',
  'safetyStock',
  'policy',
  'fixedOrderQuantity',
  'reviewPeriodDays',
  'deliveryWeekdays',
  'forecastPeriod',
  'leadTimeDays',
  'leadTimeStdDevDays',
  'minimumOrderQuantity',
  'packMultiple',
  'maximumLot',
  'unitPrice',
  'approval',
  'emergency',
  'penalties',
];
const PERIODIC_POLICIES: readonly string[] = ['order-up-to', 'periodic-min-max'];

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isWhole = (value: unknown): value is number => Number.isInteger(value);
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOneOf = (value: unknown, choices: readonly string[]) => typeof value === 'string' && choices.includes(value);
/** A calendar day that exists: Date.parse rolls 2026-02-30 over to March, so the day must survive the round trip. */
const isDay = (value: unknown) => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
};
/** One spelling per instant (toISOString's), so a version survives the trip through its event unchanged. */
const isInstant = (value: unknown) =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
/** A share strictly between 0 and 1, as service-level targets are: 1 would need infinite stock. */
const isShare = (value: unknown) => isNumber(value) && value > 0 && value < 1;

/** Each problem found, naming the field and the rule it breaks (e.g. `A1: lines[0].maximum must be >= minimum`). */
export function agreementProblems(agreement: Agreement, where = textOr(agreement?.agreementId, 'agreement')): string[] {
  const problems: string[] = [];
  const need: Need = (ok, field, rule) => {
    if (!ok) problems.push(`${where}: ${field} ${rule}`);
  };
  if (!isObject(agreement)) return [`${where}: must be an object`];
  const raw = agreement as unknown as Json;
  unknownFields(raw, AGREEMENT_FIELDS, '', need);
  for (const field of ['agreementId', 'buyerId', 'supplierId', 'currency', 'validFrom', 'validTo'] as const) {
    need(isText(raw[field]), field, 'is required');
  }
  for (const field of ['agreementId', 'buyerId', 'supplierId'] as const) boundedText(raw[field], field, 'id', need);
  if (isText(raw.currency)) need(/^[A-Z]{3}$/.test(raw.currency), 'currency', `must be a 3-letter ISO 4217 code (got ${raw.currency})`);
  for (const field of ['validFrom', 'validTo'] as const) {
    if (isText(raw[field])) need(isDay(raw[field]), field, `must be a date YYYY-MM-DD (got ${raw[field]})`);
  }
  need(!(agreement.validFrom > agreement.validTo), 'validTo', 'must not be before validFrom');
  if (isText(raw.buyerId)) need(raw.buyerId !== raw.supplierId, 'supplierId', 'must differ from buyerId');
  penaltyProblems(raw.penalties, need);
  if (raw.communication !== undefined) communicationProblems(raw.communication, need);
  if (raw.contacts !== undefined) contactProblems(raw.contacts, agreement, need);
  if (!Array.isArray(raw.lines) || raw.lines.length === 0) {
    need(false, 'lines', 'must list at least one site x item');
    return problems;
  }
  if (raw.lines.length > MAX_AGREEMENT_LINES) {
    need(false, 'lines', `must list at most ${MAX_AGREEMENT_LINES} site x items (got ${raw.lines.length})`);
    return problems;
  }
  const seen = new Set<string>();
  (raw.lines as unknown[]).forEach((line, i) => {
    const at = `lines[${i}]`;
    if (!isObject(line)) return need(false, at, 'must be an object');
    lineProblems(line as unknown as AgreementLine, at, need);
    const key = `${line.siteId}|${line.itemId}`;
    need(!seen.has(key), at, `repeats site ${line.siteId} x item ${line.itemId}`);
    seen.add(key);
  });
  return problems;
}

/** Problems of a version's own fields (the agreement's are agreementProblems'), e.g. `A1 v2: changeReason is required`. */
export function versionProblems(version: AgreementVersion): string[] {
  const where = `${textOr(version.agreement?.agreementId, 'agreement')} v${version.version}`;
  const problems: string[] = [];
  const need: Need = (ok, field, rule) => {
    if (!ok) problems.push(`${where}: ${field} ${rule}`);
  };
  need(isWhole(version.version) && version.version >= 1 && version.version <= 2 ** 31 - 1, 'version', 'must be a whole number >= 1');
  need(isOneOf(version.status, ['active', 'retired']), 'status', 'must be one of active, retired');
  for (const field of ['effectiveFrom', 'changedAt'] as const) {
    need(isInstant(version[field]), field, `must be an ISO-8601 UTC timestamp like 2026-07-01T00:00:00.000Z (got ${version[field]})`);
  }
  need(isText(version.changedBy), 'changedBy', 'is required');
  need(isText(version.changeReason), 'changeReason', 'is required');
  boundedText(version.changedBy, 'changedBy', 'id', need);
  boundedText(version.changeReason, 'changeReason', 'text', need);
  return [...problems, ...agreementProblems(version.agreement)];
}

function penaltyProblems(penalties: unknown, need: Need): void {
  const terms = isObject(penalties) ? penalties : {};
  need(
    isWhole(terms.allowedStockoutsPerMonth) && terms.allowedStockoutsPerMonth >= 0,
    'penalties.allowedStockoutsPerMonth',
    'must be a whole number >= 0',
  );
  atMost(terms, 'allowedStockoutsPerMonth', MAX_ALLOWED_STOCKOUTS_PER_MONTH, 'penalties', need);
  need(isNumber(terms.penaltyPerStockout) && terms.penaltyPerStockout >= 0, 'penalties.penaltyPerStockout', 'must be >= 0');
  atMost(terms, 'penaltyPerStockout', MAX_AMOUNT, 'penalties', need);
  if (isObject(penalties)) unknownFields(penalties, ['allowedStockoutsPerMonth', 'penaltyPerStockout'], 'penalties.', need);
}

function communicationProblems(communication: unknown, need: Need): void {
  if (!isObject(communication)) return need(false, 'communication', 'must be an object');
  unknownFields(communication, ['digestEveryHours', 'immediateAlerts'], 'communication.', need);
  need(
    isWhole(communication.digestEveryHours) && communication.digestEveryHours > 0,
    'communication.digestEveryHours',
    'must be a whole number > 0',
  );
  atMost(communication, 'digestEveryHours', MAX_HOURS, 'communication', need);
  need(typeof communication.immediateAlerts === 'boolean', 'communication.immediateAlerts', 'must be true or false');
}

function contactProblems(contacts: unknown, agreement: Agreement, need: Need): void {
  if (!Array.isArray(contacts)) return need(false, 'contacts', 'must be a list');
  contacts.forEach((contact: unknown, i) => {
    const at = `contacts[${i}]`;
    if (!isObject(contact)) return need(false, at, 'must be an object');
    unknownFields(contact, ['partyId', 'name', 'role', 'email', 'phone'], `${at}.`, need);
    need(
      contact.partyId === agreement.buyerId || contact.partyId === agreement.supplierId,
      `${at}.partyId`,
      'must be the buyer or the supplier',
    );
    need(isText(contact.name), `${at}.name`, 'is required');
    need(isText(contact.role), `${at}.role`, 'is required');
    if (contact.email !== undefined)
      need(typeof contact.email === 'string' && /^[^@\s]+@[^@\s]+$/.test(contact.email), `${at}.email`, 'must be an email address');
    if (contact.phone !== undefined) need(isText(contact.phone), `${at}.phone`, 'must be text');
    for (const field of ['name', 'role', 'email', 'phone'] as const) boundedText(contact[field], `${at}.${field}`, 'text', need);
  });
}

function lineProblems(line: AgreementLine, at: string, need: Need): void {
  const raw = line as unknown as Json;
  unknownFields(raw, LINE_FIELDS, `${at}.`, need);
  need(isText(line.siteId), `${at}.siteId`, 'is required');
  need(isText(line.itemId), `${at}.itemId`, 'is required');
  need(isText(line.unit), `${at}.unit`, 'is required');
  boundedText(line.siteId, `${at}.siteId`, 'id', need);
  boundedText(line.itemId, `${at}.itemId`, 'id', need);
  boundedText(line.unit, `${at}.unit`, 'unit', need);
  // Levels in days of supply are days, converted to quantities with the forecast: a year at most.
  const levelBound = line.levelsIn === 'days-of-supply' ? MAX_DAYS : MAX_QUANTITY;
  for (const field of ['minimum', 'maximum', 'reorderPoint']) atMost(raw, field, levelBound, at, need);
  for (const field of ['minimumOrderQuantity', 'packMultiple', 'maximumLot', 'fixedOrderQuantity'])
    atMost(raw, field, MAX_QUANTITY, at, need);
  for (const field of ['leadTimeDays', 'leadTimeStdDevDays', 'reviewPeriodDays']) atMost(raw, field, MAX_DAYS, at, need);
  atMost(raw, 'unitPrice', MAX_AMOUNT, at, need);
  if (line.levelsIn !== undefined) need(isOneOf(line.levelsIn, LEVELS_IN), `${at}.levelsIn`, `must be one of ${LEVELS_IN.join(', ')}`);
  need(isNumber(line.minimum) && line.minimum >= 0, `${at}.minimum`, 'must be >= 0');
  need(isNumber(line.maximum) && line.maximum >= line.minimum, `${at}.maximum`, 'must be >= minimum');
  if (line.reorderPoint !== undefined) {
    need(
      isNumber(line.reorderPoint) && line.reorderPoint >= 0 && line.reorderPoint <= line.maximum,
      `${at}.reorderPoint`,
      'must be >= 0 and <= maximum',
    );
  }
  if (line.forecastPeriod !== undefined)
    need(isOneOf(line.forecastPeriod, FORECAST_PERIODS), `${at}.forecastPeriod`, `must be one of ${FORECAST_PERIODS.join(', ')}`);
  need(isNumber(line.leadTimeDays) && line.leadTimeDays >= 0, `${at}.leadTimeDays`, 'must be >= 0');
  optionalAtLeast(raw, 'leadTimeStdDevDays', 0, at, need);
  need(
    isNumber(line.packMultiple) && line.packMultiple >= MIN_QUANTITY_STEP,
    `${at}.packMultiple`,
    `must be at least ${MIN_QUANTITY_STEP.toFixed(6)}, the smallest quantity kept`,
  );
  optionalAbove(raw, 'minimumOrderQuantity', 0, at, need);
  if (line.maximumLot !== undefined) {
    need(isNumber(line.maximumLot) && line.maximumLot >= line.packMultiple, `${at}.maximumLot`, 'must be >= packMultiple');
    if (line.minimumOrderQuantity !== undefined) {
      need(
        isNumber(line.maximumLot) && line.maximumLot >= line.minimumOrderQuantity,
        `${at}.maximumLot`,
        'must be >= minimumOrderQuantity',
      );
    }
  }
  optionalAtLeast(raw, 'unitPrice', 0, at, need);
  policyProblems(line, at, need);
  serviceLevelProblems(line, at, need);
  approvalProblems(line, at, need);
  emergencyProblems(line, at, need);
  linePenaltyProblems(line.penalties, at, need);
}

function policyProblems(line: AgreementLine, at: string, need: Need): void {
  const policy = line.policy ?? 'min-max';
  need(isOneOf(policy, REPLENISHMENT_POLICIES), `${at}.policy`, `must be one of ${REPLENISHMENT_POLICIES.join(', ')}`);
  if (policy === 'fixed-quantity') {
    need(line.fixedOrderQuantity !== undefined, `${at}.fixedOrderQuantity`, 'is required for policy fixed-quantity');
  } else {
    need(line.fixedOrderQuantity === undefined, `${at}.fixedOrderQuantity`, 'applies only to policy fixed-quantity');
  }
  const fixed = (line as unknown as Json).fixedOrderQuantity;
  if (fixed !== undefined) {
    need(
      isNumber(fixed) && fixed >= MIN_QUANTITY_STEP,
      `${at}.fixedOrderQuantity`,
      `must be at least ${MIN_QUANTITY_STEP.toFixed(6)}, the smallest quantity kept`,
    );
  }
  optionalAbove(line as unknown as Json, 'reviewPeriodDays', 0, at, need);
  if (line.deliveryWeekdays !== undefined) {
    if (!Array.isArray(line.deliveryWeekdays)) need(false, `${at}.deliveryWeekdays`, 'must be a list');
    else {
      line.deliveryWeekdays.forEach((day, i) => need(isOneOf(day, WEEKDAYS), `${at}.deliveryWeekdays[${i}]`, 'must be one of MON..SUN'));
      need(new Set(line.deliveryWeekdays).size === line.deliveryWeekdays.length, `${at}.deliveryWeekdays`, 'must not repeat a day');
    }
  }
  if (PERIODIC_POLICIES.includes(policy)) {
    const reviewed = line.reviewPeriodDays !== undefined || (Array.isArray(line.deliveryWeekdays) && line.deliveryWeekdays.length > 0);
    need(reviewed, `${at}.reviewPeriodDays`, `or deliveryWeekdays is required for periodic policies (policy is ${policy})`);
  }
}

function serviceLevelProblems(line: AgreementLine, at: string, need: Need): void {
  const serviceLevel: unknown = line.serviceLevel;
  if (serviceLevel !== undefined) {
    if (!isObject(serviceLevel)) need(false, `${at}.serviceLevel`, 'must be an object');
    else {
      unknownFields(serviceLevel, ['measure', 'target'], `${at}.serviceLevel.`, need);
      need(
        isOneOf(serviceLevel.measure, SERVICE_LEVEL_MEASURES),
        `${at}.serviceLevel.measure`,
        `must be one of ${SERVICE_LEVEL_MEASURES.join(', ')}`,
      );
      need(isShare(serviceLevel.target), `${at}.serviceLevel.target`, 'must be between 0 and 1 exclusive');
    }
  }
  const safetyStock: unknown = line.safetyStock;
  if (safetyStock === undefined) return;
  if (!isObject(safetyStock)) return need(false, `${at}.safetyStock`, 'must be an object');
  const method = safetyStock.method;
  need(isOneOf(method, SAFETY_STOCK_METHODS), `${at}.safetyStock.method`, `must be one of ${SAFETY_STOCK_METHODS.join(', ')}`);
  const ownField = method === 'fixed' ? 'quantity' : method === 'days-of-cover' ? 'days' : undefined;
  unknownFields(safetyStock, ['method', ...(ownField ? [ownField] : [])], `${at}.safetyStock.`, need);
  if (ownField) {
    need(
      isNumber(safetyStock[ownField]) && safetyStock[ownField] >= 0,
      `${at}.safetyStock.${ownField}`,
      `must be >= 0 for method ${method}`,
    );
    atMost(safetyStock, ownField, ownField === 'days' ? MAX_DAYS : MAX_QUANTITY, `${at}.safetyStock`, need);
  }
  if (method === 'service-level')
    need(serviceLevel !== undefined, `${at}.serviceLevel`, 'is required for safetyStock.method service-level');
}

function approvalProblems(line: AgreementLine, at: string, need: Need): void {
  const approval: unknown = line.approval;
  if (approval === undefined) return;
  if (!isObject(approval)) return need(false, `${at}.approval`, 'must be an object');
  const where = `${at}.approval`;
  unknownFields(approval, ['maxQuantity', 'maxValue', 'vetoWindowHours', 'expiresAfterHours'], `${where}.`, need);
  optionalAbove(approval, 'maxQuantity', 0, where, need);
  optionalAtLeast(approval, 'maxValue', 0, where, need);
  // An order's value is quantity x unit price: without a price there is nothing to hold it against.
  if (approval.maxValue !== undefined) need(line.unitPrice !== undefined, `${where}.maxValue`, 'needs unitPrice on the line');
  need(isNumber(approval.vetoWindowHours) && approval.vetoWindowHours >= 0, `${where}.vetoWindowHours`, 'must be >= 0');
  need(isNumber(approval.expiresAfterHours) && approval.expiresAfterHours > 0, `${where}.expiresAfterHours`, 'must be > 0');
  atMost(approval, 'maxQuantity', MAX_QUANTITY, where, need);
  atMost(approval, 'maxValue', MAX_AMOUNT, where, need);
  for (const field of ['vetoWindowHours', 'expiresAfterHours']) atMost(approval, field, MAX_HOURS, where, need);
}

function emergencyProblems(line: AgreementLine, at: string, need: Need): void {
  const emergency: unknown = line.emergency;
  if (emergency === undefined) return;
  if (!isObject(emergency)) return need(false, `${at}.emergency`, 'must be an object');
  unknownFields(emergency, ['allowed', 'leadTimeDays'], `${at}.emergency.`, need);
  need(typeof emergency.allowed === 'boolean', `${at}.emergency.allowed`, 'must be true or false');
  need(isNumber(emergency.leadTimeDays) && emergency.leadTimeDays >= 0, `${at}.emergency.leadTimeDays`, 'must be >= 0');
  atMost(emergency, 'leadTimeDays', MAX_DAYS, `${at}.emergency`, need);
  // An expedited delivery that is not faster than a regular one is no emergency option.
  if (isNumber(emergency.leadTimeDays) && isNumber(line.leadTimeDays)) {
    need(emergency.leadTimeDays < line.leadTimeDays, `${at}.emergency.leadTimeDays`, 'must be < leadTimeDays');
  }
}

function linePenaltyProblems(penalties: unknown, at: string, need: Need): void {
  if (penalties === undefined) return;
  const where = `${at}.penalties`;
  if (!isObject(penalties)) return need(false, where, 'must be an object');
  const amounts = ['perStockoutDay', 'perLateDelivery', 'perShortDelivery', 'perFillRateShortfall'];
  unknownFields(penalties, [...amounts, 'fillRateFloor'], `${where}.`, need);
  for (const field of amounts) {
    optionalAtLeast(penalties, field, 0, where, need);
    atMost(penalties, field, MAX_AMOUNT, where, need);
  }
  if (penalties.fillRateFloor !== undefined)
    need(isShare(penalties.fillRateFloor), `${where}.fillRateFloor`, 'must be between 0 and 1 exclusive');
  if (penalties.perFillRateShortfall !== undefined)
    need(penalties.fillRateFloor !== undefined, `${where}.fillRateFloor`, 'is required with perFillRateShortfall');
}

/** A misspelt optional term would otherwise be dropped without a word. */
function unknownFields(value: Json, known: readonly string[], prefix: string, need: Need): void {
  for (const field of Object.keys(value)) need(known.includes(field), `${prefix}${field}`, 'is not a known field');
}

function optionalAtLeast(value: Json, field: string, floor: number, at: string, need: Need): void {
  const given = value[field];
  if (given !== undefined) need(isNumber(given) && given >= floor, `${at}.${field}`, `must be >= ${floor}`);
}

function optionalAbove(value: Json, field: string, floor: number, at: string, need: Need): void {
  const given = value[field];
  if (given !== undefined) need(isNumber(given) && given > floor, `${at}.${field}`, `must be > ${floor}`);
}

/**
 * The upper bound of a term (bounds.ts): checked apart from the term's own rule, so that rule's
 * words stay as they are and a lead time of 1e308 days is told its limit.
 */
function atMost(value: Json, field: string, max: number, at: string, need: Need): void {
  const given = value[field];
  if (isNumber(given)) need(given <= max, `${at}.${field}`, `must be at most ${max.toLocaleString('en-US')} (got ${given})`);
}

/** Length and control characters of a text given (a missing one is the caller's `is required`). */
function boundedText(value: unknown, field: string, kind: TextKind, need: Need): void {
  if (isText(value)) {
    const problem = textProblem(value, kind);
    need(problem === undefined, field, problem ?? '');
  }
}

function textOr(value: unknown, fallback: string): string {
  return isText(value) ? value : fallback;
}
