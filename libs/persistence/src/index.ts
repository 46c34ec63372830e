export { openServiceDatabase, databaseUrlFromEnv, databaseAnswers, schemaNameOf, ServiceDatabaseOptions } from './service-database';
