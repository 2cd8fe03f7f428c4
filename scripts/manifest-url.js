// @ts-check
// The address the add-in is served from in production, and the manifest that points at it. Shared by
// webpack.config.js (production builds copy manifest.xml into the output through productionManifest)
// and scripts/package.js (npm run package), so both rewrite the manifest the same way.
const DEV_BASE = 'https://localhost:3000';

/** A URL the add-in cannot be served from; the message is one line, zh-CN then en-US. */
class AddinUrlError extends Error {}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);

/**
 * The folder URL the add-in is served from, normalised: https, no user, query or fragment, repeated
 * slashes collapsed, one trailing slash (`https://intranet.example/csat` → `https://intranet.example/csat/`).
 * Throws an AddinUrlError for anything else.
 * @param {string | undefined} text
 * @returns {string}
 */
function addinUrl(text) {
  const given = String(text ?? '').trim();
  /** @returns {never} */
  const refuse = (/** @type {string} */ zh, /** @type {string} */ en) => {
    throw new AddinUrlError(`${zh}：${given} / ${en}: ${given}`);
  };
  if (!given) {
    throw new AddinUrlError('需要加载项所在的网址：npm run package -- --url https://服务器/路径/（或环境变量 CSAT_ADDIN_URL）/ the add-in URL is needed: npm run package -- --url https://server/path/ (or CSAT_ADDIN_URL)');
  }
  /** @type {URL} */
  let url;
  try {
    url = new URL(given);
  } catch {
    refuse('不是有效的网址', 'not a URL');
  }
  if (url.protocol !== 'https:') refuse('网址必须以 https:// 开头（Office 只从 HTTPS 加载加载项）', 'the URL must start with https:// (Office loads add-ins over HTTPS only)');
  if (url.username || url.password) refuse('网址中不能含用户名或密码', 'the URL must not carry a user name or password');
  if (url.search || url.hash || given.includes('?') || given.includes('#')) refuse('网址不能带查询串（?）或片段（#），只写文件夹', 'the URL must not have a query (?) or a fragment (#): the folder only');
  if (LOCAL_HOSTS.has(url.hostname) || url.hostname.endsWith('.localhost') || url.hostname.startsWith('127.')) {
    refuse('网址不能指向本机（localhost）：每台电脑都会在自己身上找任务窗格', 'the URL must not be this computer (localhost): every computer would look for the pane on itself');
  }
  let pathname = url.pathname.split('/').filter((s) => s !== '').join('/');
  pathname = pathname ? `/${pathname}/` : '/';
  const last = pathname.split('/').at(-2) ?? '';
  if (/\.(?:html?|xml|json|js|aspx)$/i.test(last)) refuse('请给出存放文件的文件夹的网址，而不是某个文件', "give the URL of the folder that holds the files, not of a file");
  // The URL goes into the manifest's XML as it is: `&` would need escaping there.
  if (pathname.includes('&')) refuse('网址中的 & 请写成 %26', 'write & as %26 in the URL');
  return `${url.protocol}//${url.host}${pathname}`;
}

/**
 * manifest.xml with every dev URL rewritten for `base` (a URL from addinUrl): `https://localhost:3000/x`
 * becomes `base` + `x`, and the AppDomain (an origin, never a path) becomes base's origin. Throws if
 * anything still names localhost, so a new kind of dev URL in the manifest cannot slip into a release.
 * @param {string} xml
 * @param {string} base
 * @returns {string}
 */
function productionManifest(xml, base) {
  const origin = new URL(base).origin;
  const out = xml.replaceAll(`<AppDomain>${DEV_BASE}</AppDomain>`, `<AppDomain>${origin}</AppDomain>`).replaceAll(`${DEV_BASE}/`, base);
  if (out.includes('localhost')) {
    throw new Error('manifest.xml 改写后仍有 localhost 地址（scripts/manifest-url.js 的改写规则需要更新）/ manifest.xml still names localhost after the rewrite (update scripts/manifest-url.js)');
  }
  return out;
}

module.exports = { DEV_BASE, AddinUrlError, addinUrl, productionManifest };
