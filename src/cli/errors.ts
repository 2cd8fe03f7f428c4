import { CsatError, type Locale } from '../domain';

/** A failure the CLI reports as one line on stderr with exit code 1. */
export class CliError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(zh);
    this.name = 'CliError';
  }
}

export function describeError(e: unknown, locale: Locale): string {
  if (e instanceof CliError) return locale === 'en-US' ? e.en : e.zh;
  if (e instanceof CsatError) return e.format(locale);
  return e instanceof Error ? e.message : String(e);
}
