/**
 * No regular expression reads XML in src/: every part we edit goes through the one XML layer
 * (src/host/xlsx/xml.ts, saxes with offsets). A regex that matches markup — a `<` followed by a tag
 * name, `/`, `?`, `!` or a group — cannot tell a comment, CDATA or a quoted `>` from a tag, which is
 * how files from the wild got corrupted. Escaping one character (`/</g` → `&lt;`) and character
 * classes are fine. Also refused: `new RegExp(...)` over text that holds markup.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SRC = path.join(__dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** The pattern with character classes removed (a `<` inside `[...]` is one character, not markup). */
function withoutClasses(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += inClass ? '' : pattern.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else out += c;
  }
  return out;
}

/** Whether a regex source reads markup: `<` followed by a name, `/`, `\/`, `?`, `!`, `(` or a class escape (lookbehinds and named groups are regex syntax, not markup). */
export function readsMarkup(pattern: string): boolean {
  pattern = pattern.replace(/\(\?<[=!]/g, '(').replace(/\(\?<[A-Za-z_]\w*>/g, '(');
  return /<(?:[A-Za-z_(?!/]|\\[/wWsS?!])/.test(withoutClasses(pattern));
}

function offenders(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (n: ts.Node) => `${path.relative(SRC, file)}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    if (ts.isRegularExpressionLiteral(n)) {
      const body = n.text.slice(1, n.text.lastIndexOf('/'));
      if (readsMarkup(body)) found.push(`${at(n)} ${n.text}`);
    } else if (ts.isNewExpression(n) || ts.isCallExpression(n)) {
      const callee = n.expression.getText(source);
      const arg = n.arguments?.[0];
      if (callee === 'RegExp' && arg && (ts.isStringLiteralLike(arg) || ts.isTemplateExpression(arg)) && readsMarkup(arg.getText(source).slice(1, -1))) found.push(`${at(n)} ${n.getText(source)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

test('the rule bites: markup-reading patterns are caught, escaping and classes are not', () => {
  for (const p of ['<(?:\\w+:)?row\\b', '</', '<\\/c>', '<c r="', '<(\\/?)([a-zA-Z]+)', '<!--', '<\\?xml', '<\\w']) expect({ p, bites: readsMarkup(p) }).toEqual({ p, bites: true });
  for (const p of ['<', '>', '[&<>]', '&', '[<>"]', '^\\s|\\s$', '(?<![A-Z])x', '(?<=a)b', '(?<name>x)']) expect({ p, bites: readsMarkup(p) }).toEqual({ p, bites: false });
});

test('no regular expression in src/ parses XML', () => {
  const all = files(SRC).flatMap(offenders);
  expect(all).toEqual([]);
});
