import { listSchemaFiles, readSchemaFile } from './schema-files';
import { generatedModuleFor } from './type-generation';

/** Path (under src/) and content of the generated contract types. */
export function generatedContractTypes(): { path: string; text: string } {
  return { path: 'generated.ts', text: generatedModuleFor(listSchemaFiles().map((f) => readSchemaFile(f))) };
}
