/**
 * Compiles the services and the libs they use to plain JavaScript under dist/, so a service runs
 * as `node dist/services/<name>/src/main.js` without compiling TypeScript in the process (the
 * swc register hook alone costs about 95 MiB of memory per service).
 *
 *   npm run build:services
 *
 * The same swc settings as the tests (.swcrc: decorators and their metadata); @smi/* imports are
 * rewritten to relative paths. dist/schemas and dist/deploy point back at the repo's, so code that
 * finds them beside itself finds them from dist/ too.
 */
import { transformFile } from '@swc/core';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const out = join(root, 'dist');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' || entry.name === 'node_modules' ? [] : sourcesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Compiles libs/ and services/ into dist/; returns how many files. */
export async function buildServices(): Promise<number> {
  rmSync(out, { recursive: true, force: true });
  const files = ['libs', 'services'].flatMap((top) => sourcesUnder(join(root, top)));
  for (const file of files) {
    const { code, map } = await transformFile(file, {
      ...swcrc,
      swcrc: false,
      filename: file,
      sourceMaps: true,
      jsc: { ...swcrc.jsc, baseUrl: root, paths: compilerOptions.paths },
    });
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
  }
  for (const shared of ['schemas', 'deploy']) symlinkSync(join('..', shared), join(out, shared));
  return files.length;
}

if (require.main === module) {
  buildServices()
    .then((count) => console.log(`compiled ${count} files into ${relative(root, out)}/`))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
