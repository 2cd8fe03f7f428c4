/** What a job tells its user afterwards: one line per sheet or finding, a catalogue message (./messages). */
import { messageText, type Locale, type Message } from '../domain';

export interface JobNote extends Message {
  readonly level: 'info' | 'warning';
}

export const note = (level: JobNote['level'], message: Message): JobNote => ({ level, ...message });

export function noteText(n: JobNote, locale: Locale): string {
  return messageText(n, locale);
}

/** Stops a job that was cancelled (AbortSignal.throwIfAborted is missing in some web views). */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Error('cancelled');
}
