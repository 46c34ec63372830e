/**
 * Writes libs/contracts/src/generated.ts from schemas/*.avsc.
 * Run after changing a schema: npm run contracts:generate
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatedContractTypes } from '../libs/contracts/src/generated-modules';

const { path, text } = generatedContractTypes();
const target = resolve(__dirname, '../libs/contracts/src', path);
writeFileSync(target, text);
console.log(`wrote ${target}`);
