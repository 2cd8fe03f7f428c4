/** The layering rule of DESIGN §1 is enforced by lint; this proves the lint rule bites. */
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

const forbidden: [string, string, string][] = [
    ['src/domain/x.ts', "import ExcelJS from 'exceljs';\nexport const a = ExcelJS;\n", 'no-restricted-imports'],
    ['src/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", 'no-restricted-imports'],
    ['src/domain/x.ts', "import { a } from '../plan/types';\nexport const b = a;\n", 'no-restricted-imports'],
    ['src/domain/x.ts', 'export const a = () => Excel.run;\n', 'no-restricted-globals'],
    ['src/domain/x.ts', 'export const a = () => document.body;\n', 'no-restricted-globals'],
    ['src/plan/x.ts', "import { x } from '../host/xlsx/read';\nexport const a = x;\n", 'no-restricted-imports'],
    ['src/plan/x.ts', 'export const a = () => Office.context;\n', 'no-restricted-globals'],
    ['src/plan/x.ts', "import React from 'react';\nexport const a = React;\n", 'no-restricted-imports'],
    ['src/host/office/x.ts', "import { x } from '../xlsx/read';\nexport const a = x;\n", 'no-restricted-imports'],
    ['src/host/xlsx/x.ts', "import { x } from '../office/render';\nexport const a = x;\n", 'no-restricted-imports'],
];
const allowed: [string, string] = ['src/plan/x.ts', "import { TABLE_4_1 } from '../domain';\nexport const a = TABLE_4_1;\n"];

describe('layering (DESIGN §1) enforced by lint', () => {
  let results: string[][];
  beforeAll(() => {
    results = lintAll([...forbidden.map(([f, c]) => [f, c] as [string, string]), allowed]);
  });

  it.each(forbidden.map((c, i) => [i, ...c] as const))('case %i: %s may not: %s', (i, _file, _code, rule) => {
    expect(results[i]).toContain(rule);
  });

  it('allows plan to import domain', () => {
    expect(results[forbidden.length]).toEqual([]);
  });
});
