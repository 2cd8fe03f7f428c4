import { Body1, Caption1, Card, CardHeader, Subtitle2, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { TABLE_4_1 } from '../domain';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, maxWidth: '100%' },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

const FUNCTIONS: readonly [string, string][] = [
  ['=CSAT.OVERALL(数据区域)', '总体满意度'],
  ['=CSAT.ITEM(数据区域, "软件")', '分项满意度'],
  ['=CSAT.CATEGORY(数据区域, "服务态度")', '类别满意度'],
  ['=CSAT.COUNT(数据区域, "软件", "满意")', '某项某等级人数'],
  ['=CSAT.RESPONDENTS(数据区域)', '样本数'],
  ['=CSAT.SCORE("较满意")', '等级分值'],
  ['=CSAT.TARGETMET(数据区域)', '是否达到目标'],
];

/** The pane's shell: what the add-in offers today (the buttons arrive with the task-pane issue). */
export function App() {
  const styles = useStyles();
  return (
    <main className={styles.root} aria-label="客户满意度 CSAT">
      <Title3 as="h1">客户满意度 CSAT</Title3>
      <Body1>按《客户满意度调查管理制度》XDYJ-04-03 表4-1 计算满意度（{TABLE_4_1.items.length} 个项目，目标 ≥ {TABLE_4_1.target * 100}%）。</Body1>
      <Card>
        <CardHeader header={<Subtitle2 as="h2">单元格函数</Subtitle2>} />
        {FUNCTIONS.map(([formula, what]) => (
          <div key={formula}>
            <div className={styles.code}>{formula}</div>
            <Caption1>{what}</Caption1>
          </div>
        ))}
      </Card>
    </main>
  );
}
