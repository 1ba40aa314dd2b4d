import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** One owning folder per outside library (STYLE.md): everything else must go through it. */
const owned = [
  { name: '@kubernetes/client-node', owner: 'src/collect/cluster/' },
  { name: 'simple-git', owner: 'src/collect/git/ or src/store/locker' },
  { name: 'puppeteer', owner: 'src/render/pdf/' },
  { name: 'puppeteer-core', owner: 'src/render/pdf/' },
  { name: 'handlebars', owner: 'src/render/html/' },
  { name: 'yargs', owner: 'src/cli/' },
  { name: 'pkijs', owner: 'src/sign/' },
  { name: 'js-yaml', owner: 'src/collect/manifests/' },
  ...[
    '@octokit/rest',
    '@octokit/plugin-retry',
    '@octokit/plugin-throttling',
    '@gitbeaker/rest',
    '@gitbeaker/requester-utils',
  ].map((name) => ({ name, owner: 'src/collect/githost/' })),
  { name: '@grpc/grpc-js', owner: 'src/collect/hubble-relay/' },
  { name: '@grpc/proto-loader', owner: 'src/collect/hubble-relay/' },
];
const GITHOST = owned.filter((o) => o.owner === 'src/collect/githost/').map((o) => o.name);
const restrict = (except) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: owned
        .filter((o) => !except.includes(o.name))
        .map((o) => ({ name: o.name, message: `only ${o.owner} imports ${o.name}` })),
      patterns: except.includes('yargs')
        ? []
        : [{ group: ['yargs/*'], message: 'only src/cli/ imports yargs' }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'reports/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['src/**/*.ts'], rules: restrict([]) },
  { files: ['src/collect/cluster/**/*.ts'], rules: restrict(['@kubernetes/client-node']) },
  { files: ['src/collect/git/**/*.ts', 'src/store/locker/**/*.ts'], rules: restrict(['simple-git']) },
  { files: ['src/render/pdf/**/*.ts'], rules: restrict(['puppeteer', 'puppeteer-core']) },
  { files: ['src/render/html/**/*.ts'], rules: restrict(['handlebars']) },
  { files: ['src/cli/**/*.ts'], rules: restrict(['yargs']) },
  { files: ['src/sign/**/*.ts'], rules: restrict(['pkijs']) },
  { files: ['src/collect/manifests/**/*.ts'], rules: restrict(['js-yaml']) },
  { files: ['src/collect/githost/**/*.ts'], rules: restrict(GITHOST) },
  {
    files: ['src/collect/hubble-relay/**/*.ts'],
    rules: restrict(['@grpc/grpc-js', '@grpc/proto-loader']),
  },
  {
    // Pure folders: the library-ownership paths plus no file system or processes (one rule entry, since a
    // later `no-restricted-imports` replaces an earlier one in flat config).
    files: ['src/analyze/**/*.ts', 'src/compliance/**/*.ts', 'src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...restrict([])['no-restricted-imports'][1].paths,
            ...[
              'fs',
              'node:fs',
              'fs/promises',
              'node:fs/promises',
              'child_process',
              'node:child_process',
            ].map((name) => ({ name, message: 'analysis, compliance and model are pure: no I/O' })),
          ],
          patterns: restrict([])['no-restricted-imports'][1].patterns,
        },
      ],
    },
  },
);
