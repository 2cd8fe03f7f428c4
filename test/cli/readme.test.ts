/**
 * README says what the product does (issue 11, item 6): one account of how `score` picks its sheet
 * (zh, en and the CLI's help agree), Chromium in both e2e package lists, one account of `npm start`
 * on Linux, `PORT` documented with the server's own message, and the CLI behaviours of item 5.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const [zh, en] = readme.split('\n## English\n');

describe('README', () => {
  it('has two halves', () => {
    expect(zh.length).toBeGreaterThan(1000);
    expect(en.length).toBeGreaterThan(1000);
  });

  it('describes how score picks its sheet once, in both languages and in the help', () => {
    expect(zh).toMatch(/`score` 不指定 `--sheet` 时使用加载项创建的 `调查数据`（按标记查找），否则第一个含表4-1 表头的工作表/);
    expect(en).toMatch(/Without `--sheet` the add-in's 调查数据 \(found by its mark\) is scored, else the first sheet with a\s+Table 4-1 header/);
    expect(en).not.toMatch(/Without `--sheet` the first sheet/);
    const help = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), 'score', '--help'], { encoding: 'utf8' }).stdout;
    expect(help.replace(/\s+/g, ' ')).toMatch(/默认：加载项创建的"调查数据"，否则第一个含表4-1 表头的工作表/);
  });

  it('lists chromium among the e2e packages in both languages', () => {
    expect(zh).toMatch(/`apt-get install libreoffice-calc poppler-utils fonts-noto-cjk chromium`/);
    expect(en).toMatch(/`libreoffice-calc poppler-utils fonts-noto-cjk chromium`/);
  });

  it('gives one account of npm start on Linux: it serves the pane in standalone mode', () => {
    expect(readme).not.toMatch(/build:dev` 构建、\s*由任意 HTTPS 静态服务器提供/);
    expect(readme).not.toMatch(/on Linux, build and serve\s+`dist\/` over HTTPS/);
    expect(zh).toMatch(/Linux 上没有桌面版 Excel：`npm start` 以独立模式提供任务窗格/);
    expect(en).toMatch(/on Linux `npm start` serves the pane in\s+standalone mode/);
    expect(zh).toMatch(/`npm run dev-server`/);
    expect(en).toMatch(/`dev-server` script/);
  });

  it('documents PORT with the message the server prints', () => {
    expect(zh).toMatch(/`PORT=3001 npm start`/);
    expect(zh).toContain('"端口 3000 已被占用（换一个端口：PORT=3001 npm start）"');
    // The same words as scripts/serve-dist.js prints.
    expect(readFileSync(path.join(root, 'scripts/serve-dist.js'), 'utf8')).toContain('端口 ${port} 已被占用（换一个端口：PORT=${other} ${command}）');
    expect(en).toMatch(/`PORT`, default\s+3000/);
  });

  it('documents repeatable --history, the global csat command and the no-arguments behaviour', () => {
    expect(zh).toContain('[--history 文件]…');
    expect(zh).not.toContain('[--history 文件…]');
    expect(en).toContain('[--history FILE]…');
    expect(zh).toMatch(/^npm link\s+# /m);
    expect(en).toMatch(/`npm link` \(or `npm install -g \.`\)/);
    expect(zh).toMatch(/不带任何参数运行 `csat` 时按 commander 的惯例把帮助输出到 stderr、退出码 1/);
  });
});
