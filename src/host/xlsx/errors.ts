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
  | 'macro-needs-xlsm'
  | 'too-many-entries'
  | 'inflate-ratio'
  | 'package-too-large'
  | 'zip-name-mismatch'
  | 'zip-duplicate'
  | 'zip-case-duplicate'
  | 'zip-overlap'
  | 'zip-crc'
  | 'too-many-cells'
  | 'too-many-cells-total'
  | 'shared-string-too-long'
  | 'too-many-shared-strings'
  | 'xml-run-too-long'
  | 'xml-malformed';

export interface XlsxProblemParams {
  part?: string;
  detail?: string;
  sheet?: string;
  cell?: string;
  mb?: number;
  limitMb?: number;
  /** A second entry or part the problem is between (zip consistency). */
  other?: string;
  count?: number;
  /** A limit of limits.ts, as the message shows it (`10,000`). */
  limit?: string;
  index?: number;
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
  'bad-xml': (p) => {
    // A position `line:column` is said in words; any other detail is ours (e.g. "root <x> is not a worksheet").
    const at = /^(\d+):(\d+)$/.exec(p.detail ?? '');
    return at
      ? [`的 ${p.part} 不是有效的 XML（第 ${at[1]} 行第 ${at[2]} 列附近）`, `has ${p.part}, which is not well-formed XML (near line ${at[1]}, column ${at[2]})`]
      : [`的 ${p.part} 不是有效的 XML（${p.detail ?? ''}）`, `has ${p.part}, which is not well-formed XML (${p.detail ?? ''})`];
  },
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
  // Limits (limits.ts): each names the part or cell and the limit.
  'too-many-entries': (p) => [
    `的 zip 条目${p.count === undefined ? '' : `（${p.count.toLocaleString('en-US')} 个）`}超过 ${p.limit} 个上限，未继续读取`,
    `holds more zip entries${p.count === undefined ? '' : ` (${p.count.toLocaleString('en-US')})`} than the limit of ${p.limit}; reading stopped`,
  ],
  'inflate-ratio': (p) => [
    `的 ${p.part} 解压比超过 ${p.limit} 倍（已解压 ${p.mb} MB，只读入了少量压缩数据；可能是压缩炸弹），未继续读取`,
    `has a part ${p.part} that inflates more than ${p.limit} times the compressed bytes it has read (${p.mb} MB so far; possibly a zip bomb); reading stopped`,
  ],
  'package-too-large': (p) => [
    `的各部件解压后合计超过 ${p.limitMb} MB 上限（读到 ${p.part} 时），未继续读取`,
    `inflates beyond the ${p.limitMb} MB limit for all its parts together (at ${p.part}); reading stopped`,
  ],
  // Zip consistency: the container says two things, and tools would disagree on what the file holds.
  'zip-name-mismatch': (p) => [
    `文件已损坏：zip 目录中的条目 ${p.part} 在其本地文件头中名为 ${p.other}（不同工具会读出不同的内容）`,
    `is damaged: the zip directory's entry ${p.part} is named ${p.other} in its local header (different tools would read different content)`,
  ],
  'zip-duplicate': (p) => [`文件已损坏：zip 中有两个名为 ${p.part} 的条目`, `is damaged: the zip holds two entries named ${p.part}`],
  'zip-case-duplicate': (p) => [
    `文件已损坏：zip 中的条目 ${p.part} 与 ${p.other} 只差大小写（按 OPC 规则是同一个部件）`,
    `is damaged: the zip entries ${p.part} and ${p.other} differ only in case (the same part under OPC rules)`,
  ],
  'zip-overlap': (p) => [`文件已损坏：zip 条目 ${p.part} 与 ${p.other} 的数据互相重叠`, `is damaged: the zip entries ${p.part} and ${p.other} overlap`],
  'zip-crc': (p) => [`文件已损坏：部件 ${p.part} 的 CRC-32 校验不符；请重新下载或另存一份`, `is damaged: the part ${p.part} fails its CRC-32 check; download or save it again`],
  'too-many-cells': (p) => [
    `的工作表"${p.sheet}"超过 ${p.limit} 个单元格上限（读到 ${p.sheet}!${p.cell} 时；各行最后一个值之前的空单元格也计入），未继续读取`,
    `has more than the limit of ${p.limit} cells in sheet "${p.sheet}" (at ${p.sheet}!${p.cell}; the empty cells before a row's last value count too); reading stopped`,
  ],
  'too-many-cells-total': (p) => [
    `的各工作表读出的单元格合计超过 ${p.limit} 个上限（读到"${p.sheet}"时），未继续读取`,
    `has more than the limit of ${p.limit} cells in all the sheets read (at "${p.sheet}"); reading stopped`,
  ],
  'shared-string-too-long': (p) => [
    `的 ${p.part} 中第 ${p.index} 个共享字符串超过 Excel 上限 ${p.limit} 个字符，未继续读取`,
    `has shared string number ${p.index} in ${p.part} holding more than Excel's ${p.limit} characters; reading stopped`,
  ],
  'too-many-shared-strings': (p) => [`的 ${p.part} 中共享字符串超过 ${p.limit} 个上限，未继续读取`, `has more than the limit of ${p.limit} shared strings in ${p.part}; reading stopped`],
  'xml-malformed': (p) => {
    const n = (p.count ?? 0).toLocaleString('en-US');
    return [
      `的 ${p.part} 不是有效的 XML（${p.cell ? `在 ${p.cell} 附近` : p.index ? `在第 ${p.index} 个共享字符串附近` : `在第 ${n} 个字符附近`}），未能读取`,
      `has ${p.part}, which is not well-formed XML (${p.cell ? `near ${p.cell}` : p.index ? `near shared string number ${p.index}` : `near character ${n}`}); it could not be read`,
    ];
  },
  'xml-run-too-long': (p) => [
    `的 ${p.part} 中有一段超过 ${p.limit} 个字符的连续文字、属性或注释，未继续读取`,
    `has an unbroken run of text, attributes or comment over ${p.limit} characters in ${p.part}; reading stopped`,
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
