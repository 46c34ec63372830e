import { Controller, Get, HttpException, HttpStatus, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ManifestSchemaRegistry } from '@smi/contracts';
import { SchemaDto, SchemaRegistryErrorDto, SchemaVersionDto } from './schema-registry.dto';

const CONFLUENT_API =
  "Confluent schema-registry API (read-only), so standard tools (kcat -r, Confluent serializers) find a record's schema; " +
  'the key may also be sent as HTTP Basic user name, as those clients do.';
const SUBJECT = { name: 'subject', description: 'The subject: `<topic>-value`.', example: 'smi.stock-movements.v1-value' };
const NO_SUBJECT = { description: 'No such subject (error_code 40401).', type: SchemaRegistryErrorDto };

/**
 * The read-only part of the Confluent schema-registry API, served from
 * schemas/registry.json, so a consumer in any language can find the schema
 * behind the id in a record's header.
 */
@ApiTags('schema-registry')
@Controller()
export class SchemaRegistryHttpController {
  private readonly registry = new ManifestSchemaRegistry();

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
  subjects(): string[] {
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
  versions(@Param('subject') subject: string): number[] {
    const versions = this.registry.versions(subject);
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
  version(@Param('subject') subject: string, @Param('version') version: string): SchemaVersionDto {
    if (this.registry.versions(subject).length === 0) throw notFound(40401, `Subject '${subject}' not found.`);
    const wanted = version === 'latest' || version === '-1' ? 'latest' : Number(version);
    const found = wanted === 'latest' || Number.isInteger(wanted) ? this.registry.version(subject, wanted) : undefined;
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
    try {
      return { schema: JSON.stringify(await this.registry.schemaFor(Number(id))) };
    } catch {
      throw notFound(40403, `Schema ${id} not found`);
    }
  }
}

function notFound(errorCode: number, message: string): HttpException {
  return new HttpException({ error_code: errorCode, message }, HttpStatus.NOT_FOUND);
}
