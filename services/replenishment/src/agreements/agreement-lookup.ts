import { AgreementVersion } from '@smi/agreements';
import { instantOf, instantProblem, Parsed } from './agreement-request';

/** Which version of an agreement a reader asks for: the current one, a numbered one, or the one in force at a moment. */
export type VersionAsk = { kind: 'current' } | { kind: 'numbered'; version: number } | { kind: 'in-force'; on: string };

/** From the query string: `?version=n` or `?on=<ISO day or timestamp>`, at most one of them. */
export function versionAskOf(query: { version?: unknown; on?: unknown }): Parsed<VersionAsk> {
  if (query.version !== undefined && query.on !== undefined) return { ok: false, problems: ['give version or on, not both'] };
  if (query.version !== undefined) {
    const version = typeof query.version === 'string' && /^[1-9]\d{0,9}$/.test(query.version) ? Number(query.version) : NaN;
    if (Number.isNaN(version)) return { ok: false, problems: [`version must be a whole number >= 1 (got ${String(query.version)})`] };
    return { ok: true, request: { kind: 'numbered', version } };
  }
  if (query.on !== undefined) {
    const on = instantOf(query.on);
    return on === undefined ? { ok: false, problems: [instantProblem('on', query.on)] } : { ok: true, request: { kind: 'in-force', on } };
  }
  return { ok: true, request: { kind: 'current' } };
}

/** The version asked for, or why there is none. The one in force is the highest version effective by then, as every service's book has it. */
export function versionAsked(agreementId: string, history: readonly AgreementVersion[], ask: VersionAsk): AgreementVersion | string {
  switch (ask.kind) {
    case 'current':
      return history.at(-1) ?? `agreement ${agreementId} is not known`;
    case 'numbered':
      return (
        history.find((v) => v.version === ask.version) ??
        `agreement ${agreementId} has no version ${ask.version} (latest is ${history.at(-1)?.version})`
      );
    case 'in-force':
      return history.findLast((v) => v.effectiveFrom <= ask.on) ?? `agreement ${agreementId} had no version in force on ${ask.on}`;
  }
}
