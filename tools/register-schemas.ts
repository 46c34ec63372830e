/**
 * Adds a new version to schemas/registry.json for every schema file that changed,
 * after checking it can read every earlier version (BACKWARD_TRANSITIVE).
 * Run after changing a schema: npm run schemas:register
 *
 * With `--registry [url]` (the url defaults to SCHEMA_REGISTRY_URL) it publishes instead every
 * version of schemas/registry.json, oldest first, to a Confluent-compatible registry (Confluent's,
 * Apicurio's /apis/ccompat/v7) and sets each subject's compatibility to BACKWARD_TRANSITIVE, so the
 * registry refuses what this tool refuses offline: npm run schemas:register -- --registry <url>
 */
import { HttpSchemaRegistry, readManifest, writeManifest, sameSchema, versionsOf } from '../libs/contracts/src/schema-registry';
import { existsSync } from 'node:fs';
import { incompatibilityWith } from '../libs/contracts/src/schema-compatibility';
import { readSchemaFile } from '../libs/contracts/src/schema-files';
import { allTopics, subjectOf } from '../libs/contracts/src/topics';
import { MANIFEST_PATH, SchemaManifest } from '../libs/contracts/src/schema-registry';

function addChangedSchemas(manifest: SchemaManifest): boolean {
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
  return !failed;
}

async function publish(manifest: SchemaManifest, url: string): Promise<void> {
  const registry = new HttpSchemaRegistry(url);
  const subjects = [...new Set(manifest.schemas.map((s) => s.subject))];
  for (const subject of subjects) {
    const [first, ...later] = versionsOf(manifest, subject);
    const ids = [await registry.idFor(subject, first.schema)];
    // Set once the subject exists (some registries know no rule for a subject they do not hold).
    await registry.setCompatibility(subject, 'BACKWARD_TRANSITIVE');
    for (const version of later) ids.push(await registry.idFor(subject, version.schema));
    console.log(`${subject}: ${ids.length} version(s) sent, registry ids ${[...new Set(ids)].join(', ')}`);
  }
}

async function main(): Promise<void> {
  const manifest = existsSync(MANIFEST_PATH) ? readManifest() : { schemas: [] };
  const flag = process.argv.indexOf('--registry');
  if (flag < 0) {
    if (!addChangedSchemas(manifest)) process.exit(1);
    writeManifest(manifest);
    return;
  }
  const given = process.argv[flag + 1];
  const url = given && !given.startsWith('--') ? given : process.env.SCHEMA_REGISTRY_URL;
  if (!url) throw new Error('--registry needs a url, or SCHEMA_REGISTRY_URL');
  await publish(manifest, url);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
