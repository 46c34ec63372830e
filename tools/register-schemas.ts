/**
 * Adds a new version to schemas/registry.json for every schema file that changed,
 * after checking it can read every earlier version (BACKWARD_TRANSITIVE).
 * Run after changing a schema: npm run schemas:register
 */
import { readManifest, writeManifest, sameSchema, versionsOf } from '../libs/contracts/src/schema-registry';
import { existsSync } from 'node:fs';
import { incompatibilityWith } from '../libs/contracts/src/schema-compatibility';
import { readSchemaFile } from '../libs/contracts/src/schema-files';
import { allTopics, subjectOf } from '../libs/contracts/src/topics';
import { MANIFEST_PATH } from '../libs/contracts/src/schema-registry';

const manifest = existsSync(MANIFEST_PATH) ? readManifest() : { schemas: [] };
let failed = false;
for (const topic of allTopics) {
  const subject = subjectOf(topic);
  const schema = readSchemaFile(topic.schemaFile);
  const versions = versionsOf(manifest, subject);
  if (versions.some((v) => sameSchema(v.schema, schema))) continue;
  const broken = versions.map((v) => ({ v, why: incompatibilityWith(schema, v.schema) })).filter((x) => x.why !== null);
  if (broken.length > 0) {
    failed = true;
    for (const { v, why } of broken) console.error(`${subject}: ${topic.schemaFile} cannot read version ${v.version}: ${why}`);
    continue;
  }
  const id = Math.max(0, ...manifest.schemas.map((s) => s.id)) + 1;
  const version = versions.length + 1;
  manifest.schemas.push({ id, subject, version, schema });
  console.log(`${subject}: registered version ${version} as id ${id}`);
}
if (failed) process.exit(1);
writeManifest(manifest);
