// Lint rules, including the layer rules a newcomer would otherwise have to remember:
// domain files import no framework, libs import no service, services import no other service.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = ['@nestjs/*', 'kafkajs', 'typeorm', 'pg', 'express', '@opentelemetry/*', '@smi/messaging', '@smi/persistence', '@smi/service-kit', '@smi/testing', '@smi/telemetry'];
const OTHER_SERVICES = { group: ['../../*/src/**', '../../../services/**', '**/services/*/src/**'], message: 'A service must not import another service; share through libs/.' };
// Files that adapt the domain to the outside world: everything else in a service's src/ is domain code.
const ADAPTERS = [
  '**/main.ts',
  '**/telemetry.ts',
  '**/*.module.ts',
  '**/*.controller.ts',
  '**/*.handler.ts',
  '**/*.repository.ts',
  '**/*.entity.ts',
  '**/*.adapter.ts',
  '**/*.dispatcher.ts',
  '**/*.use-case.ts',
  '**/*.sweep.ts',
  '**/*.spec.ts',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', '.local/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/services/**'], message: 'Libraries must not depend on services.' }] }],
    },
  },
  {
    // The replenishment engine is domain code shared by the service and the benchmarks: no framework, no I/O.
    files: ['libs/replenishment-planning/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/services/**'], message: 'Libraries must not depend on services.' }, { group: FRAMEWORKS, message: 'The replenishment engine stays free of frameworks and I/O.' }] }],
    },
  },
  {
    files: ['services/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [OTHER_SERVICES] }] },
  },
  {
    // Later blocks replace a rule's options for the files they match, so the domain block repeats OTHER_SERVICES.
    files: ['services/*/src/**/*.ts'],
    ignores: ADAPTERS,
    rules: {
      'no-restricted-imports': ['error', { patterns: [OTHER_SERVICES, { group: FRAMEWORKS, message: 'Domain code stays free of frameworks and I/O: move this to a handler, controller, repository or adapter file.' }] }],
    },
  },
);
