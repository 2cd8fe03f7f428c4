/**
 * The browser floor for the pane bench: the responses sheet unzipped and streamed through saxes into
 * rows — nothing else — in the page, so the pane's time and heap have something to be measured against.
 */
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

interface Streamable {
  internalStream(type: 'uint8array'): {
    on(e: string, cb: (x: Uint8Array) => void): ReturnType<Streamable['internalStream']>;
    resume(): void;
  };
}

async function floor(bytes: ArrayBuffer, part: string): Promise<number> {
  const zip = await JSZip.loadAsync(bytes);
  const rows: string[][] = [];
  let row: string[] = [];
  let text = '';
  let on = false;
  const p = new SaxesParser({ position: false });
  p.on('opentag', (t) => {
    if (t.name === 'row') rows.push((row = []));
    else if (t.name === 'v' || t.name === 't') {
      on = true;
      text = '';
    }
  });
  p.on('closetag', (t) => {
    if (t.name === 'v' || t.name === 't') {
      on = false;
      row.push(text);
    }
  });
  p.on('text', (t) => {
    if (on) text += t;
  });
  const dec = new TextDecoder();
  await new Promise<void>((resolve) => {
    const s = (zip.file(part) as unknown as Streamable).internalStream('uint8array');
    s.on('data', (c) => p.write(dec.decode(c, { stream: true })));
    s.on('end', () => resolve());
    s.resume();
  });
  p.close();
  return rows.length;
}

(globalThis as unknown as { csatFloor: typeof floor }).csatFloor = floor;
