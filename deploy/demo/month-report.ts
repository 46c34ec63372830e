/**
 * What the demo prints when a month closes: the month's KPIs (GET /kpis), its penalties with
 * their evidence (GET /penalties), and the agreement's scorecard (CSV printed, HTML saved).
 */
import { Penalty } from '@smi/contracts';
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
  scorecardPath?: string;
}

const listOf = <T>(body: unknown, key: string): T[] =>
  Array.isArray(body)
    ? (body as T[])
    : Array.isArray((body as Record<string, unknown>)?.[key])
      ? ((body as Record<string, T[]>)[key] ?? [])
      : [];

const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

/** A KPI record in one line: its numbers by name, nested ones by their path. */
function numbersOf(value: unknown, prefix = ''): string[] {
  if (typeof value === 'number') return [`${prefix}=${Number.isInteger(value) ? value : value.toFixed(3)}`];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => numbersOf(v, prefix ? `${prefix}.${k}` : k));
}

function printKpis(body: unknown, print: (line: string) => void): void {
  const record = body as Record<string, unknown>;
  const rows = Array.isArray(body) ? body : listOf<Record<string, unknown>>(body, 'lines');
  const whole = record && !Array.isArray(body) ? (record.agreements ?? record.agreement ?? record.total) : undefined;
  for (const agreement of Array.isArray(whole) ? whole : whole ? [whole] : []) {
    const a = agreement as Record<string, unknown>;
    print(`  KPI ${a.agreementId ?? AGREEMENT}: ${numbersOf(a.kpis ?? a).join('  ')}`);
  }
  for (const row of rows as Record<string, unknown>[])
    print(`  KPI ${row.siteId ?? ''} ${row.itemId ?? ''}: ${numbersOf(row.kpis ?? row).join('  ')}`);
  if (!whole && rows.length === 0) print(`  KPI ${JSON.stringify(body).slice(0, 600)}`);
}

export async function reportMonth(period: string, stateDir: string, print: (line: string) => void): Promise<MonthReport> {
  print(`======== ${period} closed: KPIs, penalties with evidence, scorecard ========`);
  const kpis = await getAs('buyer', 'slaMonitor', `/kpis?period=${period}`);
  if (kpis.status === 200) printKpis(kpis.body, print);
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
    for (const e of p.evidence ?? [])
      print(`      evidence ${e.kind} ${e.id}${e.quantity === null || e.quantity === undefined ? '' : ` (${e.quantity})`}: ${e.note}`);
  }
  print(`  ${penalties.length} penalties for ${period}, ${money(total, penalties[0]?.currency ?? 'EUR')} in all`);

  const base = `/agreements/${AGREEMENT}/scorecard?period=${period}`;
  const csv = await getAs('buyer', 'slaMonitor', `${base}&format=csv`);
  if (csv.status === 200) {
    print(`  scorecard ${AGREEMENT} ${period} (CSV):`);
    for (const row of csv.text.trim().split('\n')) print(`    ${row}`);
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
  return { period, penalties, withEvidence: penalties.filter((p) => (p.evidence ?? []).length > 0).length, scorecardPath };
}
