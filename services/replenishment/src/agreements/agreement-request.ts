import { Agreement, isWithin, textProblem } from '@smi/agreements';
import type { ProposalDecision } from './agreement-consent';

/** What a caller asks for when creating or amending an agreement: the whole agreement, and about the change. */
export interface ChangeRequest {
  agreement: Agreement;
  changeReason?: string;
  /** ISO timestamp, normalised; absent means the default of the change (now for an amendment). */
  effectiveFrom?: string;
  /** The version the caller read; a newer one on file means someone changed the agreement meanwhile. */
  expectedVersion?: number;
}

export interface RetireRequest {
  reason: string;
  effectiveFrom?: string;
  expectedVersion?: number;
}

export interface ImportRequest {
  agreements: Agreement[];
  changeReason?: string;
}

export type Parsed<T> = { ok: true; request: T } | { ok: false; problems: string[] };

/** A create or amend body: the agreement's fields, plus changeReason, effectiveFrom and expectedVersion beside them. */
export function changeRequestOf(body: unknown): Parsed<ChangeRequest> {
  if (!isObject(body)) return { ok: false, problems: ['body must be a JSON object holding the agreement'] };
  const { changeReason, effectiveFrom, expectedVersion, ...agreement } = body;
  const problems: string[] = [];
  const about = changeFields({ changeReason, effectiveFrom, expectedVersion }, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, request: { agreement: agreement as unknown as Agreement, ...about } };
}

/** A retire body: why (required), and optionally from when and against which version. */
export function retireRequestOf(body: unknown): Parsed<RetireRequest> {
  const fields = isObject(body) ? body : {};
  const problems: string[] = [];
  for (const field of Object.keys(fields)) {
    if (!['reason', 'effectiveFrom', 'expectedVersion'].includes(field))
      problems.push(`${field} is not a known field (reason, effectiveFrom, expectedVersion)`);
  }
  const about = changeFields(
    { changeReason: fields.reason, effectiveFrom: fields.effectiveFrom, expectedVersion: fields.expectedVersion },
    problems,
    'reason',
  );
  if (about.changeReason === undefined && !problems.some((p) => p.startsWith('reason'))) problems.push('reason is required');
  const { changeReason, ...when } = about;
  return problems.length > 0 ? { ok: false, problems } : { ok: true, request: { ...when, reason: changeReason! } };
}

/**
 * A decision on a proposal: why (required to reject or withdraw, so the other
 * party learns it; optional to accept). Nothing else: the terms are the proposal's.
 */
export function decisionRequestOf(body: unknown, kind: 'accept' | 'reject' | 'withdraw'): Parsed<ProposalDecision> {
  const fields = isObject(body) ? body : {};
  const problems = Object.keys(fields)
    .filter((field) => field !== 'reason')
    .map((field) => `${field} is not a known field (reason)`);
  const { changeReason: reason } = changeFields({ changeReason: fields.reason }, problems, 'reason');
  if (kind === 'accept') return problems.length > 0 ? { ok: false, problems } : { ok: true, request: { kind, reason } };
  if (reason === undefined && problems.length === 0) problems.push(`reason is required: say why you ${kind} the proposal`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, request: { kind, reason: reason! } };
}

/** An import body, shaped as the agreements file: `{ "agreements": [...] }`. */
export function importRequestOf(body: unknown): Parsed<ImportRequest> {
  if (!isObject(body) || !Array.isArray(body.agreements) || body.agreements.length === 0) {
    return { ok: false, problems: ['body must be { "agreements": [...] } with at least one agreement, as GET /agreements/export gives'] };
  }
  const problems: string[] = [];
  const { changeReason } = changeFields({ changeReason: body.changeReason }, problems);
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, request: { agreements: body.agreements as Agreement[], changeReason } };
}

function changeFields(
  fields: { changeReason?: unknown; effectiveFrom?: unknown; expectedVersion?: unknown },
  problems: string[],
  reasonField = 'changeReason',
): Omit<ChangeRequest, 'agreement'> {
  const about: Omit<ChangeRequest, 'agreement'> = {};
  if (fields.changeReason !== undefined) {
    const bounded = textProblem(fields.changeReason, 'text');
    if (typeof fields.changeReason !== 'string' || fields.changeReason.trim().length === 0)
      problems.push(`${reasonField} must be text saying why`);
    else if (bounded) problems.push(`${reasonField} ${bounded}`);
    else about.changeReason = fields.changeReason.trim();
  }
  if (fields.effectiveFrom !== undefined) {
    const instant = instantOf(fields.effectiveFrom);
    if (instant === undefined) problems.push(instantProblem('effectiveFrom', fields.effectiveFrom));
    else about.effectiveFrom = instant;
  }
  if (fields.expectedVersion !== undefined) {
    if (isWithin(fields.expectedVersion, 1, 2 ** 31 - 1, true)) about.expectedVersion = fields.expectedVersion as number;
    else problems.push(`expectedVersion must be a whole number from 1 to ${2 ** 31 - 1} (got ${String(fields.expectedVersion)})`);
  }
  return about;
}

/** A day (taken as UTC midnight) or a timestamp with its zone: without one, the server's clock zone would decide. */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The instant an ISO-8601 day or zoned timestamp names, as toISOString spells it; undefined for anything else. */
export function instantOf(value: unknown): string | undefined {
  const time = typeof value === 'string' && INSTANT.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export const instantProblem = (field: string, value: unknown): string =>
  `${field} must be an ISO-8601 day or timestamp with its zone, like 2026-07-01 or 2026-07-01T06:00:00Z (got ${String(value)})`;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
