// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import boundaries from the architecture doc: who may import whom. */
const boundary = (patterns, paths = []) => ({ 'no-restricted-imports': ['error', { patterns, paths }] });
const NODE_BUILTINS = ['fs', 'path', 'http', 'https', 'net', 'os', 'child_process', 'crypto', 'stream'];
const noElectronDir = { group: ['**/electron/**'], message: 'Nothing imports electron/.' };
const noRenderer = { group: ['**/renderer/**'], message: 'Only the renderer build uses renderer/.' };
// Sources may use core's pure COTAHIST parser, nothing else of core.
const CORE_EXCEPT_COTAHIST = [
  'storage',
  'jobs',
  'workers',
  'scheduler',
  'handlers',
  'sources',
  'config',
  'events',
  'logging',
  'quotes',
]
  .map((d) => `**/core/${d}/**`)
  .concat(['**/core/app', '**/core/dispatch', '**/core/orchestrator', '**/core/context']);
const onlyContract = {
  group: ['**/core/**', '**/server/**', '**/sources/**', '**/core', '**/server', '**/sources'],
  message: 'This layer may import only services/contract.',
};

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'release', 'test-results', 'bench/.work', '.tmp', 'bin', 'scripts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  {
    // Plain ESM scripts that Node runs as they are (e.g. a benchmark's load client in another process).
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    files: ['services/contract/**/*.ts'],
    rules: boundary(
      [noElectronDir, noRenderer, onlyContract, { group: ['node:*'], message: 'The contract does no I/O.' }],
      NODE_BUILTINS.map((name) => ({ name, message: 'The contract does no I/O.' })),
    ),
  },
  {
    files: ['services/core/**/*.ts'],
    rules: boundary([
      noElectronDir,
      noRenderer,
      { group: ['**/server/**'], message: 'core may import contract and sources, never server.' },
    ]),
  },
  {
    files: ['services/sources/**/*.ts'],
    rules: boundary([
      noElectronDir,
      noRenderer,
      {
        group: ['**/server/**', ...CORE_EXCEPT_COTAHIST],
        message: 'Sources never touch storage or transport (only the pure COTAHIST parser of core).',
      },
    ]),
  },
  {
    // Analysis is pure computation over plain data: no I/O, no storage, no sources.
    files: ['services/analysis/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: boundary(
      [
        noElectronDir,
        noRenderer,
        {
          group: ['**/core/**', '**/server/**', '**/sources/**'],
          message: 'analysis may import only contract.',
        },
        { group: ['node:*'], message: 'analysis does no I/O.' },
      ],
      NODE_BUILTINS.map((name) => ({ name, message: 'analysis does no I/O.' })),
    ),
  },
  { files: ['services/server/**/*.ts'], rules: boundary([noElectronDir, noRenderer]) },
  // The desktop app's decisions (local API, updates, tray, notifications): plain Node, no Electron.
  {
    files: ['services/desktop/**/*.ts'],
    rules: boundary([
      noElectronDir,
      noRenderer,
      {
        group: ['electron', 'electron/*'],
        message: 'services/desktop is plain Node: Electron is wired in electron/main.',
      },
    ]),
  },
  { files: ['electron/**/*.ts'], rules: boundary([noRenderer]) },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...boundary([
        noElectronDir,
        onlyContract,
        { group: ['node:*'], message: 'The renderer is browser code.' },
      ]),
    },
  },
  {
    // Services log through createLogger; only the CLI writes to the terminal.
    files: ['services/**/*.ts'],
    ignores: ['**/*.test.ts', 'services/server/cli/**'],
    rules: { 'no-console': 'error' },
  },
);
