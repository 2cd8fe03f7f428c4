import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { App } from './App';

function mount(): void {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <App />
    </FluentProvider>,
  );
}

// Inside Office wait for the host; in a plain browser (office.js absent) render at once.
if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') void Office.onReady(() => mount());
else mount();
