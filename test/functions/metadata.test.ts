/**
 * functions.json, field by field, against what the JSDoc of src/functions/functions.ts declares
 * (issue 13 item 6). The expected metadata is derived here, independently of custom-functions-metadata,
 * by parsing the source with the TypeScript compiler API and applying the documented conventions:
 * `@customfunction ID [NAME]`, the comment text as description, each `@param` (bracketed = optional),
 * the parameter's TypeScript type (`T[][]` → matrix; number/string/boolean; anything else → any),
 * a trailing `CustomFunctions.Invocation` not being a parameter, `@requiresParameterAddresses`,
 * `@volatile`, `@stream`/`@cancelable`, `@helpurl`, and the return type as result.
 * Checked: the shipped dist/functions.json (`npm test` builds first) and the generator run on the source.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';

const SOURCE = path.join(__dirname, '../../src/functions/functions.ts');
const DIST = path.join(__dirname, '../../dist/functions.json');

interface Param {
  name: string;
  description?: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMeta {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: Param[];
  result: { type: string; dimensionality?: string };
  options?: Record<string, boolean>;
}

/** A TypeScript type, as custom functions see it. */
function metaType(node: ts.TypeNode | undefined): { type: string; dimensionality?: string } {
  if (!node) return { type: 'any' };
  if (ts.isTypeReferenceNode(node) && node.typeName.getText() === 'Promise' && node.typeArguments?.length === 1) return metaType(node.typeArguments[0]);
  if (ts.isArrayTypeNode(node) && ts.isArrayTypeNode(node.elementType)) return { type: metaType(node.elementType.elementType).type, dimensionality: 'matrix' };
  if (ts.isParenthesizedTypeNode(node)) return metaType(node.type);
  const scalar: Partial<Record<ts.SyntaxKind, string>> = { [ts.SyntaxKind.NumberKeyword]: 'number', [ts.SyntaxKind.StringKeyword]: 'string', [ts.SyntaxKind.BooleanKeyword]: 'boolean' };
  return { type: scalar[node.kind] ?? 'any' };
}

const tagText = (t: ts.JSDocTag): string => (typeof t.comment === 'string' ? t.comment : (ts.getTextOfJSDocComment(t.comment) ?? '')).trim();

/** The metadata each `@customfunction` in the source declares. */
function declaredMetadata(file: string): FunctionMeta[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2021, true);
  const out: FunctionMeta[] = [];
  for (const st of sf.statements) {
    if (!ts.isFunctionDeclaration(st) || !st.name) continue;
    const docs = ts.getJSDocCommentsAndTags(st).filter(ts.isJSDoc);
    const doc = docs[docs.length - 1];
    const tags: readonly ts.JSDocTag[] = doc?.tags ?? [];
    const cf = tags.find((t) => t.tagName.text === 'customfunction');
    if (!doc || !cf) continue;
    const [id = st.name.text.toUpperCase(), name = id] = tagText(cf).split(/\s+/).filter(Boolean);
    const has = (n: string) => tags.some((t) => t.tagName.text.toLowerCase() === n.toLowerCase());
    const paramDocs = new Map(tags.filter((t): t is ts.JSDocParameterTag => ts.isJSDocParameterTag(t)).map((t) => [t.name.getText(), t] as const));
    const params = [...st.parameters];
    const last = params[params.length - 1];
    const invocationType = last?.type && ts.isTypeReferenceNode(last.type) ? last.type.typeName.getText() : '';
    if (/^CustomFunctions\.(Invocation|StreamingInvocation|CancelableInvocation)$/.test(invocationType)) params.pop();
    const parameters: Param[] = params.map((p) => {
      const pname = p.name.getText();
      const pd = paramDocs.get(pname);
      const param: Param = { name: pname, ...metaType(p.type) };
      const description = pd ? tagText(pd) : '';
      if (description) param.description = description;
      if ((pd && pd.isBracketed) || p.questionToken || p.initializer) param.optional = true;
      return param;
    });
    const options: Record<string, boolean> = {};
    if (has('requiresParameterAddresses')) options.requiresParameterAddresses = true;
    if (has('volatile')) options.volatile = true;
    if (has('stream') || invocationType === 'CustomFunctions.StreamingInvocation') options.stream = true;
    if (has('cancelable') || invocationType === 'CustomFunctions.CancelableInvocation') options.cancelable = true;
    const description = typeof doc.comment === 'string' ? doc.comment : ts.getTextOfJSDocComment(doc.comment);
    const help = tags.find((t) => t.tagName.text.toLowerCase() === 'helpurl');
    const meta: FunctionMeta = { id, name, parameters, result: metaType(st.type) };
    if (description) meta.description = description.trim();
    if (help) meta.helpUrl = tagText(help);
    if (Object.keys(options).length) meta.options = options;
    out.push(meta);
  }
  return out;
}

/** Drops empty `options` (absent and `{}` mean the same to Excel) so the comparison is field by field. */
function normalised(f: FunctionMeta): FunctionMeta {
  const { options, ...rest } = f;
  const set = Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v));
  return Object.keys(set).length ? { ...rest, options: set } : rest;
}

const declared = declaredMetadata(SOURCE);

describe('functions.json matches the JSDoc', () => {
  it('the JSDoc parser reads the source (a fixed point: OVERALL as written in functions.ts)', () => {
    const overall = declared.find((f) => f.id === 'OVERALL')!;
    expect(overall.parameters.map((p) => [p.name, p.type, p.dimensionality ?? 'scalar', p.optional ?? false])).toEqual([
      ['responses', 'any', 'matrix', false],
      ['template', 'any', 'matrix', true],
      ['policy', 'string', 'scalar', true],
    ]);
    expect(overall.result).toEqual({ type: 'number' });
    expect(overall.options).toEqual({ requiresParameterAddresses: true });
    expect(declared.find((f) => f.id === 'TARGETMET')!.result).toEqual({ type: 'boolean' });
  });

  const check = (label: string, load: () => Promise<FunctionMeta[]>) => {
    describe(label, () => {
      let shipped: FunctionMeta[];
      beforeAll(async () => {
        shipped = await load();
      });

      it('has exactly the functions the source declares, in order', () => {
        expect(shipped.map((f) => f.id)).toEqual(declared.map((f) => f.id));
      });

      it.each(declared.map((f) => [f.id, f] as const))('%s: id, name, description, help URL, parameters, result, options', (_id, want) => {
        const found = shipped.find((f) => f.id === want.id);
        if (!found) throw new Error(`${want.id} is declared in functions.ts but missing from the metadata (stale build?)`);
        const got = normalised(found);
        expect(got).toEqual(normalised(want));
      });
    });
  };

  check('dist/functions.json (the shipped file)', async () => {
    if (!existsSync(DIST)) throw new Error('dist/functions.json is missing: run `npm run build` first (npm test does)');
    return JSON.parse(readFileSync(DIST, 'utf8')).functions;
  });

  check('custom-functions-metadata on the source (its CLI exits 0 on errors, DESIGN §8)', async () => {
    const result = await generateCustomFunctionsMetadata(SOURCE);
    expect(result.errors).toEqual([]);
    return JSON.parse(result.metadataJson).functions;
  });
});

describe('functions.ts follows the add-in conventions', () => {
  it('takes ranges as matrices and asks Excel for their addresses; the template is optional', () => {
    expect(declared.length).toBeGreaterThanOrEqual(7);
    for (const f of declared) {
      for (const p of f.parameters.filter((x) => x.name === 'responses' || x.name === 'template')) expect([f.id, p.name, p.dimensionality]).toEqual([f.id, p.name, 'matrix']);
      expect([f.id, f.options?.requiresParameterAddresses]).toEqual([f.id, true]);
      const template = f.parameters.find((p) => p.name === 'template');
      if (template) expect([f.id, template.optional]).toEqual([f.id, true]);
    }
  });

  it('has Chinese help text first, then English, for every function and parameter', () => {
    for (const f of declared) {
      expect([f.id, f.description]).toEqual([f.id, expect.stringMatching(/^[\u4e00-\u9fff].*[A-Za-z]/s)]);
      for (const p of f.parameters) expect([f.id, p.name, p.description]).toEqual([f.id, p.name, expect.stringMatching(/^[\u4e00-\u9fff"“].*[A-Za-z]/s)]);
    }
  });
});
