// @ts-check
// npm run package -- --url https://intranet.example/csat/   (or CSAT_ADDIN_URL=… npm run package)
//
// Makes the folder an IT admin copies to any static HTTPS server (IIS, nginx, SharePoint Server…):
// the production build with manifest.xml at its root, every manifest URL pointing at --url. Then
// checks it: no localhost anywhere, every file the manifest names present, the manifest valid
// against the XSDs (tools/manifest/validate-manifest, needs xmllint). docs/deploy.md says what next.
//
//   --url URL         where the folder will be served from (default: CSAT_ADDIN_URL)
//   --out DIR         the folder to fill (default: dist/); emptied first, so it must be empty, new or
//                     an earlier package
//   --prebuilt DIR    reuse the production build in DIR (e.g. dist/ after npm run build, or another
//                     package) instead of running webpack: the same build for a second URL
//   --skip-validation when xmllint cannot run here (Windows without WSL): validate elsewhere
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { AddinUrlError, addinUrl, productionManifest } = require('./manifest-url.js');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const VALIDATE = path.join(ROOT, 'tools', 'manifest', 'validate-manifest');
/** Files of a build that load in the pane or describe it: none may name localhost. */
const HOST_FILES = new Set(['.html', '.js', '.json', '.xml', '.css']);
/** What every production build holds; a folder without them is not one. */
const BUILD_FILES = ['taskpane.html', 'functions.js', 'functions.json', 'manifest.xml'];

/** Thrown with one line (zh-CN / en-US) for the user; the process ends with exit code 1. */
class Refusal extends Error {}

/** A path as the user would type it: relative when under the current folder, else absolute. */
const rel = (/** @type {string} */ p) => {
  const r = path.relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') || path.isAbsolute(r) ? p : r;
};

/** Every file under dir, as paths relative to it with forward slashes. */
function filesUnder(/** @type {string} */ dir, prefix = '') {
  /** @type {string[]} */
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const name = prefix + entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(path.join(dir, entry.name), `${name}/`));
    else out.push(name);
  }
  return out;
}

const isInside = (/** @type {string} */ child, /** @type {string} */ parent) => {
  const r = path.relative(parent, child);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
};

/** Refuses an output folder that holds anything but an earlier package (it is emptied). */
function checkOut(/** @type {string} */ out, /** @type {string | undefined} */ prebuilt) {
  if (isInside(ROOT, out)) throw new Refusal(`输出文件夹不能是项目目录或其上级：${rel(out)} / the output folder cannot be the project or a folder above it: ${rel(out)}`);
  if (prebuilt && out !== prebuilt && (isInside(out, prebuilt) || isInside(prebuilt, out))) {
    throw new Refusal(`输出文件夹与 --prebuilt 文件夹不能互相包含 / the output folder and the --prebuilt folder cannot contain each other: ${rel(out)}, ${rel(prebuilt)}`);
  }
  if (!fs.existsSync(out)) return;
  if (!fs.statSync(out).isDirectory()) throw new Refusal(`${rel(out)} 是一个文件，不是文件夹 / ${rel(out)} is a file, not a folder`);
  const entries = fs.readdirSync(out);
  const earlier = ['manifest.xml', 'taskpane.html'].every((f) => entries.includes(f));
  if (out !== DIST && entries.length > 0 && !earlier) {
    throw new Refusal(`输出文件夹 ${rel(out)} 中已有其他文件，不会清空它：请换一个新的或空的文件夹 / ${rel(out)} already holds other files and will not be emptied: choose a new or empty folder`);
  }
}

/** Refuses a folder that is not a production build (missing, or a development build that still loads localhost). */
function checkPrebuilt(/** @type {string} */ dir) {
  const missing = BUILD_FILES.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length > 0) {
    throw new Refusal(`${rel(dir)} 不是完整的构建（缺少 ${missing.join('、')}）：先运行 npm run build，或去掉 --prebuilt / ${rel(dir)} is not a complete build (no ${missing.join(', ')}): run npm run build first, or drop --prebuilt`);
  }
  if (fs.readFileSync(path.join(dir, 'manifest.xml'), 'utf8').includes('localhost')) {
    throw new Refusal(`${rel(dir)} 是开发构建（npm start / build:dev），不能部署：先运行 npm run build，或去掉 --prebuilt / ${rel(dir)} is a development build (npm start / build:dev), not for deployment: run npm run build first, or drop --prebuilt`);
  }
}

/** The newest modification time under dir (ms). */
function newest(/** @type {string} */ dir) {
  return filesUnder(dir).reduce((t, f) => Math.max(t, fs.statSync(path.join(dir, f)).mtimeMs), 0);
}

/** Runs webpack's production build into out, with the manifest rewritten for url. */
function build(/** @type {string} */ out, /** @type {string} */ url) {
  process.stderr.write('正在构建（webpack 生产模式，约 1–2 分钟）… / building (webpack, production mode, about 1–2 minutes)…\n');
  const cli = require.resolve('webpack-cli/bin/cli.js');
  const r = spawnSync(process.execPath, [cli, '--mode', 'production', '--env', `outDir=${out}`], {
    cwd: ROOT,
    env: { ...process.env, CSAT_ADDIN_URL: url },
    // webpack's report goes to stderr: stdout carries only where the package is and what next.
    stdio: ['ignore', 2, 2],
  });
  if (r.status !== 0) throw new Refusal(`构建失败（见上方 webpack 的输出）/ the build failed (see webpack's output above)`);
}

/** The manifest's URLs (attribute values and element text), in document order. */
function manifestUrls(/** @type {string} */ xml) {
  return xml.match(/https?:\/\/[^\s"'<>()]+/g) ?? [];
}

/** Checks the filled folder: no localhost, every file the manifest names present. */
function checkPackage(/** @type {string} */ out, /** @type {string} */ url) {
  const local = filesUnder(out).filter((f) => HOST_FILES.has(path.extname(f)) && fs.readFileSync(path.join(out, f), 'utf8').includes('localhost'));
  if (local.length > 0) throw new Refusal(`这些文件仍指向 localhost / these files still name localhost: ${local.join(', ')}`);
  const xml = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
  const named = [...new Set(manifestUrls(xml).filter((u) => u.startsWith(url) && u.length > url.length).map((u) => decodeURIComponent(u.slice(url.length))))];
  const missing = named.filter((f) => !fs.existsSync(path.join(out, f)));
  if (missing.length > 0) throw new Refusal(`清单引用的文件不在文件夹中 / the manifest names files the folder lacks: ${missing.join(', ')}`);
}

/** Validates out/manifest.xml against the manifest XSDs; false when xmllint (or bash) cannot run here. */
function validate(/** @type {string} */ manifest) {
  const r = spawnSync('bash', [VALIDATE, manifest], { encoding: 'utf8' });
  if (r.error || r.status === 2) return false;
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Refusal(`清单未通过架构校验（xmllint 的说明见上）/ the manifest fails schema validation (xmllint says where, above): ${rel(manifest)}`);
  }
  return true;
}

function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      out: { type: 'string' },
      prebuilt: { type: 'string' },
      'skip-validation': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 14).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
    return;
  }
  const url = addinUrl(values.url ?? process.env.CSAT_ADDIN_URL);
  const given = (values.url ?? process.env.CSAT_ADDIN_URL ?? '').trim();
  if (given !== url) process.stderr.write(`网址按 ${url} 使用 / using the URL as ${url}\n`);
  const out = path.resolve(values.out ?? DIST);
  const prebuilt = values.prebuilt === undefined ? undefined : path.resolve(values.prebuilt);
  if (prebuilt) checkPrebuilt(prebuilt);
  checkOut(out, prebuilt);

  if (prebuilt) {
    if (prebuilt === DIST && newest(path.join(ROOT, 'src')) > fs.statSync(path.join(DIST, 'taskpane.html')).mtimeMs) {
      process.stderr.write('注意：src/ 在上次 npm run build 之后有改动，dist/ 可能不是最新 / note: src/ changed after the last npm run build; dist/ may be out of date\n');
    }
    if (out !== prebuilt) {
      fs.rmSync(out, { recursive: true, force: true });
      fs.cpSync(prebuilt, out, { recursive: true });
    }
  } else {
    build(out, url);
  }
  const manifest = path.join(out, 'manifest.xml');
  let xml;
  try {
    xml = productionManifest(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'), url);
  } catch (e) {
    throw new Refusal(/** @type {Error} */ (e).message);
  }
  fs.writeFileSync(manifest, xml);
  checkPackage(out, url);
  const validated = values['skip-validation'] ? false : validate(manifest);
  if (!validated && !values['skip-validation']) {
    throw new Refusal(`无法在此校验清单：需要 bash 和 xmllint（Debian/Ubuntu：apt-get install libxml2-utils），或加 --skip-validation 后在别处运行 npm run validate / cannot validate the manifest here: needs bash and xmllint (Debian/Ubuntu: apt-get install libxml2-utils), or add --skip-validation and validate elsewhere`);
  }

  const version = xml.slice(xml.indexOf('<Version>') + '<Version>'.length, xml.indexOf('</Version>'));
  const pkgVersion = require('../package.json').version;
  if (!version.startsWith(`${pkgVersion}.`)) {
    process.stderr.write(`注意：清单版本 ${version} 与 package.json 的 ${pkgVersion} 不一致 / note: the manifest's version ${version} differs from package.json's ${pkgVersion}\n`);
  }
  const lines = [
    `加载项部署文件夹已就绪 / the add-in package is ready: ${out}`,
    `  清单 / manifest: ${manifest}（版本 / version ${version}${validated ? '，已通过校验 / validated' : '，未校验 / NOT validated'}）`,
    `  网址 / URL: ${url}`,
    '下一步 / next:',
    `  1. 把该文件夹中的全部文件原样复制到 HTTPS 服务器，使 ${url}taskpane.html 可以打开`,
    `     copy every file of the folder, as it is, to the HTTPS server so that ${url}taskpane.html opens`,
    '  2. 在浏览器中打开该网址：应出现任务窗格（独立模式）/ open it in a browser: the pane appears (standalone mode)',
    '  3. 把 manifest.xml 交给用户：Microsoft 365 管理中心 › 设置 › 集成应用 › 上传自定义应用（或 SharePoint 应用目录、共享文件夹目录）',
    '     hand manifest.xml to users: Microsoft 365 admin center › Settings › Integrated apps › Upload custom apps (or a SharePoint app catalog, a shared-folder catalog)',
    `  详细步骤与更新方法 / step by step, and how updates reach users: ${path.join(ROOT, 'docs', 'deploy.md')}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

try {
  main();
} catch (e) {
  if (e instanceof Refusal || e instanceof AddinUrlError) {
    process.stderr.write(`${e.message}\n`);
  } else if (e && /** @type {{ code?: string }} */ (e).code && String(/** @type {{ code?: string }} */ (e).code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`参数有误（npm run package -- --help）/ bad arguments (npm run package -- --help): ${/** @type {Error} */ (e).message}\n`);
  } else {
    throw e;
  }
  process.exitCode = 1;
}
