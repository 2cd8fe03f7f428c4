// Lint, including the layering of DESIGN.md §1 as an allow-list: each folder of src names what it may
// import — folders of ours and named groups of libraries — and everything else is refused (a new
// library, a Node module, another face). Domain, plan and jobs also touch no host, DOM or Node global.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(ROOT, 'src');

/** Libraries, by what they are for. */
const LIBRARIES = {
  statistics: ['@stdlib/*'],
  packageEditor: ['fflate', 'saxes', 'csv-parse', 'csv-parse/*'],
  ui: ['react', 'react/*', 'react-dom', 'react-dom/*', '@fluentui/*'],
  node: ['node:*'],
  commandLine: ['commander'],
};

/** Who may import whom: folders under src (and files of the repository root), then library groups. */
const LAYERS = {
  domain: { folders: ['domain'], libraries: LIBRARIES.statistics },
  plan: { folders: ['domain', 'plan'], libraries: [] },
  jobs: { folders: ['domain', 'plan', 'jobs'], libraries: [] },
  'host/office': { folders: ['domain', 'plan', 'host/office'], libraries: [] },
  'host/xlsx': { folders: ['domain', 'plan', 'host/xlsx'], libraries: LIBRARIES.packageEditor },
  sample: { folders: ['domain', 'plan', 'sample'], libraries: [] },
  // Faces never import each other. The pane composes jobs and both hosts; the CLI composes jobs,
  // the package editor and the sample.
  functions: { folders: ['domain', 'functions'], libraries: [] },
  taskpane: { folders: ['domain', 'plan', 'jobs', 'host/office', 'host/xlsx', 'taskpane'], libraries: LIBRARIES.ui },
  cli: { folders: ['domain', 'plan', 'jobs', 'host/xlsx', 'sample', 'cli', 'package.json'], libraries: [...LIBRARIES.node, ...LIBRARIES.commandLine] },
  commands: { folders: ['commands'], libraries: [] },
};
const LAYER_NAMES = Object.keys(LAYERS).sort((a, b) => b.length - a.length);

/** The layer a path belongs to: a LAYERS key, else its path from src (or from the root, outside src). */
function layerOf(file) {
  const inSrc = path.relative(SRC, file).split(path.sep).join('/');
  if (inSrc.startsWith('..')) return path.relative(ROOT, file).split(path.sep).join('/');
  return LAYER_NAMES.find((l) => inSrc === l || inSrc.startsWith(`${l}/`)) ?? inSrc.split('/')[0];
}

const glob = (pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

const layering = {
  meta: {
    type: 'problem',
    messages: {
      folder: "Layering: {{layer}} may import only {{allowed}} — not '{{source}}' ({{target}}).",
      library: "Layering: {{layer}} may use only the libraries {{allowed}} — not '{{source}}'.",
      dynamic: 'Layering: {{layer}} loads modules only by a literal path (import(\'…\'), require(\'…\')) that this rule can check.',
    },
    schema: [],
  },
  create(context) {
    const layer = layerOf(context.filename);
    const rules = LAYERS[layer];
    if (!rules) return {};
    const libraries = rules.libraries.map(glob);
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = layerOf(path.resolve(path.dirname(context.filename), source));
        if (!rules.folders.includes(target)) context.report({ node, messageId: 'folder', data: { layer, allowed: rules.folders.join(', '), source, target } });
      } else if (!libraries.some((re) => re.test(source))) {
        context.report({ node, messageId: 'library', data: { layer, allowed: rules.libraries.join(', ') || '(none)', source } });
      }
    };
    /** The path of `import(…)` / `require(…)`: a string literal or a template without expressions; anything else is refused. */
    const checkDynamic = (node, arg) => {
      if (arg?.type === 'Literal' && typeof arg.value === 'string') check(node, arg.value);
      else if (arg?.type === 'TemplateLiteral' && arg.expressions.length === 0) check(node, arg.quasis[0].value.cooked);
      else context.report({ node, messageId: 'dynamic', data: { layer } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => checkDynamic(node, node.source),
      CallExpression: (node) => node.callee.type === 'Identifier' && node.callee.name === 'require' && checkDynamic(node, node.arguments[0]),
      // `type A = import('…').X` (the argument is a TSLiteralType around the string literal).
      TSImportType: (node) => {
        const arg = node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument;
        checkDynamic(node, arg);
      },
      // `import x = require('…')`.
      TSExternalModuleReference: (node) => checkDynamic(node, node.expression),
    };
  },
};

const hostGlobals = ['Excel', 'Office', 'CustomFunctions', 'OfficeExtension', 'window', 'document', 'fetch', 'XMLHttpRequest', 'localStorage', 'process', 'require', 'Buffer'].map((name) => ({
  name,
  message: 'domain, plan and jobs are pure: no host, DOM or Node global.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-node/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, Office: 'readonly', Excel: 'readonly', CustomFunctions: 'readonly', OfficeExtension: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { layers: { rules: { 'allowed-imports': layering } } },
    rules: { 'layers/allowed-imports': 'error' },
  },
  {
    // Jobs work through an ExcelGateway: no global of a host of their own.
    files: ['src/domain/**/*.ts', 'src/plan/**/*.ts', 'src/jobs/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...hostGlobals] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
