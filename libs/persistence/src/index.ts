export { openServiceDatabase, databaseUrlFromEnv, databaseAnswers, schemaNameOf, ServiceDatabaseOptions } from './service-database';
export { numericAsNumber, decimalColumn, siteItemColumns } from './column-transformers';
export { QueryErrorLogger } from './query-error-logger';
export { claimSweep } from './sweep-claims';
