// Lint rules, including the boundaries a newcomer would otherwise have to remember.
//
// Between projects, @nx/enforce-module-boundaries reads the tags in each project.json:
//   type:domain    pure business logic (libs/agreements, libs/forecasting): depends only on domain libs and
//                  on contract types, imports no framework;
//   type:contract  the message contracts (libs/contracts): generated types, topic names, their Avro codec;
//   type:adapter   code that talks to Kafka, Postgres, HTTP or telemetry (messaging, persistence, telemetry, service-kit);
//   type:app       a service: may use any lib but test helpers, and never another service;
//   type:testing   test helpers (libs/testing): anything but a service.
//   scope:shared   libs, which never reach into a service (scope:<service> marks a service).
// A new project needs only its tags. Nx also rejects a relative import into another project at any depth.
//
// Inside a service, file names mark the layers (see SERVICE_ADAPTERS and USE_CASES below).
import { createProjectGraphAsync, readCachedProjectGraph } from '@nx/devkit';
import eslint from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// The boundary rule reads Nx's cached project graph and skips every file, with only a warning, when there
// is none (a plain `eslint` on a fresh clone): build it here, so a lint run checks boundaries or fails.
// Under `nx run-many` Nx has just built it before starting the task.
const graph = process.env.NX_TASK_TARGET_PROJECT ? readCachedProjectGraph() : await createProjectGraphAsync({ exitOnError: false });
const projects = Object.values(graph.nodes);
const tagged = (...tags) => projects.filter((project) => tags.some((tag) => project.data.tags?.includes(tag)));

const FRAMEWORKS = ['@nestjs/*', 'kafkajs', 'typeorm', 'pg', 'express', '@opentelemetry/*'];
// Libraries are named by their import path, so the adapter and test-helper libs come straight from their tags.
const ADAPTER_LIBS = tagged('type:adapter', 'type:testing').map((project) => project.name);
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'];

// Tests may use the test helpers (libs/testing); production code may not.
const moduleBoundaries = (testsMayUse) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    // Nx's graph counts test files too: libs/messaging's integration test boots a service through
    // @smi/service-kit and @smi/testing, which both depend on @smi/messaging. Moving that test out of
    // the lib would let these two pairs go.
    ignoredCircularDependencies: [
      ['@smi/messaging', '@smi/service-kit'],
      ['@smi/messaging', '@smi/testing'],
    ],
    depConstraints: [
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      {
        sourceTag: 'type:domain',
        onlyDependOnLibsWithTags: ['type:domain', 'type:contract', ...testsMayUse],
        bannedExternalImports: [...FRAMEWORKS, 'avsc'],
      },
      { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract', ...testsMayUse], bannedExternalImports: FRAMEWORKS },
      { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:adapter', 'type:domain', 'type:contract', ...testsMayUse] },
      // Listed positively: "not" constraints follow the graph transitively, where test-only edges would count.
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:contract', 'type:adapter', ...testsMayUse] },
      { sourceTag: 'type:testing', notDependOnLibsWithTags: ['type:app'] },
    ],
  },
];

// Inside a service, files that adapt the domain to the outside world or wire it up; everything else in
// src/ is domain code. `.adapter.ts` is meant only for code that talks to an outside system.
const SERVICE_ADAPTERS = [
  '**/main.ts',
  '**/telemetry.ts',
  '**/*.module.ts',
  '**/*.controller.ts',
  '**/*.handler.ts',
  '**/*.repository.ts',
  '**/*.entity.ts',
  '**/*.adapter.ts',
  '**/*.dispatcher.ts',
  '**/*.sweep.ts',
  '**/*.middleware.ts',
  '**/*.use-case.ts',
  '**/*.spec.ts',
];
// The application layer: one use case per trigger, between the handlers/controllers and the domain.
const USE_CASES = ['**/*.use-case.ts'];
const SERVICE_SOURCES = tagged('type:app').map((project) => `${project.data.root}/src/**/*.ts`);
const DOMAIN_LIBS = tagged('type:domain').map((project) => `${project.data.root}/**/*.ts`);
// The workspace's root project (test/, bench/, deploy/, tools/) drives the platform from outside and
// reaches into it on purpose (end-to-end tests, benchmarks, code generators): boundaries cover the others.
const PROJECT_FILES = `{${projects
  .filter((project) => project.data.root !== '.')
  .map((project) => project.data.root)
  .join(',')}}/**/*.ts`;
const importOf = (...suffixes) => `^\\.{1,2}/(.*/)?[^/]+\\.(${suffixes.join('|')})(\\.[jt]s)?$`;

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', '.local/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: [PROJECT_FILES],
    plugins: { '@nx': nx },
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries([]) },
  },
  {
    files: TEST_FILES.map((tests) => [PROJECT_FILES, tests]),
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(['type:testing']) },
  },
  {
    // Domain libs use the contracts' types only: the Avro codec and the registry client are I/O.
    files: DOMAIN_LIBS,
    ignores: TEST_FILES,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: '@smi/contracts', allowTypeImports: true, message: 'Domain code uses the contract types only (import type).' }] },
      ],
    },
  },
  {
    files: SERVICE_SOURCES,
    ignores: [...SERVICE_ADAPTERS, ...USE_CASES],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...FRAMEWORKS, ...ADAPTER_LIBS],
              message: 'Domain code stays free of frameworks and I/O: move this to a use case, handler, controller, repository or adapter.',
            },
            {
              regex: importOf('repository', 'handler', 'controller', 'entity', 'module', 'adapter', 'dispatcher', 'sweep', 'use-case'),
              message: 'Domain code does not depend on the layers around it: a use case passes it what it needs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: SERVICE_SOURCES.map((sources) => sources.replace('**/*.ts', '**/*.use-case.ts')),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', '!@nestjs/common', 'kafkajs', 'typeorm', 'pg', 'express'],
              message: 'A use case reaches the broker and the database through repositories and @smi/messaging.',
            },
            {
              regex: importOf('handler', 'controller', 'module'),
              message: 'A use case is called by handlers and controllers, not the other way.',
            },
          ],
        },
      ],
    },
  },
);
