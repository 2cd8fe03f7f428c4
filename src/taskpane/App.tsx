/**
 * The task pane: the jobs grouped in five tabs — 调查 / 分析 / 改进 / 沟通 / 导入归档, the last one
 * opened remembered — over the jobs, in Excel or — standalone — over an .xlsx opened in the browser.
 * One job at a time; progress and cancel while it runs; its outcome, with the cells to fix, in one
 * message that stays in view above the tabs whichever tab is open.
 */
import { Tab, TabList, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { describeError, type Locale } from '../domain';
import type { ExcelGateway } from '../plan';
import { actFirst } from '../domain';
import { ActFirst } from './components/ActFirst';
import { AnalysisSection } from './components/AnalysisSection';
import { ImportArchiveSections } from './components/ImportArchiveSections';
import { CommSection, ImproveSection } from './components/LoopSections';
import { ReportPreview } from './components/ReportPreview';
import { StandaloneBar } from './components/StandaloneBar';
import { StatusArea } from './components/StatusArea';
import { SurveySection } from './components/SurveySection';
import { FileRefused, openStandalone, resultName, STANDALONE_MAX_MB, type StandaloneWorkbook, type WorkbookHost } from './host';
import { STRINGS, type Strings } from './i18n';
import { loadTab, saveTab, TABS, type PaneTab } from './remembered-tab';
import { usePane } from './use-pane';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: '640px',
    minWidth: '280px',
    boxSizing: 'border-box',
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  // Five tabs fit one row at 320 px in Chinese; longer English names wrap to a second row.
  tabs: { flexWrap: 'wrap', marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
  // `hidden` must win over the flex display (an author style beats the browser's [hidden] rule).
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, '&[hidden]': { display: 'none' } },
});

const tabLabel = (t: Strings, tab: PaneTab): string =>
  ({ survey: t.tabSurvey, analysis: t.tabAnalysis, improve: t.tabImprove, comm: t.tabComm, import: t.tabImportArchive })[tab];

export interface AppProps {
  host: WorkbookHost;
  locale: Locale;
  /** Standalone downloads (injected so tests can observe them). */
  saveFile?: (name: string, bytes: Uint8Array) => void;
}

function browserDownload(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function App({ host, locale, saveFile = browserDownload }: AppProps) {
  const styles = useStyles();
  const t = STRINGS[locale];
  const [standalone, setStandalone] = useState<StandaloneWorkbook>();
  const [opening, setOpening] = useState(false);
  const [period, setPeriod] = useState<string>();
  const [tab, setTab] = useState<PaneTab>(loadTab);
  const ids = useId();
  const selectTab = useCallback((next: PaneTab) => {
    setTab(next);
    saveTab(next);
  }, []);
  const gateway: ExcelGateway | undefined = host.mode === 'excel' ? host.gateway : standalone?.gateway;
  const pane = usePane(gateway, t, locale);
  const disabled = !!pane.busy || opening || !gateway;
  const summary = useMemo(() => (pane.preview ? actFirst(pane.preview) : undefined), [pane.preview]);

  const open = useCallback(
    async (file: File) => {
      setOpening(true);
      pane.setMessage(undefined);
      try {
        const wb = await openStandalone(file);
        setStandalone(wb);
        pane.setMessage({ intent: 'success', title: t.done, lines: [t.opened(wb.fileName, wb.sheetCount)] });
      } catch (e) {
        const text =
          e instanceof FileRefused
            ? e.reason === 'too-large'
              ? t.tooLarge(e.fileName, e.mb.toFixed(1), STANDALONE_MAX_MB)
              : t.notXlsx(e.fileName)
            : e && typeof e === 'object' && 'zh' in e
              ? `${file.name} ${describeError(e, locale)}`
              : t.unreadable(file.name, describeError(e, locale));
        pane.setMessage({ intent: 'error', title: t.error, lines: [text] });
      } finally {
        setOpening(false);
      }
    },
    [pane, t, locale],
  );

  const download = useCallback(async () => {
    if (!standalone) return;
    const name = resultName(standalone.fileName, await standalone.gateway.kind());
    saveFile(name, await standalone.gateway.save());
    pane.setMessage({ intent: 'success', title: t.done, lines: [t.downloaded(name)] });
  }, [standalone, saveFile, pane, t]);

  return (
    <main className={styles.root} lang={locale} aria-label={t.appTitle}>
      <header className={styles.header}>
        <Title3 as="h1">{t.appTitle}</Title3>
        <Text size={200}>{t.appSubtitle}</Text>
      </header>
      {host.mode === 'standalone' && <StandaloneBar t={t} disabled={!!pane.busy || opening} fileName={standalone?.fileName} onOpen={open} onDownload={download} />}
      <StatusArea t={t} busy={pane.busy} message={pane.message} onCancel={pane.cancel} onSelect={host.select ? (cell) => void host.select!(cell) : undefined} />
      {/* Said above the tabs: it concerns every job, and the way out (生成调查表) is under 调查. */}
      {pane.inspection && !pane.inspection.hasData && <Text>{t.noData}</Text>}
      <TabList className={styles.tabs} aria-label={t.tabs} selectedValue={tab} onTabSelect={(_, d) => selectTab(d.value as PaneTab)} selectTabOnFocus>
        {TABS.map((x) => (
          <Tab key={x} value={x} id={`${ids}-tab-${x}`} aria-controls={`${ids}-panel-${x}`}>
            {tabLabel(t, x)}
          </Tab>
        ))}
      </TabList>
      {/* Every panel stays mounted (hidden when not selected): choices made in one survive a visit to another. */}
      <TabPanel ids={ids} tab="survey" selected={tab} className={styles.panel}>
        <SurveySection t={t} disabled={disabled} onGenerate={(tpl) => void pane.survey(tpl)} onValidate={() => void pane.validate()} />
      </TabPanel>
      <TabPanel ids={ids} tab="analysis" selected={tab} className={styles.panel}>
        {host.mode === 'standalone' && pane.preview && <ReportPreview t={t} analysis={pane.preview} />}
        {summary && <ActFirst t={t} locale={locale} view={summary} />}
        <AnalysisSection
          t={t}
          disabled={disabled}
          inspection={pane.inspection}
          period={period}
          onPeriod={setPeriod}
          onReport={(p, g) => void pane.report(p, g)}
          onTrend={() => void pane.report(undefined, undefined, true)}
        />
      </TabPanel>
      <TabPanel ids={ids} tab="improve" selected={tab} className={styles.panel}>
        <ImproveSection t={t} disabled={disabled} hasData={pane.inspection?.hasData ?? false} period={period} onActions={() => void pane.actions(period)} />
      </TabPanel>
      <TabPanel ids={ids} tab="comm" selected={tab} className={styles.panel}>
        <CommSection t={t} disabled={disabled} onCommSheets={() => void pane.commSheets()} onCommReport={(toTracker) => void pane.commReport(toTracker)} />
      </TabPanel>
      <TabPanel ids={ids} tab="import" selected={tab} className={styles.panel}>
        <ImportArchiveSections
          t={t}
          disabled={disabled}
          hasPendingImport={!!pane.pendingImport}
          onImportFile={(file, format) => void pane.importPreview(file, format)}
          onImportConfirm={() => void pane.importConfirm()}
          onArchive={(password) => void pane.archive(password)}
        />
      </TabPanel>
    </main>
  );
}

/** One tab's panel, named by its tab; hidden (still mounted) while another tab is selected. */
function TabPanel({ ids, tab, selected, className, children }: { ids: string; tab: PaneTab; selected: PaneTab; className: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`${ids}-panel-${tab}`} aria-labelledby={`${ids}-tab-${tab}`} hidden={tab !== selected} className={className}>
      {children}
    </div>
  );
}
