/**
 * Runs tools/ooxml/validate-xlsx (ECMA-376 schemas plus the rules Excel enforces beyond them) on a
 * workbook, so a test can check every file it writes in one line: `expectValidXlsx(bytes)`.
 * Needs python3 and xmllint (Debian: libxml2-utils).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TOOL = path.join(__dirname, '../../tools/ooxml/validate-xlsx');

/** A path to an .xlsx, or its bytes (ExcelJS's writeBuffer() result is typed as an ArrayBuffer). */
export type XlsxInput = string | Uint8Array | ArrayBuffer;

export interface XlsxValidation {
  ok: boolean;
  /** One line per problem, `FILE: PART: message`; empty when ok. */
  problems: string[];
}

/** Validates synchronously. Throws when the tool cannot run (python3 or xmllint missing, usage error, crash). */
export function validateXlsx(input: XlsxInput): XlsxValidation {
  const dir = typeof input === 'string' ? undefined : mkdtempSync(path.join(os.tmpdir(), 'validate-xlsx-'));
  try {
    let file: string;
    if (typeof input === 'string') file = input;
    else {
      file = path.join(dir as string, 'workbook.xlsx');
      writeFileSync(file, input instanceof Uint8Array ? input : new Uint8Array(input));
    }
    // env: jest gives the test its own process.env, which child_process would not see otherwise.
    const r = spawnSync('python3', [TOOL, file], { encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
    const fail = (why: string) => new Error(`validate-xlsx could not check ${file}: ${why}\n${r.stderr ?? ''}${r.stdout ?? ''}`.trim());
    if (r.error) throw fail(`cannot run python3 (${r.error.message})`);
    // The tool reports a failure to start xmllint as an unreadable package (`[Errno 2] ... 'xmllint'`).
    if (/\[Errno \d+\][^\n]*'xmllint'/.test(r.stdout + r.stderr)) throw fail('xmllint not found; install libxml2-utils');
    if (r.status === 2) throw fail('usage error (exit 2)');
    // It writes nothing to stderr; anything there is a crash (a Python traceback).
    if ((r.status !== 0 && r.status !== 1) || r.stderr.trim()) throw fail(`exit ${r.status ?? r.signal}`);
    const problems = r.status === 0 ? [] : r.stdout.split('\n').filter((line) => line.trim());
    if (r.status === 1 && problems.length === 0) throw fail('exit 1 without any problem listed');
    return { ok: r.status === 0, problems };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Fails the test, listing the first 20 problems, unless the workbook validates. */
export function expectValidXlsx(input: XlsxInput, label = typeof input === 'string' ? path.basename(input) : 'workbook'): void {
  const { ok, problems } = validateXlsx(input);
  if (ok) return;
  const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
  throw new Error(`${label} is not a valid .xlsx (${problems.length} problem(s)):\n  ${problems.slice(0, 20).join('\n  ')}${more}`);
}
