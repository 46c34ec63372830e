import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** schemas/ at the repository root: the contract every service reads. */
export const SCHEMAS_DIR = process.env.SMI_SCHEMAS_DIR ?? resolve(__dirname, '../../../schemas');

export type AvroSchema = Record<string, unknown> & { name: string; type: string };

export function readSchemaFile(file: string, dir = SCHEMAS_DIR): AvroSchema {
  const text = readFileSync(join(dir, file), 'utf8');
  try {
    return JSON.parse(text) as AvroSchema;
  } catch (error) {
    throw new Error(`schemas/${file} is not valid JSON: ${(error as Error).message}`);
  }
}

export function listSchemaFiles(dir = SCHEMAS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.avsc'))
    .sort();
}
