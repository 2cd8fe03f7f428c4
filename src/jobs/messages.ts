/**
 * What jobs tell their user afterwards, zh-CN and en-US: the jobs' chapter of the message
 * catalogue (built with the domain's `catalogue`, so every entry has both languages). Lists are
 * passed as arrays and joined the way each language writes a list.
 */
import { catalogue, formatPercent, phrase, type Message } from '../domain';

const zhList = (xs: readonly (string | number)[], sep = '、') => xs.join(sep);
const enList = (xs: readonly (string | number)[], sep = ', ') => xs.join(sep);
const verb = (refreshed: boolean) => ({ zh: refreshed ? '已更新' : '已生成', en: refreshed ? 'Refreshed' : 'Wrote' });

/** Survey dates after today, and what the report made of them (report-future). */
interface FutureDates {
  n: number;
  /** The first few, `cell date`. */
  examples: string[];
  today: string;
  period: string;
  /** How the period was chosen: asked for, or the default (up to today, or — nothing up to today — the latest). */
  choice: 'asked' | 'default' | 'latest';
  inPeriod: number;
  outside: number;
  outsideQuarters: string[];
}

export const say = catalogue({
  // Sheets (any job that writes owned sheets).
  'sheet-created': phrase(
    (p: { sheet: string }) => `已创建"${p.sheet}"`,
    (p) => `Created "${p.sheet}"`,
  ),
  'sheet-kept-edits': phrase(
    (p: { sheet: string }) => `已保留"${p.sheet}"（其中的数据和修改未改动）`,
    (p) => `Kept "${p.sheet}" (its data and edits untouched)`,
  ),
  'sheet-kept-rows': phrase(
    (p: { sheet: string }) => `已保留"${p.sheet}"（其中的数据未改动）`,
    (p) => `Kept "${p.sheet}" (its rows untouched)`,
  ),
  'sheet-refreshed': phrase(
    (p: { sheet: string }) => `已按当前模板更新"${p.sheet}"`,
    (p) => `Refreshed "${p.sheet}" from the current template`,
  ),
  'sheet-name-taken': phrase(
    (p: { taken: string; sheet: string }) => `工作表"${p.taken}"不是本加载项创建的，未作改动；新表命名为"${p.sheet}"`,
    (p) => `Sheet "${p.taken}" is not the add-in's and was left alone; the new sheet is "${p.sheet}"`,
  ),
  // 生成调查表
  'survey-header-lacks-items': phrase(
    (p: { sheet: string; items: string[] }) => `"${p.sheet}"的表头缺少评分项目：${zhList(p.items)}（可手动添加列）`,
    (p) => `The header of "${p.sheet}" lacks items: ${enList(p.items)} (add the columns by hand)`,
  ),
  'survey-header-mismatch': phrase(
    (p: { sheet: string }) => `"${p.sheet}"的第 1 行不是与评分模板一致的表头`,
    (p) => `Row 1 of "${p.sheet}" is not a header matching the template`,
  ),
  // 生成分析报告 / 更新趋势
  'report-written': phrase(
    (p: { refreshed: boolean; sheet: string; n: number; overall: number | null; target: number; verdict: '达标' | '未达标' | null }) =>
      `${verb(p.refreshed).zh}"${p.sheet}"：${p.n} 份答卷，总体满意度 ${formatPercent(p.overall)}（目标 ≥ ${formatPercent(p.target)}，${p.verdict ?? '—'}）`,
    (p) => `${verb(p.refreshed).en} "${p.sheet}": ${p.n} responses, overall ${formatPercent(p.overall)} (target ${formatPercent(p.target)}, ${p.verdict === null ? '—' : p.verdict === '达标' ? 'met' : 'not met'})`,
  ),
  'trend-written': phrase(
    (p: { refreshed: boolean; sheet: string; quarters: number }) => `${verb(p.refreshed).zh}"${p.sheet}"（${p.quarters} 个季度）`,
    (p) => `${verb(p.refreshed).en} "${p.sheet}" (${p.quarters} quarters)`,
  ),
  'report-name-taken': phrase(
    (p: { taken: string; sheet: string }) => `工作表"${p.taken}"不是本加载项创建的，未作改动；报告写入"${p.sheet}"`,
    (p) => `Sheet "${p.taken}" is not the add-in's and was left alone; wrote "${p.sheet}"`,
  ),
  'report-invalid': phrase(
    (p: { n: number; cell: string; item: string; value: string }) => `有 ${p.n} 个无效答案未计入（第一个：${p.cell} ${p.item} '${p.value}'），已列在报告中`,
    (p) => `${p.n} invalid answers were not scored (first: ${p.cell} ${p.item} '${p.value}'); listed in the report`,
  ),
  'report-future': phrase(
    (p: FutureDates) => {
      const chosen = { asked: '所选', default: '默认：截至今天有答卷的最近一个季度', latest: '默认：没有截至今天的答卷，取数据中最近的季度' }[p.choice];
      const parts = [
        p.inPeriod > 0 ? `其中 ${p.inPeriod} 份在该期间内，已计入本报告` : '',
        p.outside > 0 ? `${p.inPeriod > 0 ? '另 ' : ''}${p.outside} 份属于 ${zhList(p.outsideQuarters)}，不在该期间内，未计入` : '',
      ].filter(Boolean);
      return `有 ${p.n} 份答卷的调查日期晚于今天（${zhList(p.examples)}${p.n > p.examples.length ? ' 等' : ''}；今天为 ${p.today}）。统计期间 ${p.period}（${chosen}）：${parts.join('；')}；已列在报告的"无效答案与无法识别的日期"中，请核对日期`;
    },
    (p) => {
      const chosen = { asked: 'as chosen', default: 'the default: the latest quarter with responses up to today', latest: 'the default: no response is dated up to today, so the latest quarter in the data' }[p.choice];
      const parts = [
        p.inPeriod > 0 ? `${p.inPeriod} of them ${p.inPeriod === 1 ? 'is' : 'are'} in it and counted in this report` : '',
        p.outside > 0 ? `${p.outside} ${p.outside === 1 ? 'belongs' : 'belong'} to ${enList(p.outsideQuarters)}, outside it, and ${p.outside === 1 ? 'is' : 'are'} not counted` : '',
      ].filter(Boolean);
      return `${p.n} responses are dated after today (${enList(p.examples)}${p.n > p.examples.length ? '…' : ''}; today is ${p.today}). Period ${p.period} (${chosen}): ${parts.join('; ')}; listed in the report under 无效答案与无法识别的日期 — check the dates`;
    },
  ),
  'trend-future': phrase(
    (p: { n: number; examples: string[]; today: string; quarters: string[] }) =>
      `有 ${p.n} 份答卷的调查日期晚于今天（${zhList(p.examples)}${p.n > p.examples.length ? ' 等' : ''}；今天为 ${p.today}），趋势中已计入其所在季度（${zhList(p.quarters)}）；请核对日期`,
    (p) => `${p.n} responses are dated after today (${enList(p.examples)}${p.n > p.examples.length ? '…' : ''}; today is ${p.today}); the trend counts them in their quarters (${enList(p.quarters)}) — check the dates`,
  ),
  'report-undated': phrase(
    (p: { n: number; cell: string }) => `有 ${p.n} 行的调查日期无法识别（第一个：${p.cell}），未计入任何季度`,
    (p) => `${p.n} rows have an unreadable date (first: ${p.cell}) and count in no quarter`,
  ),
  'merged-over-answers': phrase(
    (p: { ranges: string[] }) => `调查数据中有合并单元格：${zhList(p.ranges)}——合并区域只有左上角单元格的答案计入，请拆分合并并逐行填写`,
    (p) => `The responses have merged cells: ${enList(p.ranges)} — only the top-left cell of a merge counts; unmerge and fill each row`,
  ),
  // 纠正预防措施
  'actions-added': phrase(
    (p: { sheet: string; n: number; first: string; last: string; kept: number }) => `已在"${p.sheet}"新增 ${p.n} 条措施（${p.first} 至 ${p.last}）；已有 ${p.kept} 条未改动`,
    (p) => `Added ${p.n} actions to "${p.sheet}" (${p.first}–${p.last}); ${p.kept} existing rows untouched`,
  ),
  'actions-none': phrase(
    (p: { sheet: string; kept: number }) => `没有新的发现需要跟踪；"${p.sheet}"中已有 ${p.kept} 条，未改动`,
    (p) => `No new finding to track; the ${p.kept} rows of "${p.sheet}" are untouched`,
  ),
  // 客户沟通
  'comm-report-written': phrase(
    (p: { refreshed: boolean; sheet: string; compliance: number | null; faults: number }) => `${verb(p.refreshed).zh}"${p.sheet}"：合规率 ${formatPercent(p.compliance, 1)}，发现 ${p.faults} 个问题`,
    (p) => `${verb(p.refreshed).en} "${p.sheet}": compliance ${formatPercent(p.compliance, 1)}, ${p.faults} findings`,
  ),
  'comm-report-issues': phrase(
    (p: { n: number; first: Message }) => `有 ${p.n} 处内容无法识别（第一个：${p.first.zh}），已列在报告中`,
    (p) => `${p.n} entries could not be read (first: ${p.first.en}); listed in the report`,
  ),
  // 导入
  'import-done': phrase(
    (p: { format: string; n: number; sheet: string; from: number; skipped: number; rows: number[] }) =>
      `已从${p.format}导入 ${p.n} 份答卷到"${p.sheet}"（第 ${p.from} 行起）；已导入过的 ${p.skipped} 份已跳过${p.skipped > 0 ? `（导出文件第 ${zhList(p.rows.slice(0, 20))}${p.skipped > 20 ? ' 等' : ' '}行）` : ''}；原有数据未改动`,
    (p) =>
      `Imported ${p.n} responses from ${p.format} into "${p.sheet}" (from row ${p.from}); ${p.skipped} already imported were skipped${p.skipped > 0 ? ` (export rows ${enList(p.rows.slice(0, 20))}${p.skipped > 20 ? '…' : ''})` : ''}; existing rows untouched`,
  ),
  'import-unmapped': phrase(
    (p: { questions: string[] }) => `未对应到评分项目的问题（未导入）：${zhList(p.questions, '；')}`,
    (p) => `Questions not mapped (not imported): ${enList(p.questions, '; ')}`,
  ),
  'import-undated': phrase(
    (p: { rows: number[] }) => `导出文件第 ${zhList(p.rows)} 行的提交时间无法识别，调查日期留空`,
    (p) => `Rows ${enList(p.rows)} of the export have an unreadable submit time; 调查日期 left blank`,
  ),
  // 归档准备
  'archive-written': phrase(
    (p: { period: string; keepUntil: string; sheet: string }) => `已写入归档属性（统计期间 ${p.period}，保存期限至 ${p.keepUntil}）和"${p.sheet}"`,
    (p) => `Wrote the archive properties (period ${p.period}, keep until ${p.keepUntil}) and "${p.sheet}"`,
  ),
  'archive-records-complete': phrase(
    () => '§7 的五项记录齐全',
    () => 'All five records of §7 are present',
  ),
  'archive-records-missing': phrase(
    (p: { records: string[] }) => `缺少记录：${zhList(p.records)}`,
    (p) => `Missing records: ${enList(p.records)}`,
  ),
  'archive-protected': phrase(
    (p: { sheets: string[]; password: boolean }) => `已保护：${zhList(p.sheets)}${p.password ? '（已设密码）' : ''}`,
    (p) => `Protected: ${enList(p.sheets)}${p.password ? ' (with a password)' : ''}`,
  ),
  'archive-frozen': phrase(
    (p: { n: number }) => `已把 ${p.n} 个 CSAT 公式冻结为数值（旁边保留原生公式）`,
    (p) => `Froze ${p.n} CSAT formulas to values (the native formulas beside them stay)`,
  ),
  'archive-left': phrase(
    (p: { cells: string[] }) => `以下 CSAT 公式没有已知数值，未冻结：${zhList(p.cells)}`,
    (p) => `These CSAT formulas have no known value and were not frozen: ${enList(p.cells)}`,
  ),
  // 汇总
  'rollup-shared-answers': phrase(
    (p: { a: string; b: string; n: number; column: string; examples: string[] }) => `"${p.a}"与"${p.b}"有 ${p.n} 份答卷的${p.column}相同（如 ${zhList(p.examples)}）：同一份答卷可能被汇总了两次，请核对`,
    (p) => `"${p.a}" and "${p.b}" share ${p.n} answer id(s) in ${p.column} (e.g. ${enList(p.examples)}): the same answers may be counted twice; please check`,
  ),
  'rollup-done': phrase(
    (p: { projects: number; quarters: number }) => `已汇总 ${p.projects} 个项目、${p.quarters} 个季度`,
    (p) => `Rolled up ${p.projects} projects over ${p.quarters} quarters`,
  ),
});
