/**
 * Entry of the pane. Inside Excel (Office.onReady reports the Excel host) it works on the open
 * workbook through Office.js; anywhere else — a plain browser, WPS users, or an offline machine
 * where office.js could not load at all — it runs standalone over an uploaded .xlsx.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { WorkbookHost } from './host';
import { pickLocale } from './i18n';

const OFFICE_READY_TIMEOUT_MS = 3000;

async function detectHost(): Promise<{ host: WorkbookHost; language?: string }> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return { host: { mode: 'standalone' } };
  const info = await Promise.race([Office.onReady(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), OFFICE_READY_TIMEOUT_MS))]);
  if (info?.host === Office.HostType.Excel) {
    const { excelHost } = await import(/* webpackChunkName: "office-host" */ './office-host');
    return { host: excelHost(), language: Office.context.displayLanguage };
  }
  return { host: { mode: 'standalone' } };
}

async function main(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  const { host, language } = await detectHost();
  const locale = pickLocale(language ?? navigator.language);
  document.documentElement.lang = locale;
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} locale={locale} />
    </FluentProvider>,
  );
}

void main();
