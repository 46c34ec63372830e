export * from './agreement';
export { agreementProblems, versionProblems } from './agreement-problems';
export { AgreementBook, AgreementLineInForce } from './agreement-book';
export { overlappingLines, governingSpans, GoverningSpan } from './agreement-overlap';
export {
  agreementVersionEvent,
  agreementVersionOf,
  agreementVersionEventId,
  agreementTerms,
  AgreementTerms,
  canonicalAgreement,
} from './agreement-event';
export { loadAgreementBook, loadSeedVersions, seedVersionOf, DEFAULT_AGREEMENTS_FILE, SEED_FILE_CHANGER } from './agreement-file';
