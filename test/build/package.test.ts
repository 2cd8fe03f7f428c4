/**
 * `npm run package -- --url …` (scripts/package.js): one folder an IT admin copies to a static HTTPS
 * server — the production build with manifest.xml at its root, every manifest URL pointing at the given
 * folder, no localhost anywhere, the manifest valid against the XSDs — and a one-line refusal (zh-CN /
 * en-US) of any URL Office could not load the add-in from. dist/ is reused when it holds a production
 * build (`npm test` builds it first); otherwise the script runs webpack once (about a minute).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const SCRIPT = path.join(ROOT, 'scripts/package.js');
const VALIDATE = path.join(ROOT, 'tools/manifest/validate-manifest');
const GIVEN = 'https://intranet.example//csat'; // as typed: a doubled slash, no trailing slash
const BASE = 'https://intranet.example/csat/';
const STAGING = 'https://staging.intranet.example:8443/csat-test/';
const MICROSOFT = /^https?:\/\/([a-z0-9-]+\.)*microsoft\.com\//;

function pack(args: string[], env: Record<string, string> = {}) {
  const environment: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('CSAT_ADDIN_URL' in env)) delete environment.CSAT_ADDIN_URL;
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env: environment, encoding: 'utf8', timeout: 300_000 });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
}

/** The addresses a manifest (or page) names, without its XML namespace names (identifiers, never fetched). */
const urlsOf = (xml: string) => xml.replace(/\sxmlns(?::[\w-]+)?="[^"]*"/g, '').match(/https?:\/\/[^\s"'<>()]+/g) ?? [];
const between = (text: string, open: string, close: string) => {
  const start = text.indexOf(open) + open.length;
  return text.slice(start, text.indexOf(close, start));
};
/** dist/ holds a production build: the script's own test for --prebuilt. */
const distIsProduction = ['taskpane.html', 'functions.js', 'functions.json', 'manifest.xml'].every((f) => existsSync(path.join(DIST, f))) && !readFileSync(path.join(DIST, 'manifest.xml'), 'utf8').includes('localhost');

let tmp: string;
let out: string;
let run: ReturnType<typeof pack>;
let manifest: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-package-'));
  out = path.join(tmp, 'intranet');
  run = pack(['--url', GIVEN, '--out', out, ...(distIsProduction ? ['--prebuilt', DIST] : [])]);
  if (run.status === 0) manifest = readFileSync(path.join(out, 'manifest.xml'), 'utf8');
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('npm run package -- --url …', () => {
  it('fills one folder and says where it is, at which URL, and what to do next', () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(run.stdout).toContain(out);
    expect(run.stdout).toContain(`${BASE}taskpane.html`);
    expect(run.stdout).toContain(path.join('docs', 'deploy.md'));
    expect(run.stdout).toMatch(/已通过校验 \/ validated/);
    // The URL as typed is normalised, and the user is told so.
    expect(run.stderr).toContain(`/ using the URL as ${BASE}`);
    expect(existsSync(path.join(out, 'manifest.xml'))).toBe(true);
  });

  it('leaves no localhost in the manifest or in any file the pane loads', () => {
    expect(manifest).not.toMatch(/localhost/);
    const offenders = filesUnder(out).filter((f) => /\.(html|js|json|xml|css)$/.test(f) && readFileSync(path.join(out, f), 'utf8').includes('localhost'));
    expect(offenders).toEqual([]);
  });

  it("points every URL of the manifest at the given folder (or at Microsoft's), the AppDomain at its origin", () => {
    const urls = urlsOf(manifest);
    expect(urls.filter((u) => u.startsWith(BASE)).length).toBeGreaterThan(10);
    expect(urls.filter((u) => !u.startsWith(BASE) && !MICROSOFT.test(u) && u !== 'https://intranet.example')).toEqual([]);
    expect(between(manifest, '<AppDomains>', '</AppDomains>').trim()).toBe('<AppDomain>https://intranet.example</AppDomain>');
    expect(between(manifest, '<SourceLocation DefaultValue="', '"')).toBe(`${BASE}taskpane.html`);
  });

  it('holds every file the manifest names and every script the pane loads', () => {
    const named = [...new Set(urlsOf(manifest).filter((u) => u.startsWith(BASE) && u !== BASE))].map((u) => u.slice(BASE.length));
    expect(named).toEqual(expect.arrayContaining(['taskpane.html', 'functions.js', 'functions.json', 'assets/icon-80.png']));
    expect(named.filter((f) => !existsSync(path.join(out, f)))).toEqual([]);
    const html = readFileSync(path.join(out, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/\ssrc=["']?([^"'\s>]+)/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(3);
    // Relative to the page (so any folder works) or Office's own script host.
    expect(scripts.filter((s) => !(MICROSOFT.test(s) || (!s.includes(':') && !s.startsWith('/') && existsSync(path.join(out, s)))))).toEqual([]);
  });

  it('writes a manifest that validates against the add-in manifest schemas', () => {
    const r = spawnSync('bash', [VALIDATE, path.join(out, 'manifest.xml')], { encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr.trim() }).toEqual({ status: 0, stderr: `${path.join(out, 'manifest.xml')} validates` });
  });

  it('keeps the add-in as the source manifest declares it (id, version, permissions)', () => {
    const source = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    for (const [open, close] of [['<Id>', '</Id>'], ['<Version>', '</Version>'], ['<Permissions>', '</Permissions>']]) {
      expect(between(manifest, open, close)).toBe(between(source, open, close));
    }
  });

  it('packages the same build for a second URL given by CSAT_ADDIN_URL (--prebuilt), leaving the first alone', () => {
    const second = path.join(tmp, 'staging');
    const r = pack(['--prebuilt', out, '--out', second], { CSAT_ADDIN_URL: STAGING });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    const staging = readFileSync(path.join(second, 'manifest.xml'), 'utf8');
    expect(urlsOf(staging).filter((u) => !u.startsWith(STAGING) && !MICROSOFT.test(u) && u !== 'https://staging.intranet.example:8443')).toEqual([]);
    expect(staging).not.toContain(BASE);
    expect(readFileSync(path.join(second, 'taskpane.js')).equals(readFileSync(path.join(out, 'taskpane.js')))).toBe(true);
    expect(readFileSync(path.join(out, 'manifest.xml'), 'utf8')).toBe(manifest);
  });
});

describe('npm run package refuses, in one line (zh-CN / en-US), and writes nothing', () => {
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['no URL at all', [], {}, /需要加载项所在的网址.*\/ the add-in URL is needed/],
    ['an http URL', ['--url', 'http://intranet.example/csat/'], {}, /必须以 https:\/\/ 开头.*\/ the URL must start with https:\/\//],
    ['an http URL from CSAT_ADDIN_URL', [], { CSAT_ADDIN_URL: 'http://intranet.example/csat/' }, /必须以 https:\/\/ 开头.*\/ the URL must start with https:\/\//],
    ['localhost', ['--url', 'https://localhost:3000/'], {}, /不能指向本机.*\/ the URL must not be this computer/],
    ['a query string', ['--url', 'https://intranet.example/csat/?v=2'], {}, /查询串.*\/ the URL must not have a query/],
    ["a file's URL", ['--url', 'https://intranet.example/csat/taskpane.html'], {}, /文件夹的网址.*\/ give the URL of the folder/],
    ['no scheme', ['--url', 'intranet.example/csat/'], {}, /不是有效的网址.*\/ not a URL/],
    ['an unknown option', ['--url', BASE, '--manifest-only'], {}, /参数有误.*\/ bad arguments.*--manifest-only/],
  ];

  it.each(cases)('%s', (name, args, env, message) => {
    const target = path.join(tmp, `refused-${name.replace(/\W+/g, '-')}`);
    const r = pack([...args, '--out', target], env);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(target)).toBe(false);
  });

  it('a development build given as --prebuilt', () => {
    const dev = path.join(tmp, 'dev-build');
    mkdirSync(dev);
    for (const f of ['taskpane.html', 'functions.js', 'functions.json']) writeFileSync(path.join(dev, f), '');
    writeFileSync(path.join(dev, 'manifest.xml'), readFileSync(path.join(ROOT, 'manifest.xml')));
    const target = path.join(tmp, 'from-dev');
    const r = pack(['--url', BASE, '--prebuilt', dev, '--out', target]);
    expect([r.status, r.stderr.trim().split('\n').length]).toEqual([1, 1]);
    expect(r.stderr).toMatch(/开发构建.*\/ .* is a development build/);
    expect(existsSync(target)).toBe(false);
  });

  it('an output folder that holds other files (it would be emptied)', () => {
    const busy = path.join(tmp, 'busy');
    mkdirSync(busy);
    writeFileSync(path.join(busy, 'keep.txt'), 'mine');
    const r = pack(['--url', BASE, '--prebuilt', out, '--out', busy]);
    expect([r.status, r.stderr.trim().split('\n').length]).toEqual([1, 1]);
    expect(r.stderr).toMatch(/已有其他文件.*\/ .* already holds other files/);
    expect(readdirSync(busy)).toEqual(['keep.txt']);
  });
});
