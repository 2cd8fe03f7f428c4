/**
 * What can be wrong with a workbook file, in words a user can act on (zh-CN and en-US). The faces
 * put the file's name in front; no library message or stack trace reaches the user.
 */
export type XlsxProblem =
  | 'not-zip'
  | 'truncated'
  | 'encrypted'
  | 'legacy-xls'
  | 'too-large'
  | 'doctype'
  | 'bad-xml'
  | 'missing-part'
  | 'no-sheet'
  | 'bad-cell'
  | 'bad-string-index'
  | 'text-too-long'
  | 'empty-workbook'
  | 'strict'
  | 'macro-needs-xlsm';

export interface XlsxProblemParams {
  part?: string;
  detail?: string;
  sheet?: string;
  cell?: string;
  mb?: number;
  limitMb?: number;
}

const MESSAGES: Record<XlsxProblem, (p: XlsxProblemParams) => [string, string]> = {
  'not-zip': () => ['不是 .xlsx 工作簿（文件不是 zip 包）', 'is not an .xlsx workbook (the file is not a zip package)'],
  truncated: () => ['文件不完整或已损坏（zip 目录缺失或损坏）；请重新下载或另存一份', 'is incomplete or damaged (its zip directory is missing or broken); download or save it again'],
  encrypted: () => ['文件已加密：请在 Excel 中"文件 → 信息 → 保护工作簿"取消密码后另存，再打开', 'is encrypted: remove the password in Excel (File → Info → Protect Workbook), save, and open it again'],
  'legacy-xls': () => ['是旧版 Excel 二进制文件（.xls）：请在 Excel 或 WPS 中另存为 .xlsx', 'is a legacy binary Excel file (.xls): save it as .xlsx in Excel or WPS'],
  'too-large': (p) => [
    `的 ${p.part} 解压后超过 ${p.limitMb} MB 上限（可能是压缩炸弹），未继续读取`,
    `has a part ${p.part} that inflates beyond the ${p.limitMb} MB limit (possibly a zip bomb); reading stopped`,
  ],
  doctype: (p) => [`的 ${p.part} 含有 DOCTYPE（实体声明），出于安全原因拒绝读取`, `has a DOCTYPE (entity declarations) in ${p.part}; refused for safety`],
  'bad-xml': (p) => [`的 ${p.part} 不是有效的 XML（${p.detail ?? ''}）`, `has ${p.part}, which is not well-formed XML (${p.detail ?? ''})`],
  'missing-part': (p) => [`缺少必需的部件 ${p.part}，不是完整的 .xlsx 工作簿`, `lacks the required part ${p.part}; it is not a complete .xlsx workbook`],
  'no-sheet': (p) => [`中没有名为"${p.sheet}"的工作表`, `has no sheet named "${p.sheet}"`],
  'bad-cell': (p) => [`的工作表"${p.sheet}"中有超出 Excel 范围的单元格地址 ${p.cell}`, `has a cell address beyond Excel's grid in sheet "${p.sheet}": ${p.cell}`],
  'bad-string-index': (p) => [`的单元格 ${p.sheet}!${p.cell} 指向不存在的共享字符串`, `has a cell ${p.sheet}!${p.cell} pointing at a shared string that does not exist`],
  'text-too-long': (p) => [`：单元格 ${p.sheet}!${p.cell} 的文字超过 Excel 上限 32,767 个字符`, `: cell ${p.sheet}!${p.cell} holds more than Excel's 32,767 characters`],
  'empty-workbook': () => ['没有任何工作表', 'has no sheets'],
  strict: () => [
    '为 Strict Open XML 格式（ISO/IEC 29500 Strict），加载项只读不写：请在 Excel 中另存为"Excel 工作簿 (.xlsx)"后再试；未写入任何内容',
    'is in Strict Open XML format (ISO/IEC 29500 Strict), which the add-in reads but does not write: save it in Excel as "Excel Workbook (.xlsx)" and try again; nothing was written',
  ],
  'macro-needs-xlsm': (p) => [
    `是启用宏的工作簿（含 VBA 宏）：输出文件须以 .xlsm 结尾（而不是 ${p.detail}），否则 Excel 无法打开；未写入任何内容`,
    `is a macro-enabled workbook (it holds VBA macros): the output must end in .xlsm (not ${p.detail}), or Excel will not open it; nothing was written`,
  ],
};

export class XlsxError extends Error {
  readonly zh: string;
  readonly en: string;
  constructor(
    readonly problem: XlsxProblem,
    readonly params: XlsxProblemParams = {},
  ) {
    const [zh, en] = MESSAGES[problem](params);
    super(zh);
    this.zh = zh;
    this.en = en;
    this.name = 'XlsxError';
  }
}
