/**
 * zip.ts, the package editor's own ZIP container: what it writes it reads back (and copies entries
 * byte for byte); it reads what independent writers produce (Python's zipfile — stored, deflated,
 * data descriptors, zip64, an archive comment — and Info-ZIP's zip) and they read what it writes
 * (zipfile's testzip, unzip -t); inflating holds to its limits and refuses damaged or lying archives;
 * the workbooks of test/corpus inflate whole and survive a pass-through rewrite.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, ZipFormatError, ZipLimitError, ZipReader, ZipWriter, type ZipEntry, type ZipProblem } from '../../src/host/xlsx/zip';

const MB = 1024 * 1024;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const text = (s: string) => new TextEncoder().encode(s);

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'zip-test-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** An entry's whole content, inflated. */
function contentOf(reader: ZipReader, entry: ZipEntry, limit = 64 * MB): Uint8Array {
  const chunks: Uint8Array[] = [];
  const n = reader.inflate(entry, limit, (c) => void chunks.push(c));
  expect(n).toBe(entry.uncompressedSize);
  return new Uint8Array(Buffer.concat(chunks));
}

function problemOf(f: () => unknown): ZipProblem | string {
  try {
    f();
  } catch (e) {
    if (e instanceof ZipFormatError) return e.problem;
    return `other: ${(e as Error).message}`;
  }
  return 'no error';
}

/** Python's zipfile on an archive: testzip's verdict and every entry's name, flags, size and SHA-256. */
const DESCRIBE = `
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    print(json.dumps({"bad": z.testzip(), "comment": len(z.comment), "entries": [
        {"name": i.filename, "flags": i.flag_bits, "size": i.file_size, "sha": hashlib.sha256(z.read(i)).hexdigest()}
        for i in z.infolist()]}))
`;
interface Described {
  bad: string | null;
  comment: number;
  entries: { name: string; flags: number; size: number; sha: string }[];
}
const pythonView = (file: string): Described => JSON.parse(execFileSync('python3', ['-c', DESCRIBE, file], { encoding: 'utf8' }));

const hasTool = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
/** A test that needs a command-line tool, skipped (and saying why) when it is not installed. */
const withTool = (tool: string) => (name: string, fn: () => void) =>
  hasTool(tool) ? test(name, fn) : test.skip(`${name} — skipped: '${tool}' is not installed`, fn);

/** Patches little-endian fields of the central record of entry `index` (or of the EOCD) in a copy. */
function patched(zip: Uint8Array, index: number, edits: { at: number; size: 2 | 4; value: number }[]): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  let p = view.getUint32(out.length - 22 + 16, true); // this test's archives have no comment
  for (let i = 0; i < index; i++) p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  for (const e of edits) (e.size === 2 ? view.setUint16 : view.setUint32).call(view, index < 0 ? out.length - 22 + e.at : p + e.at, e.value, true);
  return out;
}

const oneEntry = (name: string, data: Uint8Array, level?: number) => {
  const w = new ZipWriter();
  w.add(name, data, { level });
  return w.finish();
};

// ------------------------------------------------------------------------------------------------

describe('crc32', () => {
  test('is the standard CRC-32, and continues from a seed', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const data = randomBytes(100_000);
    expect(crc32(data.subarray(40_000), crc32(data.subarray(0, 40_000)))).toBe(crc32(data));
  });
});

describe('round trip', () => {
  const random = new Uint8Array(randomBytes(2 * MB));
  const repetitive = text('<row r="1"><c r="A1" t="s"><v>42</v></c></row>\n'.repeat(Math.ceil((2 * MB) / 48))).subarray(0, 2 * MB);
  const files: [string, Uint8Array][] = [
    ['[Content_Types].xml', text('<?xml version="1.0"?><Types/>')],
    ['xl/worksheets/调查.xml', text('<worksheet>满意度调查</worksheet>')],
    ['empty.bin', new Uint8Array(0)],
    ['xl/media/', new Uint8Array(0)],
    ['random.bin', random],
    ['repetitive.xml', repetitive],
  ];
  const write = () => {
    const w = new ZipWriter();
    for (const [name, data] of files) w.add(name, data, name === 'random.bin' ? { modTime: (13 << 11) | (45 << 5) | 15, modDate: (44 << 9) | (5 << 5) | 17 } : {});
    w.add('stored.txt', text('kept as is'), { level: 0 });
    return w.finish();
  };

  test('what ZipWriter writes, ZipReader reads: names, order, bytes, metadata', () => {
    const reader = ZipReader.open(write());
    expect(reader.entries.map((e) => e.name)).toEqual([...files.map(([n]) => n), 'stored.txt']);
    for (const [name, data] of files) {
      const entry = reader.entries.find((e) => e.name === name)!;
      expect(entry).toMatchObject({ method: 8, uncompressedSize: data.length, crc32: crc32(data), encrypted: false, isDirectory: name.endsWith('/') });
      expect(sha(contentOf(reader, entry))).toBe(sha(data));
    }
    const [random_, repetitive_, stored] = ['random.bin', 'repetitive.xml', 'stored.txt'].map((n) => reader.entries.find((e) => e.name === n)!);
    expect(random_).toMatchObject({ modTime: (13 << 11) | (45 << 5) | 15, modDate: (44 << 9) | (5 << 5) | 17 });
    expect(repetitive_).toMatchObject({ modTime: 0, modDate: (1 << 5) | 1 }); // 1980-01-01 00:00
    expect(repetitive_.compressedSize).toBeLessThan(repetitive_.uncompressedSize / 50);
    expect(stored).toMatchObject({ method: 0, compressedSize: 10 });
    expect(new TextDecoder().decode(contentOf(reader, stored))).toBe('kept as is');
  });

  test('addRaw copies entries byte for byte (compressed data and metadata)', () => {
    const first = ZipReader.open(write());
    const w = new ZipWriter();
    for (const e of first.entries) w.addRaw(e, first.raw(e));
    const copy = ZipReader.open(w.finish());
    expect(copy.entries).toEqual(first.entries);
    copy.entries.forEach((e, i) => {
      expect(Buffer.from(copy.raw(e)).equals(Buffer.from(first.raw(first.entries[i])))).toBe(true);
      expect(sha(contentOf(copy, e))).toBe(sha(contentOf(first, first.entries[i])));
    });
  });

  test('the writer refuses duplicates, wrong sizes, entries from elsewhere and zip64-sized archives', () => {
    const w = new ZipWriter();
    w.add('a.xml', text('a'));
    expect(() => w.add('a.xml', text('b'))).toThrow(/twice/);
    expect(() => w.addRaw({ name: 'b', method: 0, crc32: 0, compressedSize: 5, uncompressedSize: 5, modTime: 0, modDate: 33 }, new Uint8Array(4))).toThrow(/declared/);
    const reader = ZipReader.open(w.finish());
    expect(() => reader.raw({ ...reader.entries[0] })).toThrow(/not from this archive/);

    const many = new ZipWriter();
    const empty = { method: 0, crc32: 0, compressedSize: 0, uncompressedSize: 0, modTime: 0, modDate: 33 };
    for (let i = 0; i <= 0xffff; i++) many.addRaw({ ...empty, name: `e${i}` }, new Uint8Array(0));
    expect(() => many.finish()).toThrow(/zip64/);
  });
});

// ------------------------------------------------------------------------------------------------

describe('interop: archives written by others', () => {
  /** The names and contents each Python fixture holds. */
  const PYTHON = `
import io, json, os, sys, zipfile
out = sys.argv[1]
files = [("a.txt", b"hello\\n"), ("xl/worksheets/\\u8c03\\u67e5.xml", "<x>\\u6ee1\\u610f</x>".encode()), ("empty.bin", b""),
         ("sub/", b""), ("rand.bin", os.urandom(1 << 20)), ("rep.xml", b"<row><c><v>42</v></c></row>\\n" * 40000)]
def fill(z, **open_kw):
    for name, data in files:
        if open_kw and not name.endswith("/"):
            with z.open(name, "w", **open_kw) as f: f.write(data)
        else:
            z.writestr(name, data)
with zipfile.ZipFile(os.path.join(out, "py-stored.zip"), "w", zipfile.ZIP_STORED) as z: fill(z)
with zipfile.ZipFile(os.path.join(out, "py-deflated.zip"), "w", zipfile.ZIP_DEFLATED) as z: fill(z)
with zipfile.ZipFile(os.path.join(out, "py-comment.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    fill(z)
    z.comment = b"an archive comment " + b"c" * 60000
class Unseekable:  # no tell/seek: zipfile writes data descriptors (flag bit 3)
    def __init__(self, f): self.f = f
    def write(self, b): return self.f.write(b)
    def flush(self): self.f.flush()
with open(os.path.join(out, "py-descriptor.zip"), "wb") as raw:
    with zipfile.ZipFile(Unseekable(raw), "w", zipfile.ZIP_DEFLATED) as z: fill(z)
with zipfile.ZipFile(os.path.join(out, "py-force64.zip"), "w", zipfile.ZIP_DEFLATED) as z: fill(z, force_zip64=True)
# Lowered limits: zip64 extra fields in the central directory, a zip64 end record and its locator.
zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = 1024, 2
with zipfile.ZipFile(os.path.join(out, "py-zip64.zip"), "w", zipfile.ZIP_DEFLATED) as z: fill(z)
`;
  let dir: string;
  beforeAll(() => {
    dir = path.join(tmp, 'python');
    mkdirSync(dir);
    execFileSync('python3', ['-c', PYTHON, dir]);
  });

  /** Our reading of `file` equals Python's: names, order, sizes, contents. */
  function readsLikePython(file: string): { reader: ZipReader; described: Described } {
    const described = pythonView(file);
    expect(described.bad).toBeNull();
    const reader = ZipReader.open(new Uint8Array(readFileSync(file)));
    expect(reader.entries.map((e) => e.name)).toEqual(described.entries.map((e) => e.name));
    reader.entries.forEach((e, i) => {
      expect(e.uncompressedSize).toBe(described.entries[i].size);
      expect(sha(contentOf(reader, e))).toBe(described.entries[i].sha);
    });
    return { reader, described };
  }

  test.each(['py-stored.zip', 'py-deflated.zip', 'py-comment.zip', 'py-force64.zip'])('Python zipfile: %s', (name) => {
    const { reader, described } = readsLikePython(path.join(dir, name));
    expect(reader.entries.map((e) => e.name)).toContain('xl/worksheets/调查.xml');
    expect(reader.entries.find((e) => e.name === 'sub/')?.isDirectory).toBe(true);
    expect(new Set(reader.entries.filter((e) => !e.isDirectory).map((e) => e.method))).toEqual(new Set([name === 'py-stored.zip' ? 0 : 8]));
    if (name === 'py-comment.zip') expect(described.comment).toBeGreaterThan(60000);
  });

  test('Python zipfile, data descriptors (written to an unseekable stream)', () => {
    const { described } = readsLikePython(path.join(dir, 'py-descriptor.zip'));
    expect(described.entries.filter((e) => e.flags & 8).length).toBeGreaterThan(0);
  });

  test('Python zipfile, zip64 end record and zip64 extra fields in the central directory', () => {
    const file = path.join(dir, 'py-zip64.zip');
    expect(readFileSync(file).includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
    readsLikePython(file);
  });

  withTool('zip')('Info-ZIP zip: plain, stored, forced zip64, streamed through a pipe (data descriptors), from stdin', () => {
    const src = path.join(tmp, 'cli-src');
    mkdirSync(path.join(src, 'sub'), { recursive: true });
    const disk: Record<string, Uint8Array> = {
      'a.txt': text('hello\n'),
      'empty.bin': new Uint8Array(0),
      'rand.bin': new Uint8Array(randomBytes(300_000)),
      'sub/b.xml': text('<r>x</r>\n'.repeat(20_000)),
      '调查.txt': text('满意度'),
    };
    for (const [name, data] of Object.entries(disk)) writeFileSync(path.join(src, name), data);
    const sh = (cmd: string) => execFileSync('sh', ['-c', cmd], { cwd: src, env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
    const archives = {
      plain: '../cli.zip',
      stored: '../cli-stored.zip',
      zip64: '../cli-zip64.zip',
      piped: '../cli-piped.zip',
      stdin: '../cli-stdin.zip',
    };
    sh(`zip -q -r ${archives.plain} .`);
    sh(`zip -q -r -0 ${archives.stored} .`);
    sh(`zip -q -r -fz ${archives.zip64} .`);
    sh(`zip -q -r - . | cat > ${archives.piped}`);
    sh(`cat rand.bin | zip -q - - | cat > ${archives.stdin}`);

    for (const [kind, rel] of Object.entries(archives)) {
      const file = path.join(src, rel);
      const reader = ZipReader.open(new Uint8Array(readFileSync(file)));
      const got = Object.fromEntries(reader.entries.filter((e) => !e.isDirectory).map((e) => [e.name, sha(contentOf(reader, e))]));
      const want = kind === 'stdin' ? { '-': sha(disk['rand.bin']) } : Object.fromEntries(Object.entries(disk).map(([n, d]) => [n, sha(d)]));
      expect({ kind, entries: got }).toEqual({ kind, entries: want });
      if (kind !== 'stdin') expect(reader.entries.filter((e) => e.isDirectory).map((e) => e.name)).toEqual(['sub/']);
      if (kind === 'piped') expect(pythonView(file).entries.some((e) => e.flags & 8)).toBe(true);
    }
  });
});

describe('interop: archives we write, read by others', () => {
  let file: string;
  let written: Map<string, Uint8Array>;
  beforeAll(() => {
    written = new Map<string, Uint8Array>([
      ['[Content_Types].xml', text('<Types/>')],
      ['xl/worksheets/调查.xml', text('<worksheet>满意度</worksheet>')],
      ['xl/media/', new Uint8Array(0)],
      ['empty.bin', new Uint8Array(0)],
      ['random.bin', new Uint8Array(randomBytes(2 * MB))],
      ['repetitive.xml', text('<c><v>1</v></c>'.repeat(130_000))],
    ]);
    const w = new ZipWriter();
    for (const [name, data] of written) w.add(name, data);
    w.add('stored.txt', text('stored'), { level: 0 });
    written.set('stored.txt', text('stored'));
    file = path.join(tmp, 'ours.zip');
    writeFileSync(file, w.finish());
  });

  test("Python's zipfile: testzip passes, names (UTF-8) and contents as written", () => {
    const d = pythonView(file);
    expect(d.bad).toBeNull();
    expect(d.entries.map((e) => e.name)).toEqual([...written.keys()]);
    for (const e of d.entries) expect(e.sha).toBe(sha(written.get(e.name)!));
    expect(d.entries.find((e) => e.name === 'xl/worksheets/调查.xml')!.flags & 0x800).toBe(0x800);
    expect(d.entries.find((e) => e.name === 'empty.bin')!.flags & 0x800).toBe(0);
  });

  withTool('unzip')('unzip -t finds no errors, and unzip -p extracts the same bytes', () => {
    const out = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(out).toMatch(/No errors detected/);
    expect(sha(execFileSync('unzip', ['-p', file, 'random.bin'], { maxBuffer: 8 * MB }))).toBe(sha(written.get('random.bin')!));
  });

  test('an archive comment holding a decoy end record (which trips Python) is read past', () => {
    const zip = oneEntry('a.txt', text('a'));
    const comment = Buffer.concat([Buffer.from('decoy '), Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(40_000, 0x63)]);
    const withComment = new Uint8Array(Buffer.concat([zip, comment]));
    new DataView(withComment.buffer).setUint16(zip.length - 2, comment.length, true);
    const reader = ZipReader.open(withComment);
    expect(reader.entries.map((e) => e.name)).toEqual(['a.txt']);
    expect(new TextDecoder().decode(contentOf(reader, reader.entries[0]))).toBe('a');
  });

  test('a name in neither ASCII nor UTF-8 is read as CP437, as Python reads it', () => {
    const zip = oneEntry('xx.txt', text('legacy'));
    for (let i = 0; i < zip.length - 1; i++) if (zip[i] === 0x78 && zip[i + 1] === 0x78) zip.set([0x82, 0x94], i); // "éö" in CP437
    const cp437 = path.join(tmp, 'cp437.zip');
    writeFileSync(cp437, zip);
    expect(ZipReader.open(zip).entries[0].name).toBe('éö.txt');
    expect(pythonView(cp437).entries[0].name).toBe('éö.txt');
  });
});

// ------------------------------------------------------------------------------------------------

describe('limits and damage', () => {
  const zeros = new Uint8Array(10 * MB);
  const bomb = oneEntry('zeros.bin', zeros);

  test('an entry declaring more than the limit throws ZipLimitError before producing anything', () => {
    const reader = ZipReader.open(bomb);
    const entry = reader.entries[0];
    expect(entry.uncompressedSize / entry.compressedSize).toBeGreaterThan(900);
    let seen = 0;
    const err = (() => {
      try {
        reader.inflate(entry, MB, (c) => void (seen += c.length));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ZipLimitError);
    expect(err).toMatchObject({ entry: 'zeros.bin', limit: MB });
    expect(seen).toBe(0);
  });

  test('a highly compressed entry streams in small chunks', async () => {
    const reader = ZipReader.open(bomb);
    let max = 0;
    let total = 0;
    expect(reader.inflate(reader.entries[0], 20 * MB, (c) => void ((max = Math.max(max, c.length)), (total += c.length)))).toBe(10 * MB);
    expect(total).toBe(10 * MB);
    expect(max).toBeLessThanOrEqual(256 * 1024);
    expect(await reader.inflateAsync(reader.entries[0], 20 * MB, () => undefined)).toBe(10 * MB);
  });

  test('a directory that understates the size: nothing past it is handed on; ZipLimitError past the limit, else ZipFormatError', () => {
    for (const [declared, limit, expected] of [
      [100, 20 * MB, 'truncated'],
      [MB, 20 * MB, 'truncated'],
      [100, 2 * MB, 'limit'],
    ] as const) {
      const reader = ZipReader.open(patched(bomb, 0, [{ at: 24, size: 4, value: declared }]));
      let total = 0;
      let max = 0;
      const outcome = (() => {
        try {
          reader.inflate(reader.entries[0], limit, (c) => void ((total += c.length), (max = Math.max(max, c.length))));
          return 'no error';
        } catch (e) {
          return e instanceof ZipLimitError ? 'limit' : e instanceof ZipFormatError ? e.problem : String(e);
        }
      })();
      expect({ declared, limit, outcome }).toEqual({ declared, limit, outcome: expected });
      expect(total).toBeLessThanOrEqual(declared);
      expect(max).toBeLessThanOrEqual(256 * 1024);
    }
    const lying = ZipReader.open(patched(oneEntry('big.bin', new Uint8Array(MB)), 0, [{ at: 24, size: 4, value: 100 }]));
    expect(problemOf(() => lying.inflate(lying.entries[0], MB, () => undefined))).toBe('truncated');
    expect(() => lying.inflate(lying.entries[0], MB / 2, () => undefined)).toThrow(ZipLimitError);
    expect(() => lying.inflate(lying.entries[0], 50, () => undefined)).toThrow(ZipLimitError);
  });

  test('onChunk returning false stops early, without error', () => {
    const reader = ZipReader.open(oneEntry('r.bin', new Uint8Array(randomBytes(2 * MB))));
    let calls = 0;
    const n = reader.inflate(reader.entries[0], 4 * MB, () => (calls++, false));
    expect(calls).toBe(1);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(2 * MB);
  });

  test('encrypted entries, unsupported methods, CRC mismatch, corrupt deflate data', () => {
    const zip = oneEntry('a.xml', text('<a>'.repeat(1000)));
    const encrypted = ZipReader.open(patched(zip, 0, [{ at: 8, size: 2, value: 1 }]));
    expect(encrypted.entries[0].encrypted).toBe(true);
    expect(problemOf(() => encrypted.inflate(encrypted.entries[0], MB, () => undefined))).toBe('encrypted');

    const lzma = ZipReader.open(patched(zip, 0, [{ at: 10, size: 2, value: 12 }]));
    expect(lzma.entries[0].method).toBe(12);
    expect(problemOf(() => lzma.inflate(lzma.entries[0], MB, () => undefined))).toBe('unsupported');

    const badCrc = ZipReader.open(patched(zip, 0, [{ at: 16, size: 4, value: 0x12345678 }]));
    expect(() => badCrc.inflate(badCrc.entries[0], MB, () => undefined)).toThrow(expect.objectContaining({ problem: 'crc', entries: ['a.xml'] }));

    const random = oneEntry('r.bin', new Uint8Array(randomBytes(100_000)).map((b, i) => (i % 7 ? b : 65)));
    const reader = ZipReader.open(random);
    const raw = reader.raw(reader.entries[0]);
    for (let i = 0; i < raw.length; i += 997) raw[i] ^= 0x5a; // raw() is a view: this damages the archive itself
    expect(problemOf(() => reader.inflate(reader.entries[0], MB, () => undefined))).toBe('truncated');
  });

  test('truncated, random and empty inputs; a directory pointing outside the data', () => {
    const zip = oneEntry('r.bin', new Uint8Array(randomBytes(50_000)));
    expect(['truncated', 'not-zip']).toContain(problemOf(() => ZipReader.open(zip.subarray(0, zip.length >> 1))));
    expect(problemOf(() => ZipReader.open(new Uint8Array(randomBytes(10_000))))).toBe('not-zip');
    expect(problemOf(() => ZipReader.open(new Uint8Array(0)))).toBe('not-zip');
    expect(problemOf(() => ZipReader.open(patched(zip, -1, [{ at: 16, size: 4, value: zip.length }])))).toBe('truncated');
    expect(problemOf(() => ZipReader.open(patched(zip, 0, [{ at: 42, size: 4, value: zip.length - 10 }])))).toBe('truncated');
    // The local header is gone but the directory is whole: found at open, before anything is read.
    const cut = zip.slice();
    cut.fill(0, 0, 30);
    expect(problemOf(() => ZipReader.open(cut))).toBe('truncated');
  });

  test('maxEntries', () => {
    const w = new ZipWriter();
    for (let i = 0; i < 10; i++) w.add(`e${i}.xml`, text(`<e${i}/>`));
    const zip = w.finish();
    expect(ZipReader.open(zip, { maxEntries: 10 }).entries).toHaveLength(10);
    expect(problemOf(() => ZipReader.open(zip, { maxEntries: 5 }))).toBe('too-many-entries');
  });
});

// ------------------------------------------------------------------------------------------------

describe('one archive, one reading', () => {
  const two = () => {
    const w = new ZipWriter();
    w.add('xl/a1.xml', text('<a>first</a>'));
    w.add('xl/b2.xml', text('<b>second, longer</b>'));
    return w.finish();
  };
  /** Offsets of every occurrence of `needle` in `hay`. */
  const find = (hay: Uint8Array, needle: string) => {
    const n = text(needle);
    const out: number[] = [];
    for (let i = 0; i + n.length <= hay.length; i++) if (n.every((b, k) => hay[i + k] === b)) out.push(i);
    return out;
  };

  test('a local header naming another entry than the directory does is refused, naming both', () => {
    const zip = two();
    const [localA, centralA] = find(zip, 'xl/a1.xml');
    expect(centralA).toBeGreaterThan(localA);
    zip.set(text('xl/b2.xml'), localA);
    let caught: unknown;
    try {
      ZipReader.open(zip);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ problem: 'name-mismatch', entries: ['xl/a1.xml', 'xl/b2.xml'] });
  });

  test('two entries of one name are refused', () => {
    const zip = two();
    for (const at of find(zip, 'xl/b2.xml')) zip.set(text('xl/a1.xml'), at);
    expect(problemOf(() => ZipReader.open(zip))).toBe('duplicate-name');
  });

  test("entries whose data overlap (two directory records, one local header's bytes) are refused", () => {
    const zip = two();
    // The second record points at the first entry's local header, renamed to match: one name each, shared bytes.
    const view = new DataView(zip.buffer);
    const cd = view.getUint32(zip.length - 22 + 16, true);
    const second = cd + 46 + view.getUint16(cd + 28, true);
    const [a] = ZipReader.open(zip).entries;
    view.setUint32(second + 42, 0, true);
    view.setUint32(second + 20, a.compressedSize, true);
    expect(problemOf(() => ZipReader.open(zip))).toBe('name-mismatch');
    const copy = zip.slice();
    const names = find(copy, 'xl/b2.xml');
    copy.set(text('xl/a1.xml'), names[names.length - 1]);
    expect(problemOf(() => ZipReader.open(copy))).toBe('duplicate-name');
  });

  test('overlapping data under distinct names is refused as overlap', () => {
    const w = new ZipWriter();
    w.add('a', text('x'.repeat(100)), { level: 0 });
    w.add('b', text('y'.repeat(100)), { level: 0 });
    const zip = w.finish();
    const view = new DataView(zip.buffer);
    // Entry b's directory record claims 200 bytes: its data would run over the directory, and a's claims over b.
    const cd = view.getUint32(zip.length - 22 + 16, true);
    view.setUint32(cd + 20, 150, true);
    view.setUint32(cd + 24, 150, true);
    expect(problemOf(() => ZipReader.open(zip))).toBe('overlap');
  });

  test('the end record count wrapped (a writer without zip64): the directory records are counted', () => {
    const w = new ZipWriter();
    for (let i = 0; i < 12; i++) w.add(`e${i}`, text(`${i}`));
    const zip = patched(w.finish(), -1, [
      { at: 8, size: 2, value: 2 },
      { at: 10, size: 2, value: 2 },
    ]);
    expect(ZipReader.open(zip).entries).toHaveLength(12);
    expect(problemOf(() => ZipReader.open(zip, { maxEntries: 10 }))).toBe('too-many-entries');
  });

  test('the ratio is output over compressed bytes consumed: junk after the last block earns nothing', () => {
    const data = new Uint8Array(8 * MB).fill(0x20);
    const honestReader = ZipReader.open(oneEntry('s.xml', data));
    const entry = honestReader.entries[0];
    // Pad the stream with junk so the declared compressed size is 1/100 of the output.
    const junk = Math.ceil(data.length / 100) - entry.compressedSize;
    const w = new ZipWriter();
    const raw = honestReader.raw(entry);
    w.addRaw({ ...entry, compressedSize: raw.length + junk }, new Uint8Array(Buffer.concat([raw, randomBytes(junk)])));
    const padded = ZipReader.open(w.finish());
    const e = padded.entries[0];
    expect(e.uncompressedSize / e.compressedSize).toBeLessThanOrEqual(100);
    let produced = 0;
    let seen = 0;
    const limits = { bytes: 64 * MB, ratio: 250, ratioFloor: MB, onProduced: (n: number) => void (produced += n) };
    let caught: unknown;
    try {
      padded.inflate(e, limits, (c) => void (seen += c.length));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ZipLimitError);
    expect(caught).toMatchObject({ kind: 'ratio', limit: 250, entry: 's.xml' });
    expect(seen).toBeLessThanOrEqual(MB + 256 * 1024);
    expect(produced).toBeLessThanOrEqual(MB); // the piece past the floor was refused, not counted
    // Without the ratio, the same entry inflates whole, its CRC checked.
    expect(padded.inflate(e, 64 * MB, () => undefined)).toBe(data.length);
  });

  test('onProduced counts output past the declared size too (it is inflated, even if never handed on)', () => {
    const lying = ZipReader.open(patched(oneEntry('big.bin', new Uint8Array(MB)), 0, [{ at: 24, size: 4, value: 100 }]));
    let produced = 0;
    let handed = 0;
    expect(problemOf(() => lying.inflate(lying.entries[0], { bytes: 2 * MB, onProduced: (n) => void (produced += n) }, (c) => void (handed += c.length)))).toBe('truncated');
    expect(handed).toBeLessThanOrEqual(100);
    expect(produced).toBe(MB);
  });

  test('a read stopped early is not CRC-checked and returns what it produced; a whole read is', () => {
    const zip = patched(oneEntry('r.bin', new Uint8Array(randomBytes(2 * MB))), 0, [{ at: 16, size: 4, value: 0x1234 }]);
    const reader = ZipReader.open(zip);
    expect(reader.inflate(reader.entries[0], 4 * MB, () => false)).toBeLessThan(2 * MB);
    expect(problemOf(() => reader.inflate(reader.entries[0], 4 * MB, () => undefined))).toBe('crc');
  });
});

// ------------------------------------------------------------------------------------------------

describe('workbooks of test/corpus', () => {
  const corpus = path.join(__dirname, '..', 'corpus');
  const workbooks = readdirSync(corpus).filter((f) => f.endsWith('.xlsx'));

  test('there are some', () => expect(workbooks.length).toBeGreaterThan(0));

  test.each(workbooks)('%s: every entry inflates to its size; an addRaw copy reads the same in Python', (name) => {
    const bytes = new Uint8Array(readFileSync(path.join(corpus, name)));
    const reader = ZipReader.open(bytes);
    const hashes = new Map<string, string>();
    for (const e of reader.entries) hashes.set(e.name, sha(contentOf(reader, e, 256 * MB)));

    const w = new ZipWriter();
    for (const e of reader.entries) w.addRaw(e, reader.raw(e));
    const copy = path.join(tmp, `copy-${name}`);
    writeFileSync(copy, w.finish());
    const d = pythonView(copy);
    expect(d.bad).toBeNull();
    expect(d.entries.map((e) => [e.name, e.sha])).toEqual([...hashes]);
  });
});
