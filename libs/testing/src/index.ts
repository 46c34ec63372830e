export { provideInfrastructure, Infrastructure, REPO_ROOT } from './infrastructure';
export { confluentClientPython, provideSchemaRegistry, ProvidedSchemaRegistry } from './schema-registry';
export { createTestDatabase, queryDatabase } from './test-database';
export { HeldLock } from './held-lock';
export { KafkaTestClient, ReceivedRecord } from './kafka-test-client';
export { createKafkaPrincipals, kafkaEnvOf, principalKafkaEnv, serviceKafkaEnv } from './kafka-principals';
export {
  allStartedOrNone,
  startServiceProcess,
  startServiceProcesses,
  mappedRoutes,
  serviceLogFile,
  ServiceProcess,
  ServiceName,
  SERVICE_PORTS,
  APP_PORTS,
  AppName,
} from './service-process';
export { uniqueId } from './unique-id';
export { writeAgreementsFile, writePartiesFile, writeTestParties, TestParties, testAgreement, testWebhookSecretOf } from './seed-files';
export { useNamespace, deleteNamespaceTopics, namespaceOfItsOwn } from './namespace';
export { ConsumerLag, ConsumerLagReader, KillReport, killMidStream, TopicEnds, waitUntilCaughtUp } from './consumer-lag';
export { FoldedStock, foldStockMovements } from './stock-fold';
export { PrometheusServer, Sample, ScrapeTarget } from './prometheus';
export { ReceivedPost, WebhookReceiver } from './webhook-receiver';
export { eventually, untilPasses } from './eventually';
export { BusinessClockFile } from './business-clock-file';
export {
  AnsweredCase,
  acceptedCases,
  FuzzCase,
  fuzzCases,
  fuzzRoute,
  fuzzRuns,
  fuzzSeed,
  FuzzTally,
  FuzzTarget,
  hostileBodies,
  hostileNumbers,
  hostileTexts,
  jsonText,
  junkValue,
  preview,
  RawJsonNumber,
  RouteTally,
  sendTimed,
  TimedAnswer,
} from './fuzzing';
export { BadRecord, badRecordsOf, deadLetterReasons, FUZZ_CASE_HEADER, interleaved, OutOfRange } from './kafka-fuzzing';
export {
  exampleDemandForecast,
  exampleMonthlyReviewedLine,
  exampleReplenishmentOrder,
  exampleShipment,
  IRREGULAR_MONTHLY_DEMAND,
} from './example-records';
export { MailInbox, parseMail, ReceivedMail } from './mail-inbox';
export { Jaeger, JaegerSpan, JaegerTrace, jaegerTrace, jaegerTracesOf, provideJaeger } from './jaeger';
export { CHROMIUM_FLAGS, chromiumPath, launchTestBrowser, screenshotDir, TestBrowser } from './browser';
