/**
 * 纠正预防措施: a report's 改进机会 and 回访清单 (or communication's 需改进事项) become tracker rows.
 * Only findings not yet tracked are added — appended below the last row — and no existing row is
 * ever changed: the tracker is the users' record of root causes, actions and verification.
 */
import { analyze, findingsFromAnalysis, nextIds, readTracker, textsCutMessage, todayIso, untracked, type Finding } from '../domain';
import { ACTIONS_SHEET, appendActionsPlan, buildActionsSheet, findTextCuts, resolveSheets, type ActionRow, type ExcelGateway, type ExistingSheet, type SheetPlan } from '../plan';
import { say } from './messages';
import { checkAborted, note, type JobNote } from './notes';
import { loadSurveyData } from './survey-data';

export interface ActionsResult {
  readonly added: readonly ActionRow[];
  readonly kept: number;
  readonly sheet: string;
  readonly notes: JobNote[];
}

/** Appends the untracked findings to the tracker (creating it when the workbook has none). */
export async function trackFindings(
  gateway: ExcelGateway,
  findings: readonly Finding[],
  options: { existing?: ExistingSheet[]; year: number; signal?: AbortSignal; decorate?: (row: ActionRow, i: number) => ActionRow },
): Promise<ActionsResult> {
  const existing = options.existing ?? (await gateway.listSheets());
  const owned = existing.find((s) => s.owner === 'actions');
  const grid = owned ? await gateway.readSheet(owned.name) : [];
  const tracked = readTracker(grid);
  const fresh = untracked(findings, tracked);
  const ids = nextIds(tracked, options.year, fresh.length);
  const rows = fresh.map((finding, i) => (options.decorate ?? ((r: ActionRow) => r))({ id: ids[i], finding }, i));
  let sheet = owned?.name;
  let plan: SheetPlan | undefined;
  checkAborted(options.signal);
  if (owned) {
    if (rows.length > 0) await gateway.render({ sheets: [(plan = appendActionsPlan(rows, grid.length + 1, owned.name))] });
  } else {
    const [r] = resolveSheets([{ owner: 'actions', name: ACTIONS_SHEET, onExisting: 'keep' }], existing);
    sheet = r.name;
    await gateway.render({ sheets: [(plan = buildActionsSheet(rows, r.name))] });
  }
  const notes =
    rows.length > 0
      ? [note('info', say('actions-added', { sheet: sheet!, n: rows.length, first: rows[0].id, last: rows[rows.length - 1].id, kept: tracked.length }))]
      : [note('info', say('actions-none', { sheet: sheet!, kept: tracked.length }))];
  // A finding joining long texts (a 20,000-character name and comment) was cut at the cell's limit: say where.
  const cut = textsCutMessage(plan ? findTextCuts([plan]) : []);
  if (cut) notes.push(note('warning', cut));
  return { added: rows, kept: tracked.length, sheet: sheet!, notes };
}

export interface ActionsJobOptions {
  period?: string;
  signal?: AbortSignal;
  decorate?: (row: ActionRow, i: number) => ActionRow;
}

/** 生成纠正预防措施 from a quarter's report findings. */
export async function generateActions(gateway: ExcelGateway, options: ActionsJobOptions = {}): Promise<ActionsResult & { period: string }> {
  const data = await loadSurveyData(gateway);
  const analysis = analyze(data.set, { period: options.period, plannedCustomers: data.plannedCustomers, today: todayIso() });
  const result = await trackFindings(gateway, findingsFromAnalysis(analysis), {
    existing: data.existing,
    year: Number(analysis.period.slice(0, 4)),
    signal: options.signal,
    decorate: options.decorate,
  });
  return { ...result, period: analysis.period };
}
