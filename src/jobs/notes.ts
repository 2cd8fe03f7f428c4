/** What a job tells its user afterwards: one line per sheet or finding, zh-CN and en-US. */
import type { Locale } from '../domain';

export interface JobNote {
  readonly level: 'info' | 'warning';
  readonly zh: string;
  readonly en: string;
}

export const note = (level: JobNote['level'], zh: string, en: string): JobNote => ({ level, zh, en });

export function noteText(n: JobNote, locale: Locale): string {
  return locale === 'en-US' ? n.en : n.zh;
}

/** Stops a job that was cancelled (AbortSignal.throwIfAborted is missing in some web views). */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Error('cancelled');
}
