/** Headless Chromium (Debian's) through playwright-core, cut off from every address but ours. */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A 320 px wide pane, in `locale`, where any request off 127.0.0.1 fails (as on an offline machine). */
export async function paneContext(browser: Browser, locale: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale, acceptDownloads: true });
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  return context;
}
