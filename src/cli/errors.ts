/** A failure the CLI reports as one line on stderr with exit code 1, worded by its catalogue (./messages). */
import { describeError as describe, LocalizedError, type Locale, type Message } from '../domain';

export class CliError extends LocalizedError {
  constructor(message: Message) {
    super(message);
    this.name = 'CliError';
  }
}

/** Any error as the one line the CLI prints, in its language. */
export function describeError(e: unknown, locale: Locale): string {
  return describe(e, locale);
}
