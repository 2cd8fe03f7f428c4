/** Every string the pane shows, one catalogue per language: zh-CN first, en-US second. */
import type { Locale } from '../domain';

/** What the sample-size detail line reads: the quarter's n and 结论, and the needs estimated from `basis`. */
export interface SampleDetail {
  readonly n: number;
  /** The quarter's overall, formatted ("86.00%"); null: none. */
  readonly overall: string | null;
  /** The quarter's 结论: above 达标, below 未达标. */
  readonly side: 'above' | 'below' | null;
  readonly halfWidth: string;
  readonly forHalfWidth: number | null;
  /** n to call `side`. */
  readonly forTarget: number | null;
  /** The quarter the needs are estimated from. */
  readonly basis?: string;
  /** The quarter's own 95% interval spans the target (then too few whatever the n). */
  readonly spans?: boolean;
}

export const STRINGS = {
  'zh-CN': {
    appTitle: '客户满意度 CSAT',
    appSubtitle: '依据《客户满意度调查管理制度》XDYJ-04-03',
    standaloneNote: '独立模式：在浏览器中打开工作簿，操作后下载新工作簿（原文件不变）。',
    open: '打开工作簿',
    download: '下载工作簿',
    noWorkbook: '请先打开一个 .xlsx 工作簿。',
    opened: (name: string, sheets: number) => `已打开 ${name}（${sheets} 个工作表）`,
    notXlsx: (name: string) => `${name} 不是 .xlsx 工作簿，无法打开。请选择 Excel 工作簿（.xlsx）。`,
    tooLarge: (name: string, mb: string, max: number) => `${name} 有 ${mb} MB，超过独立模式的上限 ${max} MB；请在 Excel 中使用加载项，或拆分工作簿。`,
    unreadable: (name: string, why: string) => `无法读取 ${name}：${why}`,
    downloaded: (name: string) => `已下载 ${name}`,
    survey: '调查',
    template: '评分模板',
    templateBuiltin: '内置表4-1',
    templateWorkbook: '工作簿中的"评分模板"',
    generateSurvey: '生成调查表',
    validate: '校验数据',
    validateOk: (n: number) => `数据有效：${n} 份答卷，没有无效答案。`,
    validateProblems: (n: number) => `发现 ${n} 个问题，请修改下列单元格：`,
    undatedProblem: '调查日期无法识别',
    futureProblem: (today: string) => `调查日期晚于今天 ${today}`,
    analysis: '分析',
    period: '统计期间',
    groupBy: '交叉分组',
    latest: '（最近）',
    afterToday: '（晚于今天）',
    generateReport: '生成分析报告',
    updateTrend: '更新趋势',
    noData: '工作簿中还没有调查数据：请先"生成调查表"并录入答卷。',
    working: '正在处理…',
    cancel: '取消',
    cancelled: '已取消，工作簿未作改动。',
    done: '完成',
    error: '出错了',
    goTo: '定位',
    previewTitle: (p: string) => `${p} 关键数据`,
    overall: '总体满意度',
    target: '目标',
    respondents: '有效样本',
    interval: '95% 置信区间',
    weakest: '最低的项目',
    loop: '改进与验证',
    generateActions: '生成纠正预防措施',
    comm: '客户沟通',
    generateCommSheets: '生成沟通计划表',
    generateCommReport: '生成沟通分析报告',
    toTracker: '需改进事项加入纠正预防措施跟踪表',
    importTitle: '导入',
    chooseExport: '选择导出文件',
    importFormat: '格式',
    formatAuto: '自动识别',
    mappingTitle: (file: string, fmt: string, n: number) => `${file}（${fmt}，${n} 行）的对应关系：`,
    notImported: '（不导入）',
    importConfirm: '导入到调查数据',
    archiveTitle: '归档',
    archivePassword: '保护密码（可选）',
    archive: '归档准备',
    met: '达标',
    notMet: '未达标',
    listSep: '、',
    colon: '：',
    tabs: '工作',
    tabSurvey: '调查',
    tabAnalysis: '分析',
    tabImprove: '改进',
    tabComm: '沟通',
    tabImportArchive: '导入归档',
    actFirstTitle: '先改进什么',
    actTop: '提升潜力最大的项目（单项达到目标时总体提高）',
    actGain: (item: string, points: string, satisfaction: string) => `${item}：+${points} 个百分点（现为 ${satisfaction}）`,
    actNoGap: '所有项目都已达到目标。',
    actReach: (items: string, overall: string) => `只需 ${items} 达到目标，总体即可达标（${overall}）。`,
    actUnreachable: '即使所有项目都达到目标，总体仍低于目标（部分受访者未答全部项目）。',
    actFix: '修补区（重要且低于目标，先改进）',
    actFixNone: '没有修补区项目。',
    actSampleDetail: (d: SampleDetail) => {
      const called = d.side === 'below' ? '未达标' : '达标';
      const head = `本季度 ${d.n} 份${d.overall !== null && d.side !== null ? `，总体 ${d.overall}（${called}）` : ''}`;
      const needs = [
        d.forHalfWidth !== null ? `置信区间达到 ±${d.halfWidth} 个百分点需 ${d.forHalfWidth} 份` : '',
        d.forTarget !== null && d.side !== null ? `判定${called}需 ${d.forTarget} 份` : '',
      ].filter(Boolean);
      const from = d.basis ? `按 ${d.basis} 的答卷` : '';
      const spans = d.spans ? '；本季度 95% 置信区间跨过目标' : '';
      return `${head}；${needs.length > 0 ? `${from ? `${from}估算，` : ''}${needs.join('，')}` : `${from}无法估计所需样本`}${spans}。`;
    },
  },
  'en-US': {
    appTitle: 'CSAT for Excel',
    appSubtitle: 'Per policy XDYJ-04-03 (customer satisfaction surveys)',
    standaloneNote: 'Standalone mode: open a workbook in the browser, act on it, then download a new workbook (the original is untouched).',
    open: 'Open workbook',
    download: 'Download workbook',
    noWorkbook: 'Open an .xlsx workbook first.',
    opened: (name: string, sheets: number) => `Opened ${name} (${sheets} sheets)`,
    notXlsx: (name: string) => `${name} is not an .xlsx workbook. Choose an Excel workbook (.xlsx).`,
    tooLarge: (name: string, mb: string, max: number) => `${name} is ${mb} MB, over the standalone limit of ${max} MB; use the add-in in Excel, or split the workbook.`,
    unreadable: (name: string, why: string) => `Cannot read ${name}: ${why}`,
    downloaded: (name: string) => `Downloaded ${name}`,
    survey: 'Survey',
    template: 'Template',
    templateBuiltin: 'Built-in Table 4-1',
    templateWorkbook: 'The workbook\'s 评分模板',
    generateSurvey: 'Generate survey sheets',
    validate: 'Check data',
    validateOk: (n: number) => `Data valid: ${n} responses, no invalid answer.`,
    validateProblems: (n: number) => `${n} problems found; fix these cells:`,
    undatedProblem: 'unreadable survey date',
    futureProblem: (today: string) => `survey date after today ${today}`,
    analysis: 'Analysis',
    period: 'Period',
    groupBy: 'Group by',
    latest: ' (latest)',
    afterToday: ' (after today)',
    generateReport: 'Generate report',
    updateTrend: 'Update trend',
    noData: 'The workbook has no survey data yet: generate the survey sheets and enter responses first.',
    working: 'Working…',
    cancel: 'Cancel',
    cancelled: 'Cancelled; the workbook was not changed.',
    done: 'Done',
    error: 'Error',
    goTo: 'Go to',
    previewTitle: (p: string) => `${p} at a glance`,
    overall: 'Overall satisfaction',
    target: 'Target',
    respondents: 'Respondents',
    interval: '95% interval',
    weakest: 'Weakest items',
    loop: 'Improvement & verification',
    generateActions: 'Track corrective actions',
    comm: 'Customer communication',
    generateCommSheets: 'Create communication sheets',
    generateCommReport: 'Analyse communication',
    toTracker: 'Send improvement requests to the action tracker',
    importTitle: 'Import',
    chooseExport: 'Choose an export',
    importFormat: 'Format',
    formatAuto: 'Detect',
    mappingTitle: (file: string, fmt: string, n: number) => `${file} (${fmt}, ${n} rows) maps as:`,
    notImported: '(not imported)',
    importConfirm: 'Import into 调查数据',
    archiveTitle: 'Archive',
    archivePassword: 'Protection password (optional)',
    archive: 'Prepare for archiving',
    met: 'target met',
    notMet: 'target not met',
    listSep: ', ',
    colon: ': ',
    tabs: 'Jobs',
    tabSurvey: 'Survey',
    tabAnalysis: 'Analysis',
    tabImprove: 'Improve',
    tabComm: 'Communication',
    tabImportArchive: 'Import & archive',
    actFirstTitle: 'Where to act first',
    actTop: 'Largest improvement potential (overall gain if the item alone reached the target)',
    actGain: (item: string, points: string, satisfaction: string) => `${item}: +${points} points (now ${satisfaction})`,
    actNoGap: 'Every item meets the target.',
    actReach: (items: string, overall: string) => `Bringing just ${items} to the target lifts the overall to the target (${overall}).`,
    actUnreachable: 'Even with every item at the target the overall stays below it (some respondents skipped items).',
    actFix: 'Fix first (important, below target)',
    actFixNone: 'No item to fix first.',
    actSampleDetail: (d: SampleDetail) => {
      const called = d.side === 'below' ? 'missed' : 'met';
      const head = `${d.n} responses this quarter${d.overall !== null && d.side !== null ? `, overall ${d.overall} (target ${called})` : ''}`;
      const needs = [
        d.forHalfWidth !== null ? `±${d.halfWidth} points needs ${d.forHalfWidth}` : '',
        d.forTarget !== null && d.side !== null ? `calling the target ${called} needs ${d.forTarget}` : '',
      ].filter(Boolean);
      const from = d.basis ? ` from ${d.basis}'s responses` : '';
      const spans = d.spans ? "; this quarter's 95% interval spans the target" : '';
      return `${head}; ${needs.length > 0 ? `${from ? `estimated${from}, ` : ''}${needs.join(', ')}` : `the needed responses cannot be estimated${from}`}${spans}.`;
    },
  },
} satisfies Record<Locale, Record<string, string | ((...args: never[]) => string)>>;

export type Strings = (typeof STRINGS)['zh-CN'];

/** en-US when the host language is English, zh-CN otherwise (the users are Chinese-speaking first). */
export function pickLocale(language: string | undefined): Locale {
  return language && /^en\b/i.test(language) ? 'en-US' : 'zh-CN';
}
