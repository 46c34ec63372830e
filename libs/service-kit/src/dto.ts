import { Type } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';

/**
 * The answer a DTO class describes, taken from a richer object (a row, a domain object): exactly the fields
 * declared with @ApiProperty, its parents' included, in their order. What the description does not name never
 * leaves the service, so the document and the answers cannot drift apart.
 */
export function asDto<T extends object>(dto: Type<T>, source: T): T {
  const declared: string[] = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, dto.prototype) ?? [];
  if (declared.length === 0) throw new Error(`${dto.name} declares no @ApiProperty: nothing would be answered`);
  const fields = declared.map((key) => key.slice(1) as keyof T);
  return Object.fromEntries(fields.filter((field) => source[field] !== undefined).map((field) => [field, source[field]])) as T;
}
