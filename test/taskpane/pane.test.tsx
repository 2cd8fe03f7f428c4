/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 *
 * The pane's components against a real in-memory workbook gateway (the .xlsx package editor) wrapped to observe it:
 * accessible names, both languages, progress and outcome messages, errors naming cells, clicks
 * that select a cell in Excel, and nothing written when a job is cancelled or fails. The jobs sit
 * in five tabs (each job one click away); the last tab is remembered, also when storage throws.
 */
import { TextDecoder, TextEncoder } from 'node:util';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TABLE_4_1, type Locale } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import type { WorkbookPlan } from '../../src/plan';
import { sampleResponses } from '../../src/sample/sample-data';
import { App } from '../../src/taskpane/App';
import type { WorkbookHost } from '../../src/taskpane/host';
import { reopen, setCells } from '../helpers/xlsx';

// jsdom has no TextDecoder/TextEncoder (every browser the pane runs in has them); the package editor reads parts with them.
Object.assign(globalThis, { TextDecoder, TextEncoder });

class ObservedGateway extends XlsxGateway {
  renders: WorkbookPlan[] = [];
  gate?: Promise<void>;
  override async render(plan: WorkbookPlan, onProgress?: Parameters<XlsxGateway['render']>[1]): Promise<void> {
    this.renders.push(plan);
    return super.render(plan, onProgress);
  }
  override async listSheets() {
    if (this.gate) await this.gate;
    return super.listSheets();
  }
}

/** The survey workbook with data, `edits` typed into it by a user (before the pane observes it). */
async function workbookWithData(edits: Record<string, Parameters<typeof setCells>[2]> = {}): Promise<ObservedGateway> {
  const base = XlsxGateway.empty();
  await generateSurveyWorkbook(base, { responses: sampleResponses(TABLE_4_1).rows });
  for (const [sheet, cells] of Object.entries(edits)) await setCells(base, sheet, cells);
  return new ObservedGateway((await reopen(base)).pkg);
}

function renderPane(host: WorkbookHost, locale: Locale = 'zh-CN') {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} locale={locale} />
    </FluentProvider>,
  );
}

// The pane inspects the workbook when it mounts, asynchronously. Waits give up only when something
// hangs (just under jest's own 60 s), never because a loaded machine is slow.
const HANG = 55_000;
configure({ asyncUtilTimeout: HANG });

/** Opens a tab of the pane by its name. */
const openTab = (name: string) => fireEvent.click(screen.getByRole('tab', { name }));

/** The tabs, in order, by their accessible names (what a screen reader reads). */
const expectTabs = (names: string[]) => expect(screen.getAllByRole('tab')).toEqual(names.map((name) => screen.getByRole('tab', { name })));

/** Every tab starts unremembered. */
beforeEach(() => localStorage.clear());

describe('task pane', () => {
  it('names every button for screen readers, in zh-CN, each job one tab click away', async () => {
    renderPane({ mode: 'excel', gateway: await workbookWithData() });
    expect(screen.getByRole('tablist', { name: '工作' })).toBeTruthy();
    expectTabs(['调查', '分析', '改进', '沟通', '导入归档']);
    const jobs: Record<string, { regions: string[]; buttons: string[] }> = {
      调查: { regions: ['调查'], buttons: ['生成调查表', '校验数据'] },
      分析: { regions: ['分析'], buttons: ['生成分析报告', '更新趋势'] },
      改进: { regions: ['改进与验证'], buttons: ['生成纠正预防措施'] },
      沟通: { regions: ['客户沟通'], buttons: ['生成沟通计划表', '生成沟通分析报告'] },
      导入归档: { regions: ['导入', '归档'], buttons: ['选择导出文件', '导入到调查数据', '归档准备'] },
    };
    for (const [tab, { regions, buttons }] of Object.entries(jobs)) {
      openTab(tab);
      const panel = screen.getByRole('tabpanel');
      expect(panel.getAttribute('aria-labelledby')).toBe(screen.getByRole('tab', { name: tab, selected: true }).id);
      for (const name of regions) expect(within(panel).getByRole('region', { name })).toBeTruthy();
      for (const name of buttons) expect(within(panel).getByRole('button', { name })).toBeTruthy();
      // The other tabs' panels are out of the way (hidden, also from screen readers).
      const panels = screen.getAllByRole('tabpanel', { hidden: true });
      expect(panels).toHaveLength(5);
      expect(panels.filter((p) => p !== panel).every((p) => p.hidden)).toBe(true);
    }
    expect(screen.queryByRole('button', { name: '打开工作簿' })).toBeNull(); // inside Excel there is no file to open
  });

  it('remembers the last tab for the next time the pane opens', async () => {
    const gateway = await workbookWithData();
    const first = renderPane({ mode: 'excel', gateway });
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('调查'); // nothing remembered yet
    openTab('沟通');
    first.unmount();
    renderPane({ mode: 'excel', gateway });
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('沟通');
    expect(screen.getByRole('button', { name: '生成沟通计划表' })).toBeTruthy();
  });

  it('works where storage throws (starts on the first tab; switching still works) or holds a stale value', async () => {
    const gateway = await workbookWithData();
    localStorage.setItem('csat.pane.tab', 'no-such-tab');
    const stale = renderPane({ mode: 'excel', gateway });
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('调查');
    stale.unmount();
    const refuse = () => {
      throw new DOMException('storage is disabled', 'SecurityError');
    };
    const get = jest.spyOn(Storage.prototype, 'getItem').mockImplementation(refuse);
    const set = jest.spyOn(Storage.prototype, 'setItem').mockImplementation(refuse);
    try {
      renderPane({ mode: 'excel', gateway });
      expect(screen.getByRole('tab', { selected: true }).textContent).toBe('调查');
      openTab('分析');
      expect(screen.getByRole('button', { name: '生成分析报告' })).toBeTruthy();
      expect(set).toHaveBeenCalled();
    } finally {
      get.mockRestore();
      set.mockRestore();
    }
  });

  it('keeps the outcome message in view whichever tab is open', async () => {
    const gw = await workbookWithData({ 调查数据: { H12: '非常满意' } });
    renderPane({ mode: 'excel', gateway: gw });
    fireEvent.click(await screen.findByRole('button', { name: '校验数据' }));
    await screen.findByText("调查数据!H12 日常：'非常满意'");
    for (const tab of ['分析', '改进', '沟通', '导入归档']) {
      openTab(tab);
      expect(screen.getByText("调查数据!H12 日常：'非常满意'")).toBeTruthy();
    }
  });

  it('offers the quarters in the data, latest first, and writes the report', async () => {
    const gw = await workbookWithData();
    renderPane({ mode: 'excel', gateway: gw });
    openTab('分析');
    await waitFor(() => expect(screen.getByRole('combobox', { name: '统计期间' }).textContent).toBe('2026Q4（最近）'), { timeout: HANG });
    fireEvent.click(screen.getByRole('button', { name: '生成分析报告' }));
    const done = await screen.findByText(/已生成"分析报告-2026Q4"/, undefined, { timeout: HANG });
    expect(gw.renders.at(-1)!.sheets.map((s) => s.name)).toEqual(['分析报告-2026Q4', '趋势']);
    // 先改进什么, beside the report's figures in the 分析 tab: potential, 修补区 and the sample-size verdict.
    const summary = within(screen.getByRole('tabpanel')).getByRole('group', { name: '先改进什么' });
    expect(within(summary).getByTestId('act-top').textContent).toMatch(/^提升潜力最大.*(：\+\d+\.\d\d 个百分点|所有项目都已达到目标)/);
    expect(within(summary).getByTestId('act-fix').textContent).toMatch(/^修补区（重要且低于目标，先改进）/);
    // The sample sentence says 达标/未达标 exactly as the report's 结论 does.
    const called = /，(达标|未达标)）/.exec(done.textContent!)![1];
    expect(within(summary).getByTestId('act-sample').textContent).toMatch(new RegExp(`^(样本量足以判定${called}|样本不足，结论不稳)本季度 \\d+ 份，总体 \\d+\\.\\d\\d%（${called}）；按 2026Q3 的答卷估算`));
  });

  it('lists invalid cells after 校验数据, and 定位 selects the cell in Excel', async () => {
    const gw = await workbookWithData({ 调查数据: { H12: '非常满意' } });
    const selected: string[] = [];
    renderPane({ mode: 'excel', gateway: gw, select: async (c) => void selected.push(c) });
    fireEvent.click(await screen.findByRole('button', { name: '校验数据' }));
    await screen.findByText("调查数据!H12 日常：'非常满意'");
    fireEvent.click(screen.getByRole('button', { name: '定位 调查数据!H12' }));
    expect(selected).toEqual(['调查数据!H12']);
  });

  it('shows an error naming the cell, and writes nothing, when the template is bad', async () => {
    const gw = await workbookWithData({ 评分模板: { C5: 0 } });
    renderPane({ mode: 'excel', gateway: gw });
    openTab('分析');
    fireEvent.click(await screen.findByRole('button', { name: '生成分析报告' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("评分模板!C5：评分项目\"日常\"的权重 '0' 无效（应为正数）");
    expect(gw.renders).toEqual([]);
  });

  it('shows progress with a cancel button; cancelling writes nothing', async () => {
    const gw = await workbookWithData();
    renderPane({ mode: 'excel', gateway: gw });
    openTab('分析');
    await waitFor(() => expect(screen.getByRole('combobox', { name: '统计期间' }).textContent).toContain('2026Q4'), { timeout: HANG });
    let release!: () => void;
    gw.gate = new Promise((r) => (release = r));
    fireEvent.click(screen.getByRole('button', { name: '生成分析报告' }));
    expect((await screen.findByRole('status')).textContent).toContain('正在处理… 生成分析报告');
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    await act(async () => release());
    await screen.findByText('已取消，工作簿未作改动。');
    expect(gw.renders).toEqual([]);
  });

  it('closes the loop: 生成纠正预防措施 for the chosen quarter, 生成沟通计划表, 生成沟通分析报告', async () => {
    const gw = await workbookWithData();
    renderPane({ mode: 'excel', gateway: gw });
    // The quarter chosen under 分析 is the one 改进 works on.
    openTab('分析');
    await waitFor(() => expect(screen.getByRole('combobox', { name: '统计期间' }).textContent).toContain('2026Q4'), { timeout: HANG });
    openTab('改进');
    expect(screen.getByText('统计期间：2026Q4')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '生成纠正预防措施' }));
    await screen.findByText(/已在"纠正预防措施"新增 \d+ 条措施/);
    openTab('沟通');
    fireEvent.click(screen.getByRole('button', { name: '生成沟通计划表' }));
    await screen.findByText('已创建"年度客户沟通计划"');
    fireEvent.click(screen.getByRole('button', { name: '生成沟通分析报告' }));
    await screen.findByText(/已生成"客户沟通分析-\d{4}"/);
    expect((await gw.listSheets()).map((x) => x.owner)).toEqual(expect.arrayContaining(['actions', 'comm_plan', 'comm_records']));
  });

  it('speaks English when the host language is English', async () => {
    renderPane({ mode: 'standalone' }, 'en-US');
    expectTabs(['Survey', 'Analysis', 'Improve', 'Communication', 'Import & archive']);
    for (const name of ['Open workbook', 'Download workbook', 'Generate survey sheets', 'Check data']) expect(screen.getByRole('button', { name })).toBeTruthy();
    openTab('Analysis');
    expect((screen.getByRole('button', { name: 'Generate report' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('words an import refusal in the pane\'s language (en-US)', async () => {
    const gw = await workbookWithData();
    renderPane({ mode: 'excel', gateway: gw }, 'en-US');
    openTab('Import & archive');
    const file = new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])], 'answers.xls');
    // jsdom's File has no arrayBuffer(); every browser the pane runs in has it.
    Object.defineProperty(file, 'arrayBuffer', { value: async () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]).buffer });
    fireEvent.change(screen.getByTestId('export-input'), { target: { files: [file] } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('answers.xls is a legacy .xls: export .xlsx or .csv instead');
    expect(alert.textContent).not.toMatch(/[\u4e00-\u9fff]/);
    expect(gw.renders).toEqual([]);
  });

  it('words a missing communication plan in English for an en-US pane', async () => {
    const gw = await workbookWithData();
    renderPane({ mode: 'excel', gateway: gw }, 'en-US');
    openTab('Communication');
    fireEvent.click(await screen.findByRole('button', { name: 'Analyse communication' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The workbook has no "年度客户沟通计划" sheet: create the communication sheets first');
    expect(gw.renders).toEqual([]);
  });
});
