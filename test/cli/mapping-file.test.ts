/**
 * `--mapping FILE` and `--template FILE.json` through the built CLI (issue 19, part 6): a file whose
 * content is not what it should be — `null`, `[]`, `{"q": 5}`, `levels: [null]`, 20,000 items — is
 * refused in one line naming the file and the field, in the CLI's language; never a JavaScript
 * message ("Cannot read properties of null", "[object Object]", "not an A1 cell address").
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-mapping-'));
const csat = (lang: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8', cwd: tmp, env: { ...process.env, CSAT_LANG: lang, LANG: lang } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const file = (name: string, content: string) => {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
};

const exportCsv = file('export.csv', ['客户名称,调查日期,专业技术,态度', '甲,2026-03-05,满意,一般', '乙,2026-03-06,较满意,满意'].join('\n'));

describe('csat import --mapping', () => {
  const cases: [string, string, string, string][] = [
    ['null', 'null', '文件内容应为对象 {"问题": "评分项目", …}，而不是 null', 'The content should be an object {"question": "item", …}, not null'],
    ['an array', '[]', '文件内容应为对象 {"问题": "评分项目", …}，而不是数组', 'The content should be an object {"question": "item", …}, not an array'],
    ['a number target', '{"q": 5}', '["q"]：应为文字（评分项目或信息列的名称）或 null（不导入），而不是数字 5', '["q"]: expected text (an item or information column) or null (not imported), not the number 5'],
    ['an object target', '{"专业技术": {"item": "专业技术"}}', '["专业技术"]：应为文字（评分项目或信息列的名称）或 null（不导入），而不是对象', '["专业技术"]: expected text (an item or information column) or null (not imported), not an object'],
  ];
  it.each(cases)('%s is one line naming the file and the field, in zh and en', (_, content, zh, en) => {
    const mapping = file(`m-${Math.random().toString(36).slice(2)}.json`, content);
    const r = csat('zh_CN.UTF-8', 'import', exportCsv, '--mapping', mapping, '--dry-run');
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${mapping}：${zh}\n`);
    const e = csat('en_US.UTF-8', 'import', exportCsv, '--mapping', mapping, '--dry-run');
    expect(e.code).toBe(1);
    expect(e.err).toBe(`${mapping}: ${en}\n`);
  });

  it('a good mapping is used as saved', () => {
    const mapping = file('good.json', JSON.stringify({ 专业技术: '专业技术', 态度: null }));
    const r = csat('zh_CN.UTF-8', 'import', exportCsv, '--mapping', mapping, '--dry-run');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('专业技术 → 专业技术');
    expect(r.out).toContain('态度 → （不导入）');
  });
});

describe('csat survey --template FILE.json', () => {
  const refused = (name: string, content: unknown) => {
    const t = file(name, typeof content === 'string' ? content : JSON.stringify(content));
    const out = path.join(tmp, `${name}.xlsx`);
    const r = csat('zh_CN.UTF-8', 'survey', '--template', t, '--out', out);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    return { t, err: r.err };
  };

  it('levels:[null] is one line naming the file and levels[0]', () => {
    const { t, err } = refused('null-level.json', { levels: [null], items: [{ name: '甲', weight: 100 }] });
    expect(err).toBe(`${t}：levels[0]：应为对象 {"label": 名称, "score": 分值}，而不是 null\n`);
  });

  it('20,000 items: one line with the reason, no "not an A1 cell address"', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ name: `项${i}`, weight: 0.005 }));
    const { t, err } = refused('many.json', { levels: [{ label: '好', score: 100 }], items });
    expect(err).toBe(`${t}：items：评分项目有 20000 个，超过上限 16368 个（调查数据每个项目占一列，另有 16 列客户信息、意见与建议、来源编号和实时汇总，Excel 工作表最多 16,384 列）\n`);
  });

  it('a level label with " is refused naming levels[0].label and why', () => {
    const { err } = refused('quote.json', { levels: [{ label: '好"&A1&"', score: 100 }, { label: '差', score: 0 }], items: [{ name: '甲', weight: 100 }] });
    expect(err).toMatch(/^levels\[0\]\.label：满意度等级"好"&A1&""含英文双引号 "，会截断调查数据下拉列表的来源/);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('a JSON syntax error says where, and a BOM is no error', () => {
    const { t, err } = refused('syntax.json', '{\n  "levels": [\n    {"label": "好",}\n  ]\n}');
    expect(err).toMatch(new RegExp(`^${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 不是有效的 JSON：第 3 行第 \\d+ 列附近有语法错误\\n$`));
    const bom = file('bom.json', `\uFEFF${JSON.stringify({ levels: [{ label: '好', score: 100 }, { label: '差', score: 0 }], items: [{ name: '甲', weight: 100 }] })}`);
    const r = csat('zh_CN.UTF-8', 'survey', '--template', bom, '--out', path.join(tmp, 'bom.xlsx'));
    expect(r.err).toBe('');
    expect(r.out).toContain('模板：bom');
  });
});
