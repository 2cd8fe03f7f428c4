/**
 * LibreOffice as an independent oracle: it opens the workbooks we write, recalculates every formula
 * (a private profile sets OOXML recalculation to "always") and converts them to CSV, xlsx or PDF.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const profile = mkdtempSync(path.join(os.tmpdir(), 'csat-lo-profile-'));
mkdirSync(path.join(profile, 'user'), { recursive: true });
writeFileSync(
  path.join(profile, 'user', 'registrymodifications.xcu'),
  `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
);

export function hasLibreOffice(): boolean {
  return spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Converts `file` with LibreOffice into a fresh folder; returns that folder. */
export function convert(file: string, filter: string): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'csat-lo-out-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', out, file], {
    stdio: 'pipe',
    timeout: 180_000,
  });
  if (readdirSync(out).length === 0) throw new Error(`LibreOffice wrote nothing converting ${file} to ${filter}`);
  return out;
}

/** Every sheet as CSV (UTF-8, formulas' results), keyed by sheet name. */
export function sheetsAsCsv(file: string): Map<string, string[][]> {
  const out = convert(file, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1');
  const base = path.basename(file, path.extname(file));
  const sheets = new Map<string, string[][]>();
  for (const f of readdirSync(out)) {
    const name = f.slice(base.length + 1, -'.csv'.length);
    sheets.set(name, parseCsv(readFileSync(path.join(out, f), 'utf8')));
  }
  return sheets;
}

/** RFC 4180 CSV as LibreOffice writes it (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV cell such as `91.3578922852556%` or `0.5` as a fraction. */
export function csvNumber(text: string): number {
  const t = text.trim();
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
}
