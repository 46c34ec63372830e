import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from './schema-files';

/**
 * Where schema ids come from. The Confluent wire format puts a 4-byte schema id
 * before each Avro value; readers look the id up to find the writer's schema.
 */
export interface SchemaRegistry {
  /** Id of this exact schema under the subject; registers it where the registry allows. */
  idFor(subject: string, schema: object): Promise<number>;
  /** The writer schema behind an id. */
  schemaFor(id: number): Promise<object>;
}

export interface RegisteredSchema {
  id: number;
  subject: string;
  version: number;
  schema: object;
}

export interface SchemaManifest {
  schemas: RegisteredSchema[];
}

export const MANIFEST_PATH = join(SCHEMAS_DIR, 'registry.json');

export function readManifest(path = MANIFEST_PATH): SchemaManifest {
  return JSON.parse(readFileSync(path, 'utf8')) as SchemaManifest;
}

export function writeManifest(manifest: SchemaManifest, path = MANIFEST_PATH): void {
  writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
}

export const sameSchema = (a: object, b: object): boolean => JSON.stringify(a) === JSON.stringify(b);

export function versionsOf(manifest: SchemaManifest, subject: string): RegisteredSchema[] {
  return manifest.schemas.filter((s) => s.subject === subject).sort((a, b) => a.version - b.version);
}

/**
 * Ids from the manifest checked in at schemas/registry.json. Every version ever
 * published stays in it, so old records stay readable and compatibility can be
 * checked offline. A schema not in it is refused: run `npm run schemas:register`.
 */
export class ManifestSchemaRegistry implements SchemaRegistry {
  constructor(private readonly manifest: SchemaManifest = readManifest()) {}

  async idFor(subject: string, schema: object): Promise<number> {
    const found = versionsOf(this.manifest, subject).find((s) => sameSchema(s.schema, schema));
    if (!found) {
      throw new Error(`schema for subject ${subject} is not in schemas/registry.json; run npm run schemas:register`);
    }
    return found.id;
  }

  async schemaFor(id: number): Promise<object> {
    const found = this.manifest.schemas.find((s) => s.id === id);
    if (!found) throw new Error(`unknown schema id ${id}`);
    return found.schema;
  }

  subjects(): string[] {
    return [...new Set(this.manifest.schemas.map((s) => s.subject))].sort();
  }

  version(subject: string, version: number | 'latest'): RegisteredSchema | undefined {
    const versions = versionsOf(this.manifest, subject);
    return version === 'latest' ? versions[versions.length - 1] : versions.find((s) => s.version === version);
  }

  versions(subject: string): number[] {
    return versionsOf(this.manifest, subject).map((s) => s.version);
  }
}

/** A Confluent-compatible registry over HTTP (SCHEMA_REGISTRY_URL). Ids are cached. */
export class HttpSchemaRegistry implements SchemaRegistry {
  private readonly ids = new Map<string, Promise<number>>();
  private readonly schemas = new Map<number, Promise<object>>();

  constructor(private readonly baseUrl: string) {}

  idFor(subject: string, schema: object): Promise<number> {
    const cacheKey = `${subject}\n${JSON.stringify(schema)}`;
    let id = this.ids.get(cacheKey);
    if (!id) {
      id = this.request(`/subjects/${encodeURIComponent(subject)}/versions`, {
        method: 'POST',
        body: JSON.stringify({ schema: JSON.stringify(schema) }),
      }).then((body) => (body as { id: number }).id);
      id.catch(() => this.ids.delete(cacheKey));
      this.ids.set(cacheKey, id);
    }
    return id;
  }

  schemaFor(id: number): Promise<object> {
    let schema = this.schemas.get(id);
    if (!schema) {
      schema = this.request(`/schemas/ids/${id}`, { method: 'GET' }).then((body) => JSON.parse((body as { schema: string }).schema));
      schema.catch(() => this.schemas.delete(id));
      this.schemas.set(id, schema);
    }
    return schema;
  }

  private async request(path: string, init: RequestInit): Promise<unknown> {
    const response = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
      ...init,
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    });
    if (!response.ok) {
      throw new Error(`schema registry ${init.method} ${path} answered ${response.status}: ${await response.text()}`);
    }
    return response.json();
  }
}

export function schemaRegistryFromEnv(env: NodeJS.ProcessEnv = process.env): SchemaRegistry {
  return env.SCHEMA_REGISTRY_URL ? new HttpSchemaRegistry(env.SCHEMA_REGISTRY_URL) : new ManifestSchemaRegistry();
}
