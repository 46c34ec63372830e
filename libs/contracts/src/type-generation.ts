import type { AvroSchema } from './schema-files';

/**
 * Turns an Avro record schema into a TypeScript interface, so the types the
 * services compile against cannot drift from schemas/*.avsc (a test regenerates
 * and compares). Covers the Avro subset our schemas use.
 */
export function typeScriptFor(schemas: readonly AvroSchema[]): string {
  const declarations: string[] = [];
  // Named types (enums) may be repeated across schema files; each is declared once.
  const seen = new Set<string>();

  const typeOf = (avro: unknown): string => {
    if (typeof avro === 'string') {
      switch (avro) {
        case 'string':
          return 'string';
        case 'int':
        case 'long':
        case 'float':
        case 'double':
          return 'number';
        case 'boolean':
          return 'boolean';
        case 'null':
          return 'null';
        case 'bytes':
          return 'Buffer';
        default:
          return avro.split('.').pop() as string; // a named type defined earlier
      }
    }
    if (Array.isArray(avro)) return avro.map(typeOf).join(' | ');
    const t = avro as Record<string, any>;
    if (t.logicalType === 'timestamp-millis' || t.logicalType === 'timestamp-micros') return 'Date';
    switch (t.type) {
      case 'enum': {
        if (!seen.has(t.name)) {
          seen.add(t.name);
          declarations.push(
            `${doc(t.doc, '')}export type ${t.name} = ${t.symbols.map((s: string) => `'${s}'`).join(' | ')};\n` +
              `export const ${t.name}Values = [${t.symbols.map((s: string) => `'${s}'`).join(', ')}] as const;\n`,
          );
        }
        return t.name;
      }
      case 'array':
        return `Array<${typeOf(t.items)}>`;
      case 'map':
        return `Record<string, ${typeOf(t.values)}>`;
      case 'record': {
        if (!seen.has(t.name)) {
          seen.add(t.name);
          const fields = (t.fields as Array<Record<string, any>>)
            .map((f) => `${doc(f.doc, '  ')}  ${f.name}: ${typeOf(f.type)};`)
            .join('\n');
          declarations.push(`${doc(t.doc, '')}export interface ${t.name} {\n${fields}\n}\n`);
        }
        return t.name;
      }
      default:
        return typeOf(t.type);
    }
  };

  schemas.forEach(typeOf);
  return declarations.join('\n');
}

function doc(text: unknown, indent: string): string {
  return typeof text === 'string' && text.length > 0 ? `${indent}/** ${text.replace(/\*\//g, '* /')} */\n` : '';
}

export function generatedModuleFor(schemas: readonly AvroSchema[]): string {
  return `// Generated from schemas/*.avsc by \`npm run contracts:generate\`. Do not edit.\n\n${typeScriptFor(schemas)}`;
}
