/**
 * Checks on the production build (`npm test` builds before jest): the functions bundle loads on its
 * own in a bare runtime that only provides CustomFunctions, registers every id, and its OVERALL
 * agrees with the engine; the manifest copy carries no dev URL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { scoreResponses, TABLE_4_1 } from '../../src/domain';
import { ErrorCode, StubExcelError } from '../helpers/custom-functions-stub';
import { ITEMS, rowWith, uniformRow } from '../helpers/grids';

const dist = path.join(__dirname, '../../dist');
const read = (name: string) => readFileSync(path.join(dist, name), 'utf8');

describe('dist/functions.js', () => {
  const registered: Record<string, (...args: unknown[]) => unknown> = {};
  beforeAll(() => {
    const context = vm.createContext({
      CustomFunctions: { associate: (id: string, fn: (...a: unknown[]) => unknown) => (registered[id] = fn), Error: StubExcelError, ErrorCode },
    });
    vm.runInContext(read('functions.js'), context, { filename: 'functions.js' });
  });

  it('registers every id of functions.json, alone, with no other chunk', () => {
    const ids = JSON.parse(read('functions.json')).functions.map((f: { id: string }) => f.id);
    expect(Object.keys(registered).sort()).toEqual([...ids].sort());
    expect(ids).toHaveLength(11);
  });

  it('computes OVERALL as the engine does', () => {
    const grid = [ITEMS, uniformRow('满意'), rowWith('一般', { 培训: '不适用' }), rowWith('较满意', { 软件: null })];
    const engine = scoreResponses(grid, TABLE_4_1).overall;
    expect(registered.OVERALL(grid, null, null, {})).toBe(engine);
  });
});

describe('dist/manifest.xml', () => {
  it('has every dev URL rewritten for production', () => {
    const manifest = read('manifest.xml');
    expect(manifest).not.toMatch(/localhost/);
    expect(manifest.match(/https:\/\/[^"<]+/g)!.length).toBeGreaterThan(10);
  });

  it('ships the icons and the task pane', () => {
    for (const size of [16, 32, 64, 80]) {
      const png = readFileSync(path.join(dist, `assets/icon-${size}.png`));
      // PNG signature, then the IHDR chunk's width and height.
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    expect(() => readFileSync(path.join(dist, 'commands.js'))).not.toThrow();
    expect(read('taskpane.html')).toMatch(/functions\.js.*taskpane\.js/s);
  });
});
