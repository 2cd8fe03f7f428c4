import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import path from 'node:path';

interface Param {
  name: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMeta {
  id: string;
  description: string;
  parameters: Param[];
  options?: { requiresParameterAddresses?: boolean };
}

// The generator's own CLI exits 0 on errors (DESIGN §8), so assert on its result here.
describe('custom functions metadata', () => {
  let functions: FunctionMeta[];
  beforeAll(async () => {
    const result = await generateCustomFunctionsMetadata(path.join(__dirname, '../../src/functions/functions.ts'));
    expect(result.errors).toEqual([]);
    functions = JSON.parse(result.metadataJson).functions;
  });

  it('lists every CSAT function', () => {
    expect(functions.map((f) => f.id).sort()).toEqual(['CATEGORY', 'COUNT', 'ITEM', 'OVERALL', 'RESPONDENTS', 'SCORE', 'TARGETMET']);
  });

  it('takes ranges as matrices and asks Excel for their addresses', () => {
    for (const f of functions) {
      for (const p of f.parameters.filter((x) => x.name === 'responses' || x.name === 'template')) {
        expect([f.id, p.name, p.dimensionality]).toEqual([f.id, p.name, 'matrix']);
      }
      expect(f.options?.requiresParameterAddresses).toBe(true);
      expect(f.parameters.find((p) => p.name === 'template')?.optional).toBe(true);
    }
  });

  it('has Chinese help text first, then English', () => {
    for (const f of functions) expect(f.description).toMatch(/^[\u4e00-\u9fff].*[A-Za-z]/s);
  });
});
