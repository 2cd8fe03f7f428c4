/** The layering rule of DESIGN §1 is an allow-list enforced by lint; this proves it bites, and lets through what is meant. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '../..');

// ESLint loads its flat config with a dynamic import, which jest's VM refuses; lint in a child
// process through ESLint's API instead, all cases in one run.
function lintAll(cases: [string, string][]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const [file, code] of cases) {
        const [r] = await eslint.lintText(code, { filePath: require('path').join(process.cwd(), file) });
        out.push(r.messages.map((m) => m.ruleId || m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const IMPORT = 'layers/allowed-imports';
const GLOBAL = 'no-restricted-globals';
const use = (spec: string) => `import { x } from '${spec}';\nexport const a = x;\n`;

const forbidden: [string, string, string][] = [
    ['src/domain/x.ts', use('exceljs'), IMPORT],
    ['src/domain/x.ts', use('node:fs'), IMPORT],
    ['src/domain/x.ts', use('../plan/types'), IMPORT],
    // The leaks of the old deny-list (issue 12): libraries, Node modules, a job, a network global.
    ['src/domain/x.ts', use('jszip'), IMPORT],
    ['src/domain/x.ts', use('zlib'), IMPORT],
    ['src/domain/x.ts', use('https'), IMPORT],
    ['src/domain/x.ts', use('../jobs/report'), IMPORT],
    ['src/domain/analysis/x.ts', use('../../jobs/report'), IMPORT],
    ['src/domain/x.ts', 'export const a = () => fetch(\'https://example.com\');\n', GLOBAL],
    ['src/domain/x.ts', 'export const a = () => import(\'../jobs/report\');\n', IMPORT],
    ['src/domain/x.ts', 'export { x } from \'../jobs/report\';\n', IMPORT],
    // Other ways to name a module (review of issue 12's fix): a template literal without expressions,
    // a type-only import() type, `import x = require()`, and paths the rule cannot read at all.
    ['src/domain/x.ts', 'export const a = () => import(`../jobs/report`);\n', IMPORT],
    ['src/domain/x.ts', 'export type A = import(\'../jobs/report\').X;\n', IMPORT],
    ['src/domain/x.ts', 'import x = require(\'../jobs/report\');\nexport const a = x;\n', IMPORT],
    ['src/domain/x.ts', 'export const a = (p: string) => import(p);\n', IMPORT],
    ['src/domain/x.ts', 'export const a = (p: string) => import(`../${p}`);\n', IMPORT],
    ['src/domain/x.ts', 'export const a = (p: string) => require(p);\n', IMPORT],
    ['src/cli/x.ts', 'export const a = (p: string) => require(p);\n', IMPORT],
    ['src/cli/x.ts', 'export const a = () => require(`../taskpane/i18n`);\n', IMPORT],
    ['src/plan/x.ts', 'export type A = import(\'jszip\').JSZipObject;\n', IMPORT],
    ['src/domain/x.ts', 'export const a = () => Excel.run;\n', GLOBAL],
    ['src/domain/x.ts', 'export const a = () => document.body;\n', GLOBAL],
    ['src/plan/x.ts', use('../host/xlsx/read'), IMPORT],
    ['src/plan/x.ts', use('../jobs/report'), IMPORT],
    ['src/plan/report/x.ts', use('../../jobs/report'), IMPORT],
    ['src/plan/x.ts', use('@stdlib/stats-base-dists-t-cdf'), IMPORT],
    ['src/plan/x.ts', 'export const a = () => Office.context;\n', GLOBAL],
    ['src/plan/x.ts', use('react'), IMPORT],
    ['src/jobs/x.ts', use('../host/xlsx/gateway'), IMPORT],
    ['src/jobs/x.ts', use('../cli/io'), IMPORT],
    ['src/jobs/x.ts', use('../taskpane/use-pane'), IMPORT],
    ['src/jobs/x.ts', use('jszip'), IMPORT],
    ['src/jobs/x.ts', 'export const a = () => process.env;\n', GLOBAL],
    ['src/host/office/x.ts', use('../xlsx/read'), IMPORT],
    ['src/host/office/x.ts', use('../../jobs/report'), IMPORT],
    ['src/host/office/x.ts', use('../../taskpane/host'), IMPORT],
    ['src/host/office/x.ts', use('../../taskpane/i18n'), IMPORT],
    ['src/host/office/x.ts', use('jszip'), IMPORT],
    ['src/host/xlsx/x.ts', use('../office/render'), IMPORT],
    ['src/host/xlsx/x.ts', use('../../jobs/report'), IMPORT],
    ['src/host/xlsx/x.ts', use('../../cli/io'), IMPORT],
    ['src/host/xlsx/x.ts', use('node:fs'), IMPORT],
    // Faces never import each other.
    ['src/functions/x.ts', use('../taskpane/i18n'), IMPORT],
    ['src/functions/x.ts', use('../jobs/report'), IMPORT],
    ['src/taskpane/x.ts', use('../cli/io'), IMPORT],
    ['src/taskpane/components/x.tsx', use('../../functions/functions'), IMPORT],
    ['src/cli/x.ts', use('../taskpane/i18n'), IMPORT],
    ['src/cli/x.ts', use('../host/office/gateway'), IMPORT],
    ['src/cli/x.ts', use('react'), IMPORT],
    ['src/commands/x.ts', use('../taskpane/App'), IMPORT],
];
const allowed: [string, string][] = [
  ['src/plan/x.ts', use('../domain')],
  ['src/plan/report/x.ts', use('../../domain/analysis/analyze')],
  ['src/domain/x.ts', use('@stdlib/stats-base-dists-t-cdf')],
  ['src/domain/analysis/x.ts', use('../cells')],
  ['src/jobs/x.ts', use('../plan')],
  ['src/jobs/x.ts', use('../domain')],
  ['src/host/xlsx/x.ts', use('fflate')],
  ['src/host/xlsx/x.ts', use('../../plan')],
  ['src/host/office/x.ts', use('../../domain')],
  ['src/taskpane/x.ts', use('../jobs/report')],
  ['src/taskpane/x.ts', 'export const a = () => import(\'../host/xlsx/gateway\');\n'],
  ['src/taskpane/x.ts', 'export const a = () => import(`../host/xlsx/gateway`);\n'],
  ['src/plan/x.ts', 'export type A = import(\'../domain\').Analysis;\n'],
  ['src/taskpane/components/x.tsx', use('@fluentui/react-components')],
  ['src/cli/x.ts', use('../jobs/report')],
  ['src/cli/x.ts', use('../host/xlsx/gateway')],
  ['src/cli/x.ts', use('node:fs/promises')],
  ['src/cli/x.ts', use('../../package.json')],
];

describe('layering (DESIGN §1) enforced by lint', () => {
  let results: string[][];
  beforeAll(() => {
    results = lintAll([...forbidden.map(([f, c]) => [f, c] as [string, string]), ...allowed]);
  });

  it.each(forbidden.map((c, i) => [i, ...c] as const))('case %i: %s may not: %s', (i, _file, _code, rule) => {
    expect(results[i]).toContain(rule);
  });

  it.each(allowed.map((c, i) => [i, ...c] as const))('allowed %i: %s may: %s', (i) => {
    expect(results[forbidden.length + i]).toEqual([]);
  });
});
