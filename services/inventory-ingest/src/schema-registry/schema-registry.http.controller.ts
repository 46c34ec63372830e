import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { SchemaRegistryError, schemaRegistryFromEnv } from '@smi/contracts';
import { SchemaDto, SchemaLookupDto, SchemaRegistryErrorDto, SchemaVersionDto } from './schema-registry.dto';

const CONFLUENT_API =
  "Confluent schema-registry API (read-only), so standard tools (Confluent's clients and serializers) find a record's schema; " +
  'the key may also be sent as HTTP Basic user name, as those clients do.';
const SUBJECT = { name: 'subject', description: 'The subject: `<topic>-value`.', example: 'smi.stock-movements.v1-value' };
const NO_SUBJECT = { description: 'No such subject (error_code 40401).', type: SchemaRegistryErrorDto };

/**
 * The read-only part of the Confluent schema-registry API, so a consumer in any language can find
 * the schema behind the id in a record's header: served from schemas/registry.json, or, when the
 * platform's ids come from a registry (SCHEMA_REGISTRY_URL), read from that registry, since those
 * are the ids on the wire.
 */
@ApiTags('schema-registry')
@Controller()
export class SchemaRegistryHttpController {
  private readonly registry = schemaRegistryFromEnv();

  @Get('subjects')
  @ApiOperation({
    summary: 'The subjects whose schemas the platform publishes: one per topic',
    description: `Every \`<topic>-value\` subject of the platform's events. ${CONFLUENT_API}`,
  })
  @ApiOkResponse({
    description: 'The subject names.',
    type: [String],
    example: ['smi.stock-movements.v1-value', 'smi.stock-levels.v1-value'],
  })
  subjects(): Promise<string[]> {
    return this.registry.subjects();
  }

  @Get('subjects/:subject/versions')
  @ApiOperation({
    summary: "A subject's schema versions",
    description: `The versions registered under the subject, oldest first. ${CONFLUENT_API}`,
  })
  @ApiParam(SUBJECT)
  @ApiOkResponse({ description: 'The version numbers.', type: [Number], example: [1, 2, 3] })
  @ApiNotFoundResponse(NO_SUBJECT)
  async versions(@Param('subject') subject: string): Promise<number[]> {
    const versions = await this.registry.versions(subject);
    if (versions.length === 0) throw notFound(40401, `Subject '${subject}' not found.`);
    return versions;
  }

  @Get('subjects/:subject/versions/:version')
  @ApiOperation({
    summary: 'One version of a subject: its schema and global id',
    description: `\`latest\` (or \`-1\`) names the newest. ${CONFLUENT_API}`,
  })
  @ApiParam(SUBJECT)
  @ApiParam({ name: 'version', description: 'A version number, or `latest` / `-1` for the newest.', example: 'latest' })
  @ApiOkResponse({ description: 'The version.', type: SchemaVersionDto })
  @ApiNotFoundResponse({ description: 'No such subject (40401) or version (40402).', type: SchemaRegistryErrorDto })
  async version(@Param('subject') subject: string, @Param('version') version: string): Promise<SchemaVersionDto> {
    if ((await this.registry.versions(subject)).length === 0) throw notFound(40401, `Subject '${subject}' not found.`);
    const wanted = version === 'latest' || version === '-1' ? 'latest' : Number(version);
    const found = wanted === 'latest' || Number.isInteger(wanted) ? await this.registry.version(subject, wanted) : undefined;
    if (!found) throw notFound(40402, `Version ${version} not found.`);
    return { subject: found.subject, version: found.version, id: found.id, schema: JSON.stringify(found.schema) };
  }

  @Get('schemas/ids/:id')
  @ApiOperation({
    summary: 'The schema behind a global id, as a record names it',
    description: `What a consumer needs to decode a record whose header or wire format carries this id. ${CONFLUENT_API}`,
  })
  @ApiParam({ name: 'id', description: "The schema's global id.", example: 1 })
  @ApiOkResponse({ description: 'The schema.', type: SchemaDto })
  @ApiNotFoundResponse({ description: 'No schema with this id (40403).', type: SchemaRegistryErrorDto })
  async schema(@Param('id') id: string): Promise<SchemaDto> {
    if (!/^\d{1,10}$/.test(id)) throw notFound(40403, `Schema ${id} not found`);
    try {
      return { schema: JSON.stringify(await this.registry.schemaFor(Number(id))) };
    } catch (error) {
      // The platform's registry failing is not "no such schema".
      if (error instanceof SchemaRegistryError && error.status !== 404) throw error;
      throw notFound(40403, `Schema ${id} not found`);
    }
  }

  /**
   * Which version of the subject a schema is (registers nothing): what Confluent's serializers ask
   * when they may not register schemas themselves (auto.register.schemas=false), before writing its id.
   */
  @Post('subjects/:subject')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Which published version of the subject a schema is',
    description:
      'Confluent schema-registry API lookup: the body carries the Avro schema as JSON text in `schema`. Answers its subject, version and id, so a producer can write the id without registering anything. Registers nothing.',
  })
  @ApiParam(SUBJECT)
  @ApiBody({ type: SchemaLookupDto })
  @ApiOkResponse({ description: 'The version this schema is.', type: SchemaVersionDto })
  @ApiNotFoundResponse({
    description: 'No such subject (error_code 40401), or the schema is none of its versions (40403).',
    type: SchemaRegistryErrorDto,
  })
  async lookUp(@Param('subject') subject: string, @Body() body: { schema?: unknown; schemaType?: unknown }): Promise<SchemaVersionDto> {
    if ((await this.registry.versions(subject)).length === 0) throw notFound(40401, `Subject '${subject}' not found.`);
    const schema = avroSchemaIn(body);
    const found = schema && (await this.registry.versionOf(subject, schema));
    if (!found) throw notFound(40403, 'Schema not found');
    return { subject: found.subject, version: found.version, id: found.id, schema: JSON.stringify(found.schema) };
  }
}

/** The Avro schema a request carries as JSON text in `schema`; undefined for anything else. */
function avroSchemaIn(body: { schema?: unknown; schemaType?: unknown } | undefined): object | undefined {
  if (typeof body?.schema !== 'string' || (body.schemaType !== undefined && body.schemaType !== 'AVRO')) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.schema);
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function notFound(errorCode: number, message: string): HttpException {
  return new HttpException({ error_code: errorCode, message }, HttpStatus.NOT_FOUND);
}
