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
export {
  MAX_AGREEMENT_LINES,
  MAX_ALLOWED_STOCKOUTS_PER_MONTH,
  MAX_AMOUNT,
  MAX_DAYS,
  MAX_HOURS,
  MAX_QUANTITY,
  MAX_STOCK,
  MAX_TEXT_LENGTH,
  TextKind,
  isWithin,
  rangeProblem,
  textProblem,
} from './bounds';
export { lineTermsProblems, CountedSiteItem } from './line-terms';
export { consumedRecordProblems } from './consumed-records';
export { allowedSilenceHours, DEFAULT_COMMUNICATION_HOURS, feedSilence, FeedSilence } from './feed-silence';
