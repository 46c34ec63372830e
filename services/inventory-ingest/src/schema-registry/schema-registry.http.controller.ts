import { Controller, Get, HttpException, HttpStatus, Param } from '@nestjs/common';
import { ManifestSchemaRegistry } from '@smi/contracts';

/**
 * The read-only part of the Confluent schema-registry API, served from
 * schemas/registry.json, so a consumer in any language can find the schema
 * behind the id in a record's header.
 */
@Controller()
export class SchemaRegistryHttpController {
  private readonly registry = new ManifestSchemaRegistry();

  @Get('subjects')
  subjects(): string[] {
    return this.registry.subjects();
  }

  @Get('subjects/:subject/versions')
  versions(@Param('subject') subject: string): number[] {
    const versions = this.registry.versions(subject);
    if (versions.length === 0) throw notFound(40401, `Subject '${subject}' not found.`);
    return versions;
  }

  @Get('subjects/:subject/versions/:version')
  version(@Param('subject') subject: string, @Param('version') version: string) {
    if (this.registry.versions(subject).length === 0) throw notFound(40401, `Subject '${subject}' not found.`);
    const wanted = version === 'latest' || version === '-1' ? 'latest' : Number(version);
    const found = wanted === 'latest' || Number.isInteger(wanted) ? this.registry.version(subject, wanted) : undefined;
    if (!found) throw notFound(40402, `Version ${version} not found.`);
    return { subject: found.subject, version: found.version, id: found.id, schema: JSON.stringify(found.schema) };
  }

  @Get('schemas/ids/:id')
  async schema(@Param('id') id: string) {
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
