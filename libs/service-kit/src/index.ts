export { ServiceKitModule, ServiceKitOptions } from './service-kit.module';
export { bootService, BootOptions, RunningService } from './boot';
export { bootWebApp, WebBootOptions } from './web-boot';
export {
  describeApi,
  apiDocumentOf,
  ApiFilterRefusal,
  ApiRefusal,
  API_DOCS_PATH,
  API_DOCS_JSON_PATH,
  API_KEY_SCHEME,
  BEARER_SCHEME,
} from './api-docs';
export { ApiErrorDto } from './api-error.dto';
export { asDto } from './dto';
export { SiteItemDto } from './site-item.dto';
export { ServiceLevelTargetDto } from './service-level-target.dto';
export { ApiKeyGuard, PublicRoute, AuthenticatedRequest } from './api-key.guard';
export { Party, PartyDirectory, sha256Hex } from './parties';
export { SERVICE_NAME, KAFKA_ADMIN } from './health.controller';
export { optionalQueryText, optionalQueryChoice, optionalQueryWholeNumber } from './query-filters';
export { AgreementFeed, AgreementFeedOptions } from './agreement-feed';
export { PeriodicSweep, ScheduledSweep, sweepMsFrom } from './periodic-sweep';
export { admittedByAgreedUnit } from './agreed-units';
export { BusinessClock, SystemClock, FileClock, SettableClock, businessClockFrom } from './business-clock';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookVerification,
  signWebhook,
  verifyWebhookSignature,
  webhookSignatureOf,
} from './webhook-signature';
