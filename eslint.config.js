// Lint keeps the house plan true: imports point from renderer, electron and server into shared,
// never back, and shared stays pure (no DOM, Node or Electron).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const room = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`, `../../../${name}/*`];
// Exact module names go in `paths` (so our own ./electron-api or shared/url-policy are not caught);
// globs go in `patterns`.
const NODE_MODULES = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'url',
  'util',
  'stream',
  'events',
  'worker_threads',
];
const exact = (names, message) => names.map((name) => ({ name, message }));

// The renderer's own rule, which every renderer block below repeats (a later block's
// no-restricted-imports replaces an earlier one's, it does not add to it).
function rendererImports(extraPatterns) {
  return [
    'error',
    {
      paths: [
        ...exact(
          ['electron'],
          'The renderer talks to the desktop only through the DesktopApi contract (shared/ipc.ts).',
        ),
        ...exact(NODE_MODULES, 'The renderer runs in a browser sandbox: no Node modules.'),
      ],
      patterns: [
        {
          group: [...room('electron'), ...room('server')],
          message: 'The renderer imports only shared/, never electron/ or server/.',
        },
        {
          group: ['node:*', 'fs/*'],
          message: 'The renderer runs in a browser sandbox: no Node modules.',
        },
        ...extraPatterns,
      ],
    },
  ];
}

const FEATURE_LAYER = [
  {
    group: ['**/app', '**/app/**'],
    message: 'A feature does not import the app shell; the shell composes the features.',
  },
];

// The one door to storage: only data modules (renderer/data, features/<name>/data, renderer/sync)
// touch Dexie.
const DEXIE_DOOR = [
  {
    group: ['dexie', 'dexie-react-hooks', '**/data/db', '**/data/schema', '**/data/syncStore'],
    message: "Screens do not touch Dexie: call a named query or command of the feature's data/.",
  },
  {
    group: ['**/data/DataContext'],
    importNames: ['useDatabase'],
    message: "Screens do not hold the database: call a query or command of the feature's data/.",
  },
];

export default tseslint.config(
  { ignores: ['**/out/**', 'release/**', 'node_modules/**', 'server-data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: exact(
            [
              'electron',
              'react',
              'react-dom',
              'dexie',
              'dexie-react-hooks',
              'pg',
              'fastify',
              ...NODE_MODULES,
            ],
            'shared/ stays pure: no DOM, Node, Electron, UI or storage libraries.',
          ),
          patterns: [
            {
              group: [...room('renderer'), ...room('electron'), ...room('server')],
              message: 'shared/ imports none of renderer, electron or server.',
            },
            {
              group: ['node:*', 'fs/*', '@electric-sql/*'],
              message: 'shared/ stays pure: no Node modules.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'indexedDB',
        'process',
        'Buffer',
        'require',
        '__dirname',
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': rendererImports([]),
    },
  },
  // Inside renderer/, layers read by folder name at any depth (as VS Code's code-layering rule
  // does): app → features → sync, data, store, i18n, platform, ui. Nothing below features/ reaches
  // up into a feature or the shell.
  {
    files: ['renderer/{sync,data,store,i18n,platform,ui}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': rendererImports([
        {
          group: ['**/features', '**/features/**', '**/app', '**/app/**'],
          message:
            'Layers below features/ (sync, data, store, i18n, platform, ui) import neither a feature nor the app shell.',
        },
      ]),
    },
  },
  // A feature's screens and helpers (features/<name>/*): no Dexie, no database; they call their
  // feature's data/ modules. Another feature only through its index, and never its stylesheet
  // (shared rules live in ui/ or app/styles.css).
  {
    files: ['renderer/features/*/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': rendererImports([
        ...FEATURE_LAYER,
        {
          regex: String.raw`^\.\./[^./][^/]*/.+`,
          message:
            "Another feature is reached only through its index (import from '../<feature>').",
        },
        ...DEXIE_DOOR,
      ]),
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='db']",
          message:
            'Screens do not hold the database: call a query or command of the feature data/.',
        },
      ],
    },
  },
  // A feature's data access (features/<name>/data/*): the queries and commands over the kernel.
  {
    files: ['renderer/features/*/data/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': rendererImports([
        ...FEATURE_LAYER,
        {
          regex: String.raw`^\.\./\.\./[^./][^/]*/.+`,
          message:
            "Another feature is reached only through its index (import from '../../<feature>').",
        },
      ]),
    },
  },
  {
    files: ['electron/**/*.{ts,mjs}', 'build/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...room('renderer'), ...room('server')],
              message: 'electron/ imports only shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...room('renderer'), ...room('electron')],
              message: 'server/ imports only shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx,mjs}', '*.{js,ts,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
