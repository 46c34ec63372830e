/**
 * What the demo prints when a month closes: the month's KPIs (GET /kpis), its penalties with
 * their evidence (GET /penalties), and the agreement's scorecard (CSV printed, HTML saved).
 */
import { Penalty } from '@smi/contracts';
import type { AgreementKpis, LineKpis } from '@smi/service-levels';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getAs } from './api';

export const AGREEMENT = 'AGR-ACME-NW-2026';

type PenaltyJson = Omit<Penalty, 'computedAt' | 'evidence'> & {
  computedAt: string;
  evidence: { kind: string; id: string; at?: string | null; quantity?: number | null; note: string }[];
};

export interface MonthReport {
  period: string;
  penalties: PenaltyJson[];
  withEvidence: number;
  scorecardPrinted: boolean;
  scorecardPath?: string;
}

const listOf = <T>(body: unknown, key: string): T[] =>
  Array.isArray(body)
    ? (body as T[])
    : Array.isArray((body as Record<string, unknown>)?.[key])
      ? ((body as Record<string, T[]>)[key] ?? [])
      : [];

const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

/** What GET /kpis answers (sla-monitor's KpisAnswer), as JSON. */
interface KpisJson {
  period: { id: string };
  agreements: (AgreementKeys & {
    kpis: AgreementKpis;
    lines: (LineKeys & { kpis: LineKpis; targets: { fillRateFloor: number | null } })[];
  })[];
}
interface AgreementKeys {
  agreementId: string;
  agreementVersion: number;
  forecastAccuracy: { mase: number | null } | null;
}
interface LineKeys {
  siteId: string;
  itemId: string;
}

const percent = (share: number | null | undefined) => (share === null || share === undefined ? 'n/a' : `${(share * 100).toFixed(1)}%`);
const days = (value: number | null | undefined) => (value === null || value === undefined ? 'n/a' : `${value.toFixed(1)} d`);

/** A line's or an agreement's KPIs in one line of text. */
function kpiWords(k: AgreementKpis | LineKpis, floor?: number | null): string {
  return [
    `stockout days ${k.stockouts.stockoutDays}/${k.stockouts.days} (${percent(k.stockouts.rate)}, ${k.stockouts.stockoutsBegun} begun, ${k.stockouts.hoursStockedOut.toFixed(0)} h)`,
    `fill rate ${percent(k.fillRate.rate)}${floor ? ` (floor ${percent(floor)})` : ''}`,
    `in band ${percent(k.band.share)}`,
    `on time ${k.onTimeDelivery.onTime}/${k.onTimeDelivery.due}${k.onTimeDelivery.deliveredLate ? ` (${k.onTimeDelivery.deliveredLate} late)` : ''}`,
    `accurate ${k.orderAccuracy.accurate}/${k.orderAccuracy.delivered}`,
    `lead time ${days(k.leadTime.meanActualDays)} (${k.leadTime.meanDeviationDays === null ? 'n/a' : `${k.leadTime.meanDeviationDays >= 0 ? '+' : ''}${k.leadTime.meanDeviationDays.toFixed(1)}`} vs agreed)`,
    `turns ${k.turnover.turns === null ? 'n/a' : k.turnover.turns.toFixed(2)}, ${days(k.turnover.daysOfSupply)} of supply`,
  ].join(', ');
}

function printKpis(body: KpisJson, print: (line: string) => void): void {
  for (const agreement of body.agreements ?? []) {
    const mase = agreement.forecastAccuracy?.mase;
    print(
      `  KPIs ${agreement.agreementId} v${agreement.agreementVersion}: ${kpiWords(agreement.kpis)}${mase === null || mase === undefined ? '' : `, forecast MASE ${mase.toFixed(2)}`}`,
    );
    for (const line of agreement.lines) print(`    ${line.siteId} ${line.itemId}: ${kpiWords(line.kpis, line.targets.fillRateFloor)}`);
  }
}

/** Each record behind a penalty, by kind; a long run of one kind (a month of stockout days) shortened to its ends. */
function printEvidence(evidence: PenaltyJson['evidence'], print: (line: string) => void): void {
  const kinds = [...new Set(evidence.map((e) => e.kind))];
  for (const kind of kinds) {
    const ofKind = evidence.filter((e) => e.kind === kind);
    const shown = ofKind.length > 4 ? [ofKind[0], ofKind[1], ofKind[ofKind.length - 1]] : ofKind;
    for (const e of shown) {
      if (e === ofKind[ofKind.length - 1] && shown.length < ofKind.length)
        print(`      ... ${ofKind.length - 3} more ${kind} evidence, then:`);
      print(
        `      evidence ${e.kind} ${e.id}${e.quantity === null || e.quantity === undefined ? '' : ` (${+e.quantity.toFixed(3)})`}: ${e.note}`,
      );
    }
  }
}

export async function reportMonth(period: string, stateDir: string, print: (line: string) => void): Promise<MonthReport> {
  print(`======== ${period} closed: KPIs, penalties with evidence, scorecard ========`);
  const kpis = await getAs('buyer', 'slaMonitor', `/kpis?period=${period}`);
  if (kpis.status === 200) printKpis(kpis.body as KpisJson, print);
  else print(`  ! GET /kpis?period=${period} answered ${kpis.status}: ${kpis.text.slice(0, 200)}`);

  const answer = await getAs('buyer', 'slaMonitor', `/penalties?period=${period}`);
  const penalties = answer.status === 200 ? listOf<PenaltyJson>(answer.body, 'penalties') : [];
  if (answer.status !== 200) print(`  ! GET /penalties?period=${period} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  let total = 0;
  for (const p of penalties) {
    total += p.amount;
    print(
      `  PENALTY ${p.rule} ${p.siteId ?? '(agreement)'} ${p.itemId ?? ''} v${p.agreementVersion} r${p.revision}: ${p.explanation}  -> ${money(p.amount, p.currency)}`,
    );
    printEvidence(p.evidence ?? [], print);
  }
  print(`  ${penalties.length} penalties for ${period}, ${money(total, penalties[0]?.currency ?? 'EUR')} in all`);

  const base = `/agreements/${AGREEMENT}/scorecard?period=${period}`;
  const csv = await getAs('buyer', 'slaMonitor', `${base}&format=csv`);
  if (csv.status === 200) {
    // The 12-month trend rows are left to the page; the month's own rows are printed.
    const rows = csv.text.trim().split(/\r?\n/);
    const trend = rows.filter((row) => row.startsWith('trend,')).length;
    print(`  scorecard ${AGREEMENT} ${period} (GET ${base}&format=csv; ${trend} trend rows left to the HTML page):`);
    for (const row of rows) if (!row.startsWith('trend,')) print(`    ${row}`);
  } else print(`  ! scorecard CSV answered ${csv.status}: ${csv.text.slice(0, 200)}`);
  const html = await getAs('buyer', 'slaMonitor', `${base}&format=html`);
  let scorecardPath: string | undefined;
  if (html.status === 200) {
    const dir = join(stateDir, 'scorecards');
    mkdirSync(dir, { recursive: true });
    scorecardPath = join(dir, `${AGREEMENT}-${period}.html`);
    writeFileSync(scorecardPath, html.text);
    print(`  scorecard page: ${scorecardPath}`);
  } else print(`  ! scorecard HTML answered ${html.status}: ${html.text.slice(0, 200)}`);
  print('======================================================================');
  return {
    period,
    penalties,
    scorecardPrinted: csv.status === 200,
    withEvidence: penalties.filter((p) => (p.evidence ?? []).length > 0).length,
    scorecardPath,
  };
}
