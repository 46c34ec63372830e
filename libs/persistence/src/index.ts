export { openServiceDatabase, databaseUrlFromEnv, databaseAnswers, schemaNameOf, ServiceDatabaseOptions } from './service-database';
export { numericAsNumber } from './column-transformers';
