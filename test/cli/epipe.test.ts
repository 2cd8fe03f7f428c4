/**
 * `csat score … | head -5` (issue 20, item 2): a reader that closes the pipe early ends the command
 * quietly — exit 0 when the work was done, no "Unhandled 'error' event … write EPIPE" on stderr.
 * Spawns the built CLI (npm run build / build:cli), its stdout a pipe whose read end we destroy.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '../..');
const sample = path.join(root, 'samples/csat-sample.xlsx');
const env = { ...process.env, LANG: 'zh_CN.UTF-8' };

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  err: string;
  got: number;
}

/**
 * Runs `csat …args` and closes its stdout (and, with `stderrToo`, its stderr) early: after the first chunk
 * (`head`), or before the command has written anything (`closed`, so that every write meets a closed pipe).
 */
function run(args: string[], when: 'head' | 'closed', stderrToo = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let got = 0;
    if (stderrToo) child.stderr.destroy();
    else child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    if (when === 'closed') child.stdout.destroy();
    else {
      child.stdout.once('data', (d: Buffer) => {
        got = d.length;
        child.stdout.destroy();
      });
    }
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, err, got }));
  });
}

/** `n` runs, 5 at a time (each is a node process). */
async function repeat(n: number, one: () => Promise<Run>): Promise<Run[]> {
  const runs: Run[] = [];
  while (runs.length < n) runs.push(...(await Promise.all(Array.from({ length: Math.min(5, n - runs.length) }, one))));
  return runs;
}

/** Twenty node processes take a while on a loaded machine. */
const SLOW = 180_000;

describe('a closed stdout pipe (csat score … | head -5)', () => {
  it('ends csat score quietly, exit 0, every time — closed after the first chunk', async () => {
    const runs = await repeat(20, () => run(['score', sample], 'head'));
    for (const r of runs) {
      expect(r.err).not.toMatch(/EPIPE|Unhandled|Error|at /);
      expect(r.err).toBe(''); // the sample's score has nothing to warn about
      expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
      expect(r.got).toBeGreaterThan(0);
    }
  }, SLOW);

  it('ends csat score quietly, exit 0, every time — closed before anything was written', async () => {
    const runs = await repeat(10, () => run(['score', sample], 'closed'));
    for (const r of runs) {
      expect(r.err).toBe('');
      expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    }
  }, SLOW);

  it('also when stderr is closed too, and for help and the JSON output', async () => {
    for (const args of [['score', sample, '--json'], ['--help'], ['score', '--help']]) {
      const r = await run(args, 'closed', true);
      expect({ args, code: r.code, signal: r.signal }).toEqual({ args, code: 0, signal: null });
    }
  }, SLOW);

  it('keeps a failure a failure: the exit code says the work was not done', async () => {
    const r = await run(['score', path.join(root, 'no-such-file.xlsx')], 'closed');
    expect(r.code).toBe(1);
    expect(r.err).toBe(`无法读取 ${path.join(root, 'no-such-file.xlsx')}：文件不存在\n`);
  });
});
