/** `csat survey` and `csat demo` end to end through the built CLI. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { expectValidXlsx } from '../helpers/validate-xlsx';

const root = path.join(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-survey-'));

function csat(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8', cwd: tmp, env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Opens a file the CLI wrote, after checking it is valid OOXML. */
const open = (file: string) => {
  expectValidXlsx(file);
  return XlsxGateway.open(readFileSync(file));
};

describe('csat survey', () => {
  it('writes a new survey workbook with the four owned sheets', async () => {
    const out = path.join(tmp, 'survey.xlsx');
    const r = csat('survey', '--out', out, '--year', '2027');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已写入');
    const gw = await open(out);
    expect((await gw.listSheets()).map((s) => s.owner)).toEqual(['template', 'responses', 'form', 'survey_plan']);
    expect((await gw.readRange('调查方案', 'B3'))[0][0]).toBe('2027年度客户满意度调查');
  });

  it('refuses to replace an existing file without --force, and leaves it intact', () => {
    const out = path.join(tmp, 'keep.xlsx');
    writeFileSync(out, 'precious');
    const r = csat('survey', '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${out} 已存在；如需覆盖请加 --force\n`);
    expect(readFileSync(out, 'utf8')).toBe('precious');
    expect(csat('survey', '--out', out, '--force').code).toBe(0);
    expectValidXlsx(out);
  });

  it('takes a JSON template, and reports every fault of a bad one with its place', () => {
    const good = path.join(tmp, 'good.json');
    writeFileSync(good, JSON.stringify({ name: '两项模板', levels: [{ label: '好', score: 100 }, { label: '差', score: 0 }], items: [{ name: '甲', weight: 40 }, { name: '乙', weight: 60 }] }));
    expect(csat('survey', '--template', good, '--out', path.join(tmp, 'custom.xlsx')).out).toContain('模板：两项模板');
    expectValidXlsx(path.join(tmp, 'custom.xlsx'));
    const bad = path.join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ levels: [{ label: '好', score: 100 }, { label: '好', score: 0 }], items: [{ name: '甲', weight: 40 }, { name: '甲', weight: 50 }] }));
    const r = csat('survey', '--template', bad, '--out', path.join(tmp, 'never.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([
      'levels[1].label：满意度等级"好"重复',
      'items[1].name：评分项目"甲"重复',
      'items[*].weight：权重合计为 90，应为 100',
    ]);
    expect(existsSync(path.join(tmp, 'never.xlsx'))).toBe(false);
  });

  it('takes the 评分模板 of another workbook', async () => {
    const src = path.join(tmp, 'custom.xlsx');
    const r = csat('survey', '--template', src, '--out', path.join(tmp, 'from-workbook.xlsx'));
    expect(r.code).toBe(0);
    const header = (await (await open(path.join(tmp, 'from-workbook.xlsx'))).readRange('调查数据', 'G1:H1'))[0];
    expect(header).toEqual(['甲', '乙']);
  });

  it('leaves no temporary file behind', () => {
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('csat demo', () => {
  it('writes the demo workbook and scores it; csat score reads its 调查数据', () => {
    const out = path.join(tmp, 'demo.xlsx');
    const r = csat('demo', '--out', out);
    expect(r.code).toBe(0);
    expectValidXlsx(out);
    expectValidXlsx(path.join(tmp, 'demo-archive.xlsx')); // the demo's archive copy
    const m = /（全年）的总体满意度 (\d+\.\d\d)%/.exec(r.out);
    expect(m).not.toBeNull();
    const score = JSON.parse(csat('score', out, '--json').out);
    expect((score.overall * 100).toFixed(2)).toBe(m![1]);
    expect(score.respondents).toBeGreaterThan(120);
  });
});
