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

/**
 * What a registry has published, by subject and version: the read-only part of the Confluent API
 * (inventory-ingest serves it from whichever registry the platform's ids come from).
 */
export interface PublishedSchemas {
  subjects(): Promise<string[]>;
  /** The subject's versions, oldest first; none for a subject the registry does not hold. */
  versions(subject: string): Promise<number[]>;
  version(subject: string, version: number | 'latest'): Promise<RegisteredSchema | undefined>;
  /** The version under the subject that is this schema, if any. */
  versionOf(subject: string, schema: object): Promise<RegisteredSchema | undefined>;
  /** The schema behind an id; fails for an id the registry does not know. */
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
export class ManifestSchemaRegistry implements SchemaRegistry, PublishedSchemas {
  constructor(private readonly manifest: SchemaManifest = readManifest()) {}

  async idFor(subject: string, schema: object): Promise<number> {
    const found = this.find(subject, schema);
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

  async subjects(): Promise<string[]> {
    return [...new Set(this.manifest.schemas.map((s) => s.subject))].sort();
  }

  async version(subject: string, version: number | 'latest'): Promise<RegisteredSchema | undefined> {
    const versions = versionsOf(this.manifest, subject);
    return version === 'latest' ? versions[versions.length - 1] : versions.find((s) => s.version === version);
  }

  async versions(subject: string): Promise<number[]> {
    return versionsOf(this.manifest, subject).map((s) => s.version);
  }

  async versionOf(subject: string, schema: object): Promise<RegisteredSchema | undefined> {
    return this.find(subject, schema);
  }

  private find(subject: string, schema: object): RegisteredSchema | undefined {
    return versionsOf(this.manifest, subject).find((s) => sameSchema(s.schema, schema));
  }
}

/** The registry answered a request with an error (409: the schema breaks the subject's compatibility rule). */
export class SchemaRegistryError extends Error {
  override readonly name = 'SchemaRegistryError';
  constructor(
    message: string,
    /** HTTP status. */
    readonly status: number,
    /** The registry's own error code (Confluent API `error_code`), when it gave one. */
    readonly errorCode: number | undefined,
  ) {
    super(message);
  }
}

/** The compatibility levels of the Confluent API (a subject's rule for its next version). */
export type CompatibilityLevel =
  'NONE' | 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE';

/** Media types of the Confluent API, as its own clients send them; plain JSON last for other registries. */
const REGISTRY_MEDIA_TYPES = 'application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json';
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A Confluent-compatible registry over HTTP (SCHEMA_REGISTRY_URL): Confluent's, Apicurio's
 * `/apis/ccompat/v7`, or the platform's own read-only one. Credentials in the URL
 * (`https://user:secret@host/...`, or just an API key as user) are sent as HTTP Basic, as the
 * Confluent clients and kcat do: fetch refuses a URL that carries them. Ids are cached.
 */
export class HttpSchemaRegistry implements SchemaRegistry, PublishedSchemas {
  private readonly ids = new Map<string, Promise<number>>();
  private readonly schemas = new Map<number, Promise<object>>();
  private readonly baseUrl: string;
  private readonly authorization: string | undefined;

  constructor(url: string) {
    const parsed = new URL(url);
    this.authorization =
      parsed.username || parsed.password
        ? `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`
        : undefined;
    parsed.username = '';
    parsed.password = '';
    this.baseUrl = parsed.toString().replace(/\/$/, '');
  }

  idFor(subject: string, schema: object): Promise<number> {
    const cacheKey = `${subject}\n${JSON.stringify(schema)}`;
    let id = this.ids.get(cacheKey);
    if (!id) {
      id = this.request('POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema: JSON.stringify(schema) }).then(
        (body) => (body as { id: number }).id,
      );
      id.catch(() => this.ids.delete(cacheKey));
      this.ids.set(cacheKey, id);
    }
    return id;
  }

  schemaFor(id: number): Promise<object> {
    let schema = this.schemas.get(id);
    if (!schema) {
      schema = this.request('GET', `/schemas/ids/${id}`).then((body) => JSON.parse((body as { schema: string }).schema));
      schema.catch(() => this.schemas.delete(id));
      this.schemas.set(id, schema);
    }
    return schema;
  }

  subjects(): Promise<string[]> {
    return this.request('GET', '/subjects') as Promise<string[]>;
  }

  versions(subject: string): Promise<number[]> {
    return this.orNotFound(this.request('GET', `/subjects/${encodeURIComponent(subject)}/versions`) as Promise<number[]>, []);
  }

  async version(subject: string, version: number | 'latest'): Promise<RegisteredSchema | undefined> {
    return this.registered(this.request('GET', `/subjects/${encodeURIComponent(subject)}/versions/${version}`));
  }

  async versionOf(subject: string, schema: object): Promise<RegisteredSchema | undefined> {
    return this.registered(this.request('POST', `/subjects/${encodeURIComponent(subject)}`, { schema: JSON.stringify(schema) }));
  }

  private async registered(answer: Promise<unknown>): Promise<RegisteredSchema | undefined> {
    const found = (await this.orNotFound(answer, undefined)) as (Omit<RegisteredSchema, 'schema'> & { schema: string }) | undefined;
    return found && { subject: found.subject, version: found.version, id: found.id, schema: JSON.parse(found.schema) as object };
  }

  /** The answer, or `absent` where the registry says 404 (no such subject, version or schema). */
  private async orNotFound<T, A>(answer: Promise<T>, absent: A): Promise<T | A> {
    try {
      return await answer;
    } catch (error) {
      if (error instanceof SchemaRegistryError && error.status === 404) return absent;
      throw error;
    }
  }

  /** The subject's own rule for its next versions. */
  async compatibilityOf(subject: string): Promise<CompatibilityLevel> {
    const config = (await this.request('GET', `/config/${encodeURIComponent(subject)}`)) as { compatibilityLevel: CompatibilityLevel };
    return config.compatibilityLevel;
  }

  /** Sets the rule the subject's next versions must pass (the registry refuses them with 409 otherwise). */
  async setCompatibility(subject: string, level: CompatibilityLevel): Promise<void> {
    await this.request('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: level });
  }

  private async request(method: 'GET' | 'POST' | 'PUT', path: string, body?: object): Promise<unknown> {
    const headers: Record<string, string> = { accept: REGISTRY_MEDIA_TYPES };
    if (body) headers['content-type'] = 'application/vnd.schemaregistry.v1+json';
    if (this.authorization) headers.authorization = this.authorization;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
      // A registry that hangs must not hang every producer and consumer with it.
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) {
      const text = await response.text();
      let errorCode: number | undefined;
      try {
        errorCode = (JSON.parse(text) as { error_code?: number }).error_code;
      } catch {
        errorCode = undefined;
      }
      throw new SchemaRegistryError(`schema registry ${method} ${path} answered ${response.status}: ${text}`, response.status, errorCode);
    }
    return response.json();
  }
}

export function schemaRegistryFromEnv(env: NodeJS.ProcessEnv = process.env): SchemaRegistry & PublishedSchemas {
  return env.SCHEMA_REGISTRY_URL ? new HttpSchemaRegistry(env.SCHEMA_REGISTRY_URL) : new ManifestSchemaRegistry();
}
