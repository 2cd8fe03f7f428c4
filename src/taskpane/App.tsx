/**
 * The task pane: 调查 and 分析 sections over the jobs, in Excel or — standalone — over an .xlsx
 * opened in the browser. One job at a time; progress and cancel while it runs; its outcome, with
 * the cells to fix, in one message.
 */
import { Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { Locale } from '../domain';
import type { ExcelGateway } from '../plan';
import { AnalysisSection } from './components/AnalysisSection';
import { ImportArchiveSections } from './components/ImportArchiveSections';
import { LoopSections } from './components/LoopSections';
import { ReportPreview } from './components/ReportPreview';
import { StandaloneBar } from './components/StandaloneBar';
import { StatusArea } from './components/StatusArea';
import { SurveySection } from './components/SurveySection';
import { FileRefused, localizedError, openStandalone, resultName, STANDALONE_MAX_MB, type StandaloneWorkbook, type WorkbookHost } from './host';
import { STRINGS } from './i18n';
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
});

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
  const gateway: ExcelGateway | undefined = host.mode === 'excel' ? host.gateway : standalone?.gateway;
  const pane = usePane(gateway, t, locale);
  const disabled = !!pane.busy || opening || !gateway;

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
              ? `${file.name} ${localizedError(e, locale)}`
              : t.unreadable(file.name, localizedError(e, locale));
        pane.setMessage({ intent: 'error', title: t.error, lines: [text] });
      } finally {
        setOpening(false);
      }
    },
    [pane, t, locale],
  );

  const download = useCallback(async () => {
    if (!standalone) return;
    const name = resultName(standalone.fileName);
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
      {host.mode === 'standalone' && pane.preview && <ReportPreview t={t} analysis={pane.preview} />}
      <SurveySection t={t} disabled={disabled} onGenerate={(tpl) => void pane.survey(tpl)} onValidate={() => void pane.validate()} />
      <AnalysisSection
        t={t}
        disabled={disabled}
        inspection={pane.inspection}
        period={period}
        onPeriod={setPeriod}
        onReport={(p, g) => void pane.report(p, g)}
        onTrend={() => void pane.report(undefined, undefined, true)}
      />
      <LoopSections
        t={t}
        disabled={disabled}
        hasData={pane.inspection?.hasData ?? false}
        period={period}
        onActions={() => void pane.actions(period)}
        onCommSheets={() => void pane.commSheets()}
        onCommReport={(toTracker) => void pane.commReport(toTracker)}
      />
      <ImportArchiveSections
        t={t}
        disabled={disabled}
        hasPendingImport={!!pane.pendingImport}
        onImportFile={(file, format) => void pane.importPreview(file, format)}
        onImportConfirm={() => void pane.importConfirm()}
        onArchive={(password) => void pane.archive(password)}
      />
    </main>
  );
}
