/**
 * The manifest's requirement sets are exactly what the code needs (issue 13 item 2): every Office.js
 * member src/ touches is resolved to @types/office-js and its `[Api set: …]` note; unguarded members
 * must not need more than manifest.xml declares, and the manifest must not declare more than they need.
 * The README's table is generated from the same data and must be up to date.
 *
 * The analyser itself is checked on a fixture whose members' sets come from Microsoft's reference
 * pages (independent of the d.ts parsing under test): Worksheet.tabColor 1.7, Range.dataValidation 1.8,
 * Worksheet.pageLayout 1.9, Table.resize 1.13, Worksheet.visibility 1.1 to read / 1.2 to set.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkManifest, collectApiUses, manifestFeatures, manifestSets, parseApiSet, platformSupport, readmeSection, README_BEGIN, README_END, requiredSets, type ApiUse } from '../../scripts/api-sets';

const root = path.join(__dirname, '../..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');

const GUARDED = `
function resizeSupported(): boolean {
  return Office.context.requirements.isSetSupported('ExcelApi', '1.13');
}
export function render(ws: Excel.Worksheet, table: Excel.Table): string {
  ws.tabColor = '#FF0000';
  ws.getRange('A1').dataValidation.clear();
  ws.pageLayout.orientation = 'Landscape';
  ws.visibility = 'Hidden';
  if (Office.context.requirements.isSetSupported('ExcelApi', '1.13')) table.resize('A1:B2');
  if (resizeSupported() && ws.name) table.resize('A1:C3');
  return resizeSupported() ? ws.visibility : '';
}
export function early(table: Excel.Table): void {
  if (!resizeSupported()) return;
  table.resize('A1:D4');
}
`;
const REQUIREMENTS = `
export function tableResizeSupported(): boolean {
  return Office.context.requirements.isSetSupported('ExcelApi', '1.13');
}
`;
const IMPORTED = `
import { tableResizeSupported } from './requirements';
export function undo(table: Excel.Table): void {
  if (tableResizeSupported()) table.resize('A1:G7');
}
`;
const UNGUARDED = `
export function grow(table: Excel.Table): void {
  table.resize('A1:E5');
  if (Office.context.requirements.isSetSupported('ExcelApi', '1.12')) table.resize('A1:F6');
}
`;

describe('requirement-set analyser', () => {
  let dir: string;
  let uses: ApiUse[];
  const inFile = (f: string) => uses.filter((u) => u.at.some((a) => a.startsWith(f)));
  const find = (member: string, access?: string) => uses.filter((u) => u.member === member && (!access || u.access === access));

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'api-sets-'));
    writeFileSync(path.join(dir, 'guarded.ts'), GUARDED);
    writeFileSync(path.join(dir, 'unguarded.ts'), UNGUARDED);
    writeFileSync(path.join(dir, 'requirements.ts'), REQUIREMENTS);
    writeFileSync(path.join(dir, 'imported.ts'), IMPORTED);
    uses = collectApiUses(dir, ['.'], path.join(root, 'node_modules', '@types'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves members to their documented requirement sets', () => {
    const one = (m: string, access?: string) => find(m, access).map((u) => `${u.set} ${u.version}`)[0];
    expect(one('Excel.Worksheet.tabColor')).toBe('ExcelApi 1.7');
    expect(one('Excel.Range.dataValidation')).toBe('ExcelApi 1.8');
    expect(one('Excel.DataValidation.clear')).toBe('ExcelApi 1.8');
    expect(one('Excel.Worksheet.pageLayout')).toBe('ExcelApi 1.9');
    expect(one('Excel.PageLayout.orientation', 'write')).toBe('ExcelApi 1.9');
    expect(one('Excel.Table.resize')).toBe('ExcelApi 1.13');
    expect(one('Excel.Worksheet.visibility', 'write')).toBe('ExcelApi 1.2');
    expect(one('Excel.Worksheet.visibility', 'read')).toBe('ExcelApi 1.1');
    expect(one('Excel.Worksheet.getRange')).toBe('ExcelApi 1.1');
    expect(one('Office.RequirementSetSupport.isSetSupported')).toBe('null null');
  });

  it('sees isSetSupported guards: direct, through a local or imported function, with && and ?:, and after an early return', () => {
    const resizes = inFile('guarded.ts').filter((u) => u.member === 'Excel.Table.resize');
    expect(resizes.flatMap((u) => u.at).sort()).toEqual(['guarded.ts:10', 'guarded.ts:11', 'guarded.ts:16', 'imported.ts:4']);
    for (const u of resizes) expect(u.guard).toBe('ExcelApi 1.13');
    expect(find('Excel.Worksheet.visibility', 'read')[0].guard).toBe('ExcelApi 1.13');
    expect(find('Excel.Worksheet.tabColor')[0].guard).toBeNull();
  });

  it('passes a manifest that declares exactly the unguarded needs, and names the members otherwise', () => {
    const guardedOnly = inFile('guarded.ts');
    expect(requiredSets(guardedOnly).get('ExcelApi')?.version).toBe('1.9');
    expect(checkManifest(guardedOnly, new Map([['ExcelApi', '1.9']]))).toEqual([]);
    const low = checkManifest(guardedOnly, new Map([['ExcelApi', '1.8']]));
    expect(low).toHaveLength(1);
    expect(low[0]).toMatch(/清单声明 ExcelApi 1\.8.*Excel\.PageLayout\.orientation.*需要 ExcelApi 1\.9/);
    expect(checkManifest(guardedOnly, new Map([['ExcelApi', '1.10']]))[0]).toMatch(/代码最多只需要 ExcelApi 1\.9/);
    expect(checkManifest(guardedOnly, new Map([['ExcelApi', '1.9'], ['DialogApi', '1.1']]))[0]).toMatch(/DialogApi 1\.1，但代码没有用到/);
  });

  it('fails an unguarded member above the manifest, and a guard below the member', () => {
    const problems = checkManifest(uses, new Map([['ExcelApi', '1.9']]));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/Excel\.Table\.resize.*需要 ExcelApi 1\.13/);
    expect(problems[1]).toMatch(/^Excel\.Table\.resize（unguarded\.ts:4）需要 ExcelApi 1\.13，但只检查了 ExcelApi 1\.12/);
  });

  it('reads the d.ts note variants', () => {
    expect(parseApiSet('* [Api set: ExcelApi 1.1 for get, 1.8 for set]', 'write')).toEqual({ set: 'ExcelApi', version: '1.8' });
    expect(parseApiSet('* [Api set: ExcelApi 1.1 for get, 1.8 for set]', 'read')).toEqual({ set: 'ExcelApi', version: '1.1' });
    expect(parseApiSet('* [Api set: ExcelApi 1.2 for options; 1.7 for password]', 'call')).toEqual({ set: 'ExcelApi', version: '1.7' });
    expect(parseApiSet('* [Api set: ExcelApi 1.9, ExcelApi Preview for null `destinationRange`]', 'call')).toEqual({ set: 'ExcelApi', version: '1.9' });
    expect(parseApiSet('**Requirement set**: {@link https://learn.microsoft.com/x | SharedRuntime 1.1}', 'call')).toEqual({ set: 'SharedRuntime', version: '1.1' });
    expect(parseApiSet('The following outlines support information for Outlook.\n[Api set: Mailbox 1.3]', 'call')).toBeNull();
  });

  it('counts the sets the manifest\'s own features need (shared runtime, custom functions)', () => {
    const xml = '<Runtimes><Runtime resid="Taskpane.Url" lifetime="long"/></Runtimes><!-- <ExtensionPoint xsi:type="CustomFunctions"> --><ExtensionPoint xsi:type="PrimaryCommandSurface">';
    expect(manifestFeatures(xml).map((u) => `${u.set} ${u.version}`)).toEqual(['SharedRuntime 1.1']);
    expect(checkManifest(manifestFeatures(xml), new Map([['SharedRuntime', '1.1']]))).toEqual([]);
  });

  it('maps declared sets to the Excel versions in Microsoft\'s tables', () => {
    // ExcelApi 1.7 is the last set Office 2019 has; 1.8 needs Office 2021 (volume) / Version 1808.
    expect(platformSupport(new Map([['ExcelApi', '1.7']]))).toMatchObject({ '2016': false, '2019': true, m365: '1801', mac: '16.9' });
    expect(platformSupport(new Map([['ExcelApi', '1.8']]))).toMatchObject({ '2019': false, '2021': true, m365: '1808', web: true });
    expect(platformSupport(new Map([['ExcelApi', '1.1']]))['2016']).toBe(true);
  });
});

describe('manifest.xml and the code', () => {
  let uses: ApiUse[];
  beforeAll(() => {
    uses = [...collectApiUses(root), ...manifestFeatures(read('manifest.xml'))];
  });

  it('declares exactly the requirement sets the unguarded code needs', () => {
    const declared = manifestSets(read('manifest.xml'));
    expect(declared.get('ExcelApi')).toBeDefined();
    expect(checkManifest(uses, declared)).toEqual([]);
  });

  it('finds the Office.js the code is known to use (the analyser sees src/)', () => {
    const members = new Set(uses.map((u) => u.member));
    for (const m of ['Excel.Worksheet.getRange', 'Excel.Range.values', 'CustomFunctions.Invocation.parameterAddresses', 'Office.onReady']) expect(members).toContain(m);
    expect(uses.length).toBeGreaterThan(50);
  });

  it('publishes the table in README.md (npm run api-sets keeps it up to date)', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf(README_BEGIN) + README_BEGIN.length + 1, readme.indexOf(README_END) - 1);
    expect(section).toBe(readmeSection(uses, manifestSets(read('manifest.xml'))));
  });
});
