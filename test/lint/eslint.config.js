// ESLint for the whole repository: `npx eslint --config test/lint/eslint.config.js .` (npm test runs it).
// The layering rule below is the point; the rest is the recommended sets, kept light.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import { moduleVisitor } from 'eslint-plugin-import-x/utils';
import tseslint from 'typescript-eslint';

// The config lives below the root (the top level is kept to the project's own folders), so every
// pattern here is anchored to the repository root rather than to the config file or the cwd.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const UI = ['electron', 'react', 'react-dom', 'maplibre-gl', 'zustand', 'react-resizable-panels', '@testing-library'];
const NODE_ONLY = ['better-sqlite3', 'mqtt', 'aedes', 'ws', 'tsx', 'esbuild'];

/**
 * Who may import what, by folder (`layer`). `folders` are the parts of the tree a layer may reach
 * by relative path; `node` whether Node's built-in modules are allowed; `packages` is either the only packages
 * allowed (`only`) or the ones refused (`not`). A bare name covers its subpaths (`react-dom/client`).
 */
const LAYERS = [
  {
    layer: 'shared/',
    folders: ['shared'],
    node: false,
    // Pure libraries only: no runtime of their own, no I/O (geojson is types only). Add one here
    // when it is truly pure.
    packages: { only: ['zod', 'geodesy', 'geojson'] },
  },
  { layer: 'adapters/', folders: ['shared', 'adapters'], node: true, packages: { not: UI } },
  { layer: 'electron/host/', folders: ['shared', 'adapters', 'electron/host'], node: true, packages: { not: UI } },
  {
    layer: 'electron/main/',
    folders: ['shared', 'electron/host', 'electron/main'],
    node: true,
    packages: { not: UI.filter((p) => p !== 'electron') },
  },
  { layer: 'electron/preload/', folders: ['shared', 'electron/preload'], node: false, packages: { only: ['electron'] } },
  { layer: 'renderer/', folders: ['shared', 'renderer'], node: false, packages: { not: ['electron', ...NODE_ONLY] } },
];

const packageName = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const covers = (names, spec) => names.some((n) => spec === n || spec.startsWith(n + '/'));
const isBuiltin = (spec) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);

/** Why `spec`, imported from `file`, breaks `layer`'s rule; null when it is allowed. */
function refusal(layer, file, spec) {
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = path.relative(root, path.resolve(path.dirname(file), spec.split('?')[0]));
    if (layer.folders.some((f) => target === f || target.startsWith(f + path.sep))) return null;
    return `${layer.layer} may import only from ${layer.folders.map((f) => f + '/').join(', ')} — not ${target}`;
  }
  if (isBuiltin(spec)) return layer.node ? null : `${layer.layer} runs without Node: no ${spec}`;
  const { only, not } = layer.packages;
  if (only && !covers(only, spec)) return `${layer.layer} may use only the packages ${only.join(', ')} — not ${packageName(spec)}`;
  if (not && covers(not, spec)) return `${layer.layer} must not use ${packageName(spec)}`;
  return null;
}

const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'The layering of the repository: which folder may import which (README, Architecture).' },
    schema: [],
  },
  create(context) {
    const file = context.physicalFilename;
    const rel = path.relative(root, file).split(path.sep).join('/');
    const layer = LAYERS.find((l) => rel.startsWith(l.layer));
    if (!layer) return {};
    const check = (node, spec) => {
      const why = refusal(layer, file, spec);
      if (why) context.report({ node, message: `Layering: ${why}.` });
    };
    // import-x's visitor sees `import x from`, a bare `import 'x'`, `export … from`, `import('x')`,
    // `require('x')` and `import x = require('x')`; the rest below covers what it leaves out.
    const visitor = moduleVisitor((source) => check(source, String(source.value)), { commonjs: true, esmodule: true });
    const unchecked = (node) => context.report({ node, message: 'Layering: a module named by a computed expression cannot be checked; name it with a string.' });
    return {
      ...visitor,
      // `type T = import('x').T`
      TSImportType: (node) => check(node.source ?? node.argument.literal, String((node.source ?? node.argument.literal).value)),
      // import(`x`), and imports whose module is computed at run time
      'ImportExpression[source.type="TemplateLiteral"]': (node) =>
        node.source.expressions.length === 0 ? check(node.source, node.source.quasis[0].value.cooked) : unchecked(node.source),
      'ImportExpression[source.type!="Literal"][source.type!="TemplateLiteral"]': (node) => unchecked(node.source),
      'CallExpression[callee.type="Identifier"][callee.name="require"][arguments.length=1][arguments.0.type!="Literal"]': (node) => unchecked(node.arguments[0]),
    };
  },
};

const recommended = Object.fromEntries([...builtinRules].filter(([, r]) => r.meta?.docs?.recommended).map(([name]) => [name, 'error']));

// Globals of the runtimes the plain-JavaScript files run in (TypeScript files are checked by tsc).
const readonly = (names) => Object.fromEntries(names.map((n) => [n, 'readonly']));
const nodeGlobals = readonly([
  'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask',
  'structuredClone', 'performance', 'fetch', 'Response', 'Request', 'Headers', 'SharedArrayBuffer', 'Atomics', 'globalThis',
]);

const tests = ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'renderer/src/testing/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', '.data/**', 'test-results/**', 'resources/**'] },
  { files: ['**/*.{js,mjs,cjs,ts,tsx,mts}'], rules: recommended },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    plugins: { beacon: { rules: { layering: layeringRule } } },
    files: ['shared/**', 'adapters/**', 'electron/**', 'renderer/**'],
    ignores: tests,
    rules: { 'beacon/layering': 'error' },
  },
  {
    // The renderer names React's hooks rule in a few directives; that plugin is not installed here,
    // so the name is known (and does nothing) rather than failing as an unknown rule.
    plugins: { 'react-hooks': { rules: { 'exhaustive-deps': { meta: { schema: [] }, create: () => ({}) } } } },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  {
    rules: {
      // Underscore-prefixed names are deliberately unused (callback signatures, ignored fields).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-unused-vars': 'off',
    },
  },
).map((c) => ({ ...c, basePath: root }));
