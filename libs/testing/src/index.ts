export { provideInfrastructure, Infrastructure, REPO_ROOT } from './infrastructure';
export { createTestDatabase, queryDatabase } from './test-database';
export { KafkaTestClient, ReceivedRecord } from './kafka-test-client';
export { startServiceProcess, ServiceProcess, ServiceName, SERVICE_PORTS, TEST_PORT_OFFSET } from './service-process';
export { uniqueId } from './unique-id';
export { writeAgreementsFile, writePartiesFile, writeTestParties, TestParties, testAgreement } from './seed-files';
export { useNamespace, deleteNamespaceTopics } from './namespace';
