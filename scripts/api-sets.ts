/**
 * Which Office.js requirement sets the add-in needs, read from the code rather than declared by hand:
 * every property access, call and option-bag property in src/host/office, src/taskpane, src/commands
 * and src/functions is resolved with the TypeScript checker to its declaration in @types/office-js or
 * @types/custom-functions-runtime, whose doc comment names its set (`[Api set: ExcelApi 1.7]`,
 * `**Requirement set**: … | SharedRuntime 1.1}`). A use is guarded when it sits under an
 * `isSetSupported(set, version)` check (directly, or through a local function that makes it).
 *
 * `checkManifest` compares the unguarded needs (plus the sets the manifest's own features call for,
 * `manifestFeatures`) with manifest.xml's <Requirements>; `readmeSection`
 * renders the README's table (which Excel versions run the add-in) from the same data.
 * CLI: `npm run api-sets` rewrites the README section (and exits 1 listing any manifest mismatch);
 * `node dist-node/scripts/api-sets.js --check` only compares.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ApiUse {
  /** Fully qualified member, e.g. `Excel.Worksheet.tabColor`. */
  member: string;
  access: 'read' | 'write' | 'call';
  /** Requirement set name and version, or null for a member no set covers (Office common API). */
  set: string | null;
  version: string | null;
  /** `set version` established by an enclosing isSetSupported check, if any. */
  guard: string | null;
  /** `file:line` of every use (relative to the analysed root). */
  at: string[];
}

export const SCANNED_DIRS = ['src/host/office', 'src/taskpane', 'src/commands', 'src/functions'];
const TYPE_PACKAGES = ['office-js', 'custom-functions-runtime'];
/** Sets of other Office hosts: a shared member's Outlook/Word note (e.g. Event.completed's "Mailbox 1.3") says nothing about Excel. */
const OTHER_HOSTS = /^(Mailbox|Word|PowerPoint|OneNote|Visio|Project|Outlook)/;

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
const maxVersion = (vs: string[]): string => vs.reduce((m, v) => (compareVersions(v, m) > 0 ? v : m));

/**
 * Reads a doc comment's requirement set. Notes such as "1.1 for get, 1.8 for set" give the version for
 * the access at hand; other multi-version notes ("1.2 for options; 1.7 for password") give the highest.
 */
export function parseApiSet(comment: string, access: ApiUse['access']): { set: string; version: string } | null {
  const found = [...comment.matchAll(/\[\s*Api set:\s*([A-Za-z]+)\s+([^\]]*)\]|\*\*Requirement set\*\*:[^|]*\|\s*([A-Za-z]+)\s+(\d+\.\d+)\s*\}/g)]
    .map((m) => ({ set: m[1] ?? m[3], rest: m[2] ?? m[4] }))
    .filter((m) => !OTHER_HOSTS.test(m.set));
  if (found.length === 0) return null;
  const { set, rest } = found[0];
  const versions = [...rest.replace(/ExcelApi\s+Preview.*/s, '').matchAll(/\b(\d+\.\d+)\b/g)].map((x) => x[1]);
  if (versions.length === 0) return null;
  if (versions.length > 1) {
    const getter = /(\d+\.\d+)\s+for\s+(?:get|getting|reading)\b/i.exec(rest);
    const setter = /(\d+\.\d+)\s+for\s+(?:set|setting)\b/i.exec(rest);
    if (getter && setter) return { set, version: access === 'write' ? setter[1] : getter[1] };
  }
  return { set, version: maxVersion(versions) };
}

function leadingDoc(decl: ts.Node): string {
  const sf = decl.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, decl.getFullStart()) ?? [];
  return ranges.map((r) => sf.text.slice(r.pos, r.end)).join('\n');
}

function isTypeDeclarationFile(file: string): boolean {
  return TYPE_PACKAGES.some((p) => file.replace(/\\/g, '/').includes(`/node_modules/@types/${p}/`));
}

/** The requirement set of a declaration: its own comment, else its class's / interface's. */
function setOf(decl: ts.Node, access: ApiUse['access']): { set: string; version: string } | null {
  for (let n: ts.Node | undefined = decl; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isModuleBlock(n)) break;
    const found = parseApiSet(leadingDoc(n), access);
    if (found) return found;
  }
  return null;
}

type Guards = Map<string, string>;

/** Sets an expression establishes when true: isSetSupported calls in it or in local functions it calls. */
function guardsIn(expr: ts.Node, checker: ts.TypeChecker, depth = 0): Guards {
  const out: Guards = new Map();
  const add = (set: string, v: string) => {
    if (!out.has(set) || compareVersions(v, out.get(set)!) > 0) out.set(set, v);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      const [a, b] = n.arguments;
      if (name === 'isSetSupported' && a && ts.isStringLiteralLike(a)) add(a.text, b && ts.isStringLiteralLike(b) ? b.text : '1.1');
      else if (ts.isIdentifier(callee) && depth < 3) {
        // Follow imports: a guard helper may live in its own module (src/host/office/requirements.ts).
        const symbol = checker.getSymbolAtLocation(callee);
        const decl = (symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol)?.valueDeclaration;
        const body = decl && (ts.isFunctionDeclaration(decl) ? decl.body : ts.isVariableDeclaration(decl) ? decl.initializer : undefined);
        if (body && !body.getSourceFile().isDeclarationFile) for (const [s, v] of guardsIn(body, checker, depth + 1)) add(s, v);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return out;
}

const exits = (s: ts.Statement): boolean => ts.isReturnStatement(s) || ts.isThrowStatement(s) || (ts.isBlock(s) && s.statements.length === 1 && exits(s.statements[0]));

/** The isSetSupported checks that must have passed for `node` to run (if/?:/&& and early `if (!x) return`). */
function enclosingGuards(node: ts.Node, checker: ts.TypeChecker): Guards {
  const guards: Guards = new Map();
  const merge = (g: Guards) => {
    for (const [s, v] of g) if (!guards.has(s) || compareVersions(v, guards.get(s)!) > 0) guards.set(s, v);
  };
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child === parent.thenStatement) merge(guardsIn(parent.expression, checker));
    else if (ts.isConditionalExpression(parent) && child === parent.whenTrue) merge(guardsIn(parent.condition, checker));
    else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === parent.right) merge(guardsIn(parent.left, checker));
    else if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      for (const s of parent.statements) {
        if (s === child) break;
        if (ts.isIfStatement(s) && !s.elseStatement && exits(s.thenStatement) && ts.isPrefixUnaryExpression(s.expression) && s.expression.operator === ts.SyntaxKind.ExclamationToken) {
          merge(guardsIn(s.expression.operand, checker));
        }
      }
    }
  }
  return guards;
}

function accessOf(node: ts.Node): ApiUse['access'] {
  const p = node.parent;
  if (ts.isCallExpression(p) && p.expression === node) return 'call';
  if (ts.isBinaryExpression(p) && p.left === node && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return 'write';
  return 'read';
}

function listSources(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out.sort();
}

/** Every Office.js / custom-functions member the sources under `dirs` touch, with its set and guard. */
export function collectApiUses(root: string, dirs: string[] = SCANNED_DIRS, typesRoot = path.join(repoRoot(), 'node_modules', '@types')): ApiUse[] {
  const files = listSources(root, dirs);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2021,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: TYPE_PACKAGES,
    typeRoots: [typesRoot],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    esModuleInterop: true,
    resolveJsonModule: true,
  });
  const checker = program.getTypeChecker();
  const uses = new Map<string, ApiUse>();

  const record = (node: ts.Node, decl: ts.Declaration | undefined, symbol: ts.Symbol | undefined, access: ApiUse['access']) => {
    if (!decl || !symbol || !isTypeDeclarationFile(decl.getSourceFile().fileName)) return;
    const member = checker.getFullyQualifiedName(symbol).replace(/^"[^"]*"\./, '');
    const found = setOf(decl, access);
    const guards = found ? enclosingGuards(node, checker) : new Map<string, string>();
    const g = found ? guards.get(found.set) : undefined;
    const guard = found && g ? `${found.set} ${g}` : null;
    const key = `${member}|${access}|${guard ?? ''}`;
    const sf = node.getSourceFile();
    const at = `${path.relative(root, sf.fileName).replace(/\\/g, '/')}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const use = uses.get(key) ?? { member, access, set: found?.set ?? null, version: found?.version ?? null, guard, at: [] };
    use.at.push(at);
    uses.set(key, use);
  };

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      const access = accessOf(node);
      let decl: ts.Declaration | undefined;
      if (access === 'call') decl = checker.getResolvedSignature(node.parent as ts.CallExpression)?.declaration as ts.Declaration | undefined;
      const symbol = checker.getSymbolAtLocation(node.name);
      record(node, decl && !ts.isJSDocSignature(decl) ? decl : symbol?.declarations?.[0], symbol, access);
    } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
      // Option bags passed to Office.js (e.g. protect({ allowFormatColumns })) resolve via the contextual type.
      const literal = node.parent;
      const ctx = ts.isObjectLiteralExpression(literal) ? checker.getContextualType(literal) : undefined;
      const name = node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : undefined;
      const prop = ctx && name ? checker.getPropertyOfType(ctx, name) : undefined;
      record(node, prop?.declarations?.[0], prop, 'write');
    }
    ts.forEachChild(node, visit);
  };
  for (const f of files) visit(program.getSourceFile(f)!);
  return [...uses.values()].sort((a, b) => a.member.localeCompare(b.member) || a.access.localeCompare(b.access));
}

/** `<Set Name=… MinVersion=…/>` of the manifest's <Requirements>. */
export function manifestSets(xml: string): Map<string, string> {
  const block = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(xml.replace(/<!--[\s\S]*?-->/g, ''))?.[1] ?? '';
  const sets = new Map<string, string>();
  for (const m of block.matchAll(/<Set\s+([^>]*?)\/?>/g)) {
    const name = /Name="([^"]+)"/.exec(m[1])?.[1];
    const version = /MinVersion="([^"]+)"/.exec(m[1])?.[1] ?? /DefaultMinVersion="([^"]+)"/.exec(block)?.[1] ?? '1.1';
    if (name) sets.set(name, version);
  }
  return sets;
}

/**
 * Sets the manifest itself calls for, whatever the code uses: a long-lived shared runtime needs
 * SharedRuntime 1.1 and a CustomFunctions extension point CustomFunctionsRuntime 1.1 (Microsoft's
 * shared-runtime and custom-functions requirement-set pages). Listed as uses of `manifest.xml`.
 */
export function manifestFeatures(xml: string): ApiUse[] {
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');
  const feature = (member: string, set: string): ApiUse => ({ member, access: 'read', set, version: '1.1', guard: null, at: ['manifest.xml'] });
  const out: ApiUse[] = [];
  if (/<Runtime\b[^>]*lifetime="long"/.test(body)) out.push(feature('manifest.xml <Runtime lifetime="long">', 'SharedRuntime'));
  if (/<ExtensionPoint\b[^>]*xsi:type="CustomFunctions"/.test(body)) out.push(feature('manifest.xml <ExtensionPoint xsi:type="CustomFunctions">', 'CustomFunctionsRuntime'));
  return out;
}

/** Per set: the highest version an unguarded use needs, and the uses that need it. */
export function requiredSets(uses: ApiUse[]): Map<string, { version: string; members: string[] }> {
  const out = new Map<string, { version: string; members: string[] }>();
  for (const u of uses) {
    if (!u.set || !u.version || (u.guard && compareVersions(u.guard.split(' ')[1], u.version) >= 0)) continue;
    const cur = out.get(u.set);
    const c = cur ? compareVersions(u.version, cur.version) : 1;
    if (c > 0) out.set(u.set, { version: u.version, members: [u.member] });
    else if (c === 0 && !cur!.members.includes(u.member)) cur!.members.push(u.member);
  }
  return out;
}

/** Problems (zh / en) when the manifest and the code disagree; empty when they match exactly. */
export function checkManifest(uses: ApiUse[], declared: Map<string, string>, ignoredSets: string[] = []): string[] {
  const problems: string[] = [];
  const needed = requiredSets(uses);
  for (const [set, { version, members }] of needed) {
    const d = declared.get(set);
    if (!d) problems.push(`清单未声明 ${set}，但代码未加 isSetSupported 保护地使用了 ${set} ${version}：${members.join(', ')} / manifest does not declare ${set}; unguarded use needs ${set} ${version}`);
    else if (compareVersions(version, d) > 0) problems.push(`清单声明 ${set} ${d}，但未加保护的 ${members.join(', ')} 需要 ${set} ${version} / manifest declares ${set} ${d}; unguarded ${members.join(', ')} need ${version}`);
    else if (compareVersions(version, d) < 0) problems.push(`清单声明 ${set} ${d}，代码最多只需要 ${set} ${version}（${members.join(', ')}）/ manifest declares ${set} ${d}; the code needs only ${version}`);
  }
  for (const [set, d] of declared) {
    if (!needed.has(set) && !ignoredSets.includes(set)) problems.push(`清单声明 ${set} ${d}，但代码没有用到 / manifest declares ${set} ${d}, which no code uses`);
  }
  for (const u of uses) {
    if (u.guard && u.version && compareVersions(u.guard.split(' ')[1], u.version) < 0) {
      problems.push(`${u.member}（${u.at[0]}）需要 ${u.set} ${u.version}，但只检查了 ${u.guard} / guard ${u.guard} is below the member's ${u.set} ${u.version}`);
    }
  }
  return problems;
}

/**
 * Where each requirement set runs, from Microsoft's requirement-set tables (learn.microsoft.com:
 * requirement-sets/excel/excel-api-requirement-sets, …/custom-functions-requirement-sets,
 * …/common/shared-runtime-requirement-sets). Only the versions this add-in can need are listed.
 */
export const PLATFORMS = ['2016', '2019', '2021', 'm365', 'retail', 'web', 'mac'] as const;
export type Platform = (typeof PLATFORMS)[number];
/** true / false for a volume-licensed perpetual release and the web; the minimum version for Microsoft 365, retail perpetual (Windows) and Mac. */
type Support = Record<Platform, boolean | string>;
const row = (perpetual: 2016 | 2019 | 2021, m365: string, mac: string, retail = m365): Support => ({ '2016': perpetual <= 2016, '2019': perpetual <= 2019, '2021': true, m365, retail, web: true, mac });
const SUPPORT: Record<string, Record<string, Support>> = {
  ExcelApi: {
    '1.1': row(2016, '1509', '15.20'),
    '1.2': row(2019, '1601', '15.22'),
    '1.3': row(2019, '1608', '15.27'),
    '1.4': row(2019, '1701', '15.36'),
    '1.5': row(2019, '1703', '15.36'),
    '1.6': row(2019, '1704', '15.36'),
    '1.7': row(2019, '1801', '16.9'),
    '1.8': row(2021, '1808', '16.17'),
    '1.9': row(2021, '1903', '16.24'),
    '1.10': row(2021, '1907', '16.30'),
    '1.11': row(2021, '2002', '16.33'),
    '1.12': row(2021, '2008', '16.40'),
    '1.13': row(2021, '2102', '16.50'),
    '1.14': row(2021, '2108', '16.52'),
  },
  SharedRuntime: { '1.1': row(2021, '2002', '16.35') },
  CustomFunctionsRuntime: { '1.1': row(2021, '1903', '16.34', '2311'), '1.2': row(2021, '1909', '16.34', '2311'), '1.3': row(2021, '2008', '16.40', '2311') },
};

/** For each platform: false when a declared set is missing there, else true or the minimum version. */
export function platformSupport(declared: Map<string, string>): Record<Platform, boolean | string> {
  const out = {} as Record<Platform, boolean | string>;
  for (const p of PLATFORMS) {
    let best: boolean | string = true;
    for (const [set, v] of declared) {
      const cell = SUPPORT[set]?.[v]?.[p];
      if (cell === undefined) throw new Error(`no support data for ${set} ${v}: add Microsoft's row to SUPPORT in scripts/api-sets.ts`);
      if (cell === false || best === false) best = false;
      else if (typeof cell === 'string' && (typeof best !== 'string' || compareVersions(cell, best) > 0)) best = cell;
    }
    out[p] = best;
  }
  return out;
}

export const README_BEGIN = '<!-- api-sets:begin (npm run api-sets) -->';
export const README_END = '<!-- api-sets:end -->';

const short = (m: string) => m.replace(/^Excel\./, '').replace(/__type\./, '');

/** The README section body (between the markers), generated from the uses and the manifest. */
export function readmeSection(uses: ApiUse[], declared: Map<string, string>): string {
  const sup = platformSupport(declared);
  const yes = (s: boolean | string, prefix = '') => (s === false ? '✗ 不支持 / not supported' : s === true ? '✓' : `✓ ${prefix}${s}+`);
  const sets = [...declared].map(([s, v]) => `${s} ${v}`).join('、');
  const lines = [
    `清单 \`manifest.xml\` 声明 / the manifest declares: **${sets}**（由代码实际使用的 API 得出，测试 \`test/build/api-sets.test.ts\` 核对两者一致 / derived from the API members the code uses; the test keeps the two equal）。`,
    '',
    '| Excel | 能否运行 / runs? |',
    '| --- | --- |',
    `| Excel 2016（批量许可永久版 / volume-licensed perpetual） | ${yes(sup['2016'])} |`,
    `| Excel 2019（批量许可永久版 / volume-licensed perpetual） | ${yes(sup['2019'])} |`,
    `| Excel 2021（批量许可 LTSC / volume-licensed） | ${yes(sup['2021'])} |`,
    `| Excel 2016 / 2019 / 2021 零售永久版（Windows）/ retail perpetual | ${yes(sup.retail, '版本 Version ')} |`,
    `| Microsoft 365（Windows） | ${yes(sup.m365, '版本 Version ')} |`,
    `| Excel 网页版 / Excel on the web | ${yes(sup.web)} |`,
    `| Excel for Mac（Microsoft 365 / 2021） | ${yes(sup.mac, '')} |`,
    '',
    '代码用到的每个 Office.js 成员及其要求集（未列出要求集的是 Office 通用 API）/ every Office.js member the code uses, by requirement set (members with no set are common API):',
    '',
    '| 要求集 / set | 成员 / members |',
    '| --- | --- |',
  ];
  const groups = new Map<string, Set<string>>();
  for (const u of uses) {
    // A guard matters in the table only for a member above what the manifest declares.
    const above = u.set && u.version && declared.has(u.set) && compareVersions(u.version, declared.get(u.set)!) > 0;
    const guarded = above && u.guard && compareVersions(u.guard.split(' ')[1], u.version!) >= 0;
    const key = u.set ? `${u.set} ${u.version}${guarded ? `（仅在 isSetSupported 检查后 / only after isSetSupported('${u.set}', '${u.guard!.split(' ')[1]}')）` : ''}` : '—';
    if (!groups.has(key)) groups.set(key, new Set());
    groups.get(key)!.add(`\`${short(u.member)}\`${u.access === 'write' ? ' (set)' : ''}`);
  }
  const parts = (k: string) => /^(\S+)(?: (\d+\.\d+))?/.exec(k)!;
  const order = [...groups.keys()].sort((a, b) => {
    const [, sa, va] = parts(a);
    const [, sb, vb] = parts(b);
    return sa.localeCompare(sb) || compareVersions(va ?? '0', vb ?? '0') || a.localeCompare(b);
  });
  for (const k of order) lines.push(`| ${k} | ${[...groups.get(k)!].sort().join(', ')} |`);
  return lines.join('\n');
}

/** Replaces the text between the markers of `readme`; throws when they are missing. */
export function withSection(readme: string, body: string): string {
  const b = readme.indexOf(README_BEGIN);
  const e = readme.indexOf(README_END);
  if (b < 0 || e < b) throw new Error(`README.md has no ${README_BEGIN} … ${README_END} markers`);
  return `${readme.slice(0, b + README_BEGIN.length)}\n${body}\n${readme.slice(e)}`;
}

export function repoRoot(): string {
  // Works from scripts/ (ts-jest) and from dist-node/scripts/ (compiled).
  let d = __dirname;
  while (!existsSync(path.join(d, 'manifest.xml'))) d = path.dirname(d);
  return d;
}

function main(): void {
  const root = repoRoot();
  const manifest = readFileSync(path.join(root, 'manifest.xml'), 'utf8');
  const uses = [...collectApiUses(root, SCANNED_DIRS, path.join(root, 'node_modules', '@types')), ...manifestFeatures(manifest)];
  const declared = manifestSets(manifest);
  const problems = checkManifest(uses, declared);
  const readmePath = path.join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const next = withSection(readme, readmeSection(uses, declared));
  if (process.argv.includes('--check')) {
    if (next !== readme) problems.push('README.md 的要求集一节已过期：运行 npm run api-sets / README section is stale: run npm run api-sets');
  } else if (next !== readme) {
    writeFileSync(readmePath, next);
    process.stdout.write('README.md: API-set section updated\n');
  }
  for (const p of problems) process.stderr.write(`${p}\n`);
  process.exitCode = problems.length ? 1 : 0;
}

if (require.main === module) main();
