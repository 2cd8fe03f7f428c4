/**
 * The pane's state and jobs: one job at a time, with progress, cancellation before anything is
 * written, and every outcome — success, warning, error with the cells to fix — as one message.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { CsatError, describeError, formatProblem, type Analysis, type Locale } from '../domain';
import { generateActions } from '../jobs/actions';
import { prepareArchive } from '../jobs/archive';
import { importExport, type ImportResult } from '../jobs/import';
import { formatName, type ExportFormat, type Grid } from '../domain';
import { generateCommReport, generateCommSheets } from '../jobs/communication';
import { inspectSurvey, type Inspection } from '../jobs/inspect';
import { noteText, type JobNote } from '../jobs/notes';
import { generateReport } from '../jobs/report';
import { generateSurveyWorkbook } from '../jobs/survey';
import type { ExcelGateway } from '../plan';
import { runAction } from './host';
import type { Strings } from './i18n';

declare const CSAT_VERSION: string | undefined;
export const VERSION = typeof CSAT_VERSION === 'string' ? CSAT_VERSION : 'dev';

export interface PaneMessage {
  readonly intent: 'success' | 'warning' | 'error' | 'info';
  readonly title: string;
  readonly lines: readonly string[];
  /** Cells to fix, each with its own line (selectable in Excel). */
  readonly cells?: readonly { cell: string; text: string }[];
}

export interface Busy {
  readonly stage: string;
  /** 0…1, or undefined while the amount of work is unknown. */
  readonly done?: number;
}

export type TemplateChoice = 'builtin' | 'workbook';

export function usePane(gateway: ExcelGateway | undefined, t: Strings, locale: Locale) {
  const [busy, setBusy] = useState<Busy>();
  const [message, setMessage] = useState<PaneMessage>();
  const [inspection, setInspection] = useState<Inspection>();
  const [preview, setPreview] = useState<Analysis>();
  const [pendingImport, setPendingImport] = useState<{ fileName: string; grid: Grid; format: ExportFormat | 'auto'; result: ImportResult }>();
  const controller = useRef<AbortController | undefined>(undefined);

  const refresh = useCallback(async () => {
    if (!gateway) return;
    try {
      setInspection(await runAction(gateway, inspectSurvey));
    } catch {
      setInspection(undefined);
    }
  }, [gateway]);

  useEffect(() => {
    setInspection(undefined);
    setPreview(undefined);
    void refresh();
  }, [refresh]);

  const notesMessage = (notes: readonly JobNote[]): PaneMessage => ({
    intent: notes.some((n) => n.level === 'warning') ? 'warning' : 'success',
    title: t.done,
    lines: notes.map((n) => noteText(n, locale)),
  });

  /** Runs one job; nothing else can start until it ends. */
  const run = useCallback(
    async (stage: string, job: (gw: ExcelGateway, signal: AbortSignal, progress: (done: number) => void) => Promise<PaneMessage>) => {
      if (!gateway || busy) return;
      const abort = new AbortController();
      controller.current = abort;
      setMessage(undefined);
      setBusy({ stage });
      try {
        setMessage(await runAction(gateway, (gw) => job(gw, abort.signal, (done) => setBusy({ stage, done }))));
        await refresh();
      } catch (e) {
        if (abort.signal.aborted) setMessage({ intent: 'info', title: t.cancelled, lines: [] });
        else if (e instanceof CsatError) {
          setMessage({
            intent: 'error',
            title: t.error,
            lines: e.problems.filter((p) => !p.cell).map((p) => formatProblem(p, locale)),
            cells: e.problems.filter((p) => p.cell).map((p) => ({ cell: p.cell!, text: formatProblem(p, locale) })),
          });
        } else setMessage({ intent: 'error', title: t.error, lines: [describeError(e, locale)] });
      } finally {
        setBusy(undefined);
        controller.current = undefined;
      }
    },
    [gateway, busy, refresh, t, locale],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  const survey = (template: TemplateChoice) =>
    run(t.generateSurvey, async (gw, signal, progress) => {
      const r = await generateSurveyWorkbook(gw, { template, signal, onProgress: (p) => progress(p.done) });
      return notesMessage(r.notes);
    });

  const validate = () =>
    run(t.validate, async (gw) => {
      const i = await inspectSurvey(gw);
      if (!i.hasData) return { intent: 'warning', title: t.validate, lines: [t.noData] };
      const cells = [
        ...i.invalid.map((x) => ({ cell: x.cell, text: `${x.cell} ${x.item}：'${x.value}'` })),
        ...i.undated.map((x) => ({ cell: x.cell, text: `${x.cell} ${t.undatedProblem}：'${x.value}'` })),
        ...(i.future ?? []).map((x) => ({ cell: x.cell, text: `${x.cell} ${t.futureProblem(i.today ?? '')}：'${x.value}'` })),
      ];
      if (cells.length === 0) return { intent: 'success', title: t.validate, lines: [t.validateOk(i.respondents)] };
      return { intent: 'warning', title: t.validate, lines: [t.validateProblems(cells.length)], cells };
    });

  const report = (period: string | undefined, groupBy: string | undefined, trendOnly = false) =>
    run(trendOnly ? t.updateTrend : t.generateReport, async (gw, signal, progress) => {
      const r = await generateReport(gw, { period, groupBy, version: VERSION, signal, trendOnly, onProgress: (p) => progress(p.done) });
      setPreview(r.analysis);
      return notesMessage(r.notes);
    });

  const actions = (period: string | undefined) =>
    run(t.generateActions, async (gw, signal) => notesMessage((await generateActions(gw, { period, signal })).notes));

  const commSheets = () => run(t.generateCommSheets, async (gw, signal) => notesMessage((await generateCommSheets(gw, { signal })).notes));

  const commReport = (toTracker: boolean) =>
    run(t.generateCommReport, async (gw, signal) => notesMessage((await generateCommReport(gw, { version: VERSION, toTracker, signal })).notes));

  /** Reads an export and shows its mapping; nothing is written until importConfirm. */
  const importPreview = (file: File, format: ExportFormat | 'auto') =>
    run(t.importTitle, async (gw) => {
      const { readExport } = await import(/* webpackChunkName: "xlsx" */ '../host/xlsx/import-read');
      const { grid } = await readExport(new Uint8Array(await file.arrayBuffer()), file.name);
      const result = await importExport(gw, { grid, format, preview: true });
      setPendingImport({ fileName: file.name, grid, format, result });
      const lines = Object.entries(result.mapping).map(([q, target]) => `${q} → ${target ?? t.notImported}`);
      return { intent: 'info', title: t.mappingTitle(file.name, formatName(result.format), grid.length - 1), lines };
    });

  const importConfirm = () =>
    run(t.importConfirm, async (gw, signal) => {
      if (!pendingImport) return { intent: 'warning', title: t.importTitle, lines: [t.chooseExport] };
      const r = await importExport(gw, { grid: pendingImport.grid, format: pendingImport.format, mapping: pendingImport.result.mapping, fileName: pendingImport.fileName, signal });
      setPendingImport(undefined);
      return notesMessage(r.notes);
    });

  const archive = (password: string) =>
    run(t.archive, async (gw, signal) => notesMessage((await prepareArchive(gw, { password: password || undefined, signal })).notes));

  return { busy, message, setMessage, inspection, preview, pendingImport, survey, validate, report, actions, commSheets, commReport, importPreview, importConfirm, archive, cancel, refresh };
}
