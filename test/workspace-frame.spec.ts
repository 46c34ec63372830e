import { execFileSync } from 'node:child_process';
import { delimiter, join, resolve } from 'node:path';

/**
 * The workspace frame enforces itself: Nx can build its project graph (every `nx` command in the
 * README depends on it), and each layer rule in eslint.config.mjs is live, shown on small files
 * placed where real code lives.
 */
const root = resolve(__dirname, '..');
const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` };

const nx = (...args: string[]): string[] => JSON.parse(execFileSync('nx', args, { cwd: root, env, encoding: 'utf8' }));

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
}

/**
 * ESLint loads eslint.config.mjs with a dynamic import, which jest's module system refuses, so the
 * snippets are linted by ESLint's Node API in a child process.
 */
function lint(snippets: { filePath: string; code: string }[]): LintMessage[][] {
  const script = `
    const { ESLint } = require('eslint');
    const snippets = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const results = [];
      for (const { code, filePath } of snippets) results.push((await eslint.lintText(code, { filePath }))[0].messages);
      process.stdout.write(JSON.stringify(results));
    })().catch((error) => { console.error(error); process.exit(1); });
  `;
  const output = execFileSync('node', ['-e', script], { cwd: root, env, input: JSON.stringify(snippets), encoding: 'utf8' });
  return JSON.parse(output.slice(output.indexOf('[')));
}

const errors = (messages: LintMessage[]) => messages.filter((message) => message.severity === 2);

describe('the Nx workspace', () => {
  const services = ['forecasting', 'inventory-ingest', 'notification', 'replenishment', 'shipment', 'sla-monitor'];
  const libs = ['agreements', 'contracts', 'forecasting', 'messaging', 'metrics', 'persistence', 'service-kit', 'telemetry', 'testing'].map(
    (lib) => `@smi/${lib}`,
  );

  it('builds its project graph, with every service and lib under a name of its own', () => {
    const projects = nx('show', 'projects', '--json');
    expect(projects).toEqual(expect.arrayContaining([...services, ...libs]));
    expect(new Set(projects).size).toBe(projects.length);
  }, 60_000);

  it('tags every project with a scope and a type, which the boundary rules read', () => {
    const projects = nx('show', 'projects', '--json');
    expect(nx('show', 'projects', '--json', '--projects', 'tag:scope:*').sort()).toEqual([...projects].sort());
    expect(nx('show', 'projects', '--json', '--projects', 'tag:type:*').sort()).toEqual([...projects].sort());
  }, 60_000);
});

describe('the layer rules', () => {
  const cases = [
    {
      rule: 'no-restricted-imports',
      why: 'domain code in a service imports no framework',
      filePath: 'services/replenishment/src/orders/order-rounding.ts',
      code: "import { Entity } from 'typeorm';\nexport const decorate = Entity;\n",
      error: /Domain code stays free of frameworks/,
    },
    {
      rule: 'no-restricted-imports',
      why: 'domain code in a service imports no adapter or application file',
      filePath: 'services/replenishment/src/orders/order-rounding.ts',
      code: "import { OrdersRepository } from './orders.repository';\nexport type Orders = OrdersRepository;\n",
      error: /Domain code does not depend on the layers around it/,
    },
    {
      rule: 'no-restricted-imports',
      why: 'a use case reaches the broker through @smi/messaging, not kafkajs',
      filePath: 'services/replenishment/src/orders/order-approval.use-case.ts',
      code: "import { Kafka } from 'kafkajs';\nexport const broker = new Kafka({ brokers: [] });\n",
      error: /A use case reaches the broker and the database through repositories/,
    },
    {
      rule: '@nx/enforce-module-boundaries',
      why: 'a domain lib imports no framework',
      filePath: 'libs/forecasting/src/methods/forecast-scheduler.ts',
      code: "import { Injectable } from '@nestjs/common';\nexport const injectable = Injectable;\n",
      error: /A project tagged with "type:domain" is not allowed to import "@nestjs\/common"/,
    },
    {
      rule: '@nx/enforce-module-boundaries',
      why: 'a domain lib depends on no adapter lib',
      filePath: 'libs/agreements/src/agreement-publisher.ts',
      code: "import { Outbox } from '@smi/messaging';\nexport type AgreementOutbox = Outbox;\n",
      error: /A project tagged with "type:domain" can only depend on libs tagged with "type:domain", "type:contract"/,
    },
    {
      rule: '@nx/enforce-module-boundaries',
      why: 'a service does not import another service, even by a relative path from a feature folder',
      filePath: 'services/replenishment/src/demand-outlooks/forecast-reader.ts',
      code: "import { DemandForecastRepository } from '../../../forecasting/src/demand-forecasts/demand-forecast.repository';\nexport type Forecasts = DemandForecastRepository;\n",
      error: /Projects cannot be imported by a relative or absolute path/,
    },
    {
      rule: '@nx/enforce-module-boundaries',
      why: 'production code in a service does not use the test helpers',
      filePath: 'services/shipment/src/shipments/shipment-ids.ts',
      code: "import { uniqueId } from '@smi/testing';\nexport const shipmentId = () => uniqueId('shipment');\n",
      error: /A project tagged with "type:app" can only depend on libs tagged with/,
    },
    {
      rule: '@typescript-eslint/no-restricted-imports',
      why: 'a domain lib uses the contract types, not the Avro codec',
      filePath: 'libs/agreements/src/agreement-codec.ts',
      code: "import { AvroCodec } from '@smi/contracts';\nexport const codec = AvroCodec;\n",
      error: /Domain code uses the contract types only/,
    },
  ];
  const allowed = [
    {
      why: 'a use case may use domain files, repositories, @smi/messaging and @nestjs/common',
      filePath: 'services/replenishment/src/orders/order-approval.use-case.ts',
      code: [
        "import { Injectable } from '@nestjs/common';",
        "import type { Outbox } from '@smi/messaging';",
        "import { OrdersRepository } from './orders.repository';",
        "import { approvalFor } from './order-approval';",
        'export const parts = [Injectable, OrdersRepository, approvalFor];',
        'export type ApprovalOutbox = Outbox;',
        '',
      ].join('\n'),
    },
    {
      why: 'domain code may use domain libs and the contract types',
      filePath: 'libs/forecasting/src/selection/agreement-periods.ts',
      code: [
        "import type { AgreementLineTerms } from '@smi/contracts';",
        "import { AgreementBook } from '@smi/agreements';",
        'export type Terms = AgreementLineTerms;',
        'export const book = AgreementBook;',
        '',
      ].join('\n'),
    },
  ];

  let results: LintMessage[][];
  beforeAll(() => {
    // The boundary rule reads the project graph Nx caches; building it first keeps this test about the rules.
    nx('show', 'projects', '--json');
    results = lint([...cases, ...allowed]);
  }, 120_000);

  it.each(cases.map((example, index) => [example.why, index] as const))('%s', (_why, index) => {
    const { rule, error } = cases[index];
    const fromRule = errors(results[index]).filter((message) => message.ruleId === rule);
    expect(fromRule).toEqual([expect.objectContaining({ message: expect.stringMatching(error) })]);
  });

  it.each(allowed.map((example, index) => [example.why, cases.length + index] as const))('%s', (_why, index) => {
    expect(errors(results[index])).toEqual([]);
  });
});
