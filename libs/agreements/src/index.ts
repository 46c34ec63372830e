export { Agreement, AgreementLine, PenaltyTerms, AgreementBook, AgreementLineInForce, agreementProblems } from './agreement';
export { loadAgreementBook, DEFAULT_AGREEMENTS_FILE } from './agreement-file';
