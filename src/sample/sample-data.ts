/**
 * The built-in sample: a realistic year of survey responses (4 quarters, 30–60 customers each, four
 * customer groups, all three survey methods, a few blanks and 不适用, some weaker items and groups)
 * from a seeded generator, so every run and every test sees the same data.
 */
import { responseColumns, SOURCE_COLUMN, SURVEY_METHODS, type CellValue, type Template } from '../domain';

/** Mulberry32: a small, well-known seeded PRNG (deterministic samples, not cryptography). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SAMPLE_GROUPS = ['政府机关', '金融机构', '医疗卫生', '制造企业'] as const;

const CUSTOMER_STEMS = [
  '市政务服务中心', '区税务局', '市公安局', '区教育局', '市人社局', '市卫健委', '区财政局', '市交通委',
  '城商银行', '农商银行', '证券营业部', '保险分公司', '信托公司', '村镇银行', '消费金融公司', '期货公司',
  '人民医院', '中医医院', '妇幼保健院', '疾控中心', '口腔医院', '社区卫生中心', '肿瘤医院', '儿童医院',
  '汽车零部件厂', '电子科技公司', '精密机械公司', '新材料公司', '食品集团', '制药公司', '包装印刷厂', '化工公司',
];
const CITIES = ['北京', '天津', '石家庄', '保定', '廊坊', '唐山', '沧州', '张家口'];
const SURVEYORS = ['王敏', '李静', '张磊', '刘洋', '陈晨'];
const COMMENTS = [
  '希望备件到货再快一些', '热线高峰期偶尔占线', '培训内容可以更贴近实际操作', '服务报告希望按月提供',
  '工程师技术过硬，响应及时', '回访电话有点频繁', '', '', '', '', '', '', '整体满意，继续保持',
];

export interface SampleOptions {
  year?: number;
  seed?: number;
}

/** Header row and rows of the sample, in the `调查数据` column order. */
export function sampleResponses(template: Template, options: SampleOptions = {}): { header: string[]; rows: CellValue[][] } {
  const year = options.year ?? 2026;
  const rand = seededRandom(options.seed ?? 20260101);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  // 调查数据's columns but 来源编号 (hand-entered rows have no import origin).
  const header = responseColumns(template.items.map((it) => it.name)).filter((c) => c !== SOURCE_COLUMN);
  const rows: CellValue[][] = [];
  // Group quality and item difficulty shape the data so the analysis has something to find.
  const groupShift: Record<string, number> = { 政府机关: 0.04, 金融机构: 0.02, 医疗卫生: -0.02, 制造企业: -0.07 };
  const weakItems = new Set(['备件供应', '培训', '热线畅通']);
  for (let q = 0; q < 4; q++) {
    const n = 30 + Math.floor(rand() * 31);
    const quarterShift = [-0.1, -0.04, 0.01, 0.035][q];
    for (let k = 0; k < n; k++) {
      const group = SAMPLE_GROUPS[k % 4];
      const customer = `${pick(CITIES)}${CUSTOMER_STEMS[(k % 4) * 8 + Math.floor(rand() * 8)]}`;
      const month = q * 3 + 1 + Math.floor(rand() * 3);
      const day = 1 + Math.floor(rand() * 28);
      const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const method = pick(SURVEY_METHODS);
      const answers = template.items.map((it) => {
        const u = rand();
        if (u < 0.015) return null;
        if (u < 0.03) return '不适用';
        // Lower quality moves answers from 满意 down the scale, mostly to 较满意 and 一般.
        const base = 0.62 + groupShift[group] + quarterShift - (weakItems.has(it.name) ? 0.12 : 0);
        const gap = 0.62 - base;
        const v = rand();
        let edge = base;
        if (v < edge) return '满意';
        if (v < (edge += 0.29 + gap * 0.5)) return '较满意';
        if (v < (edge += 0.06 + gap * 0.3)) return '一般';
        if (v < (edge += 0.02 + gap * 0.15)) return '不满意';
        return '很不满意';
      });
      rows.push([customer, group, `${customer.slice(0, 2)}运维服务项目`, method, date, pick(SURVEYORS), ...answers, pick(COMMENTS)]);
    }
  }
  return { header, rows };
}
