import { Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatPercent, type Analysis } from '../../domain';
import type { Strings } from '../i18n';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS },
  good: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

const pct = (v: number | null | undefined) => formatPercent(v);

/** The report's key figures, shown in the page (standalone mode has no Excel to look at). */
export function ReportPreview({ t, analysis }: { t: Strings; analysis: Analysis }) {
  const styles = useStyles();
  const weakest = [...analysis.items].filter((i) => i.satisfaction !== null).sort((a, b) => a.satisfaction! - b.satisfaction!).slice(0, 3);
  return (
    <Card aria-label={t.previewTitle(analysis.period)}>
      <CardHeader header={<Text weight="semibold">{t.previewTitle(analysis.period)}</Text>} />
      <div className={styles.grid}>
        <Text>{t.overall}</Text>
        <Text className={analysis.verdict === '达标' ? styles.good : styles.bad} data-testid="preview-overall">
          {pct(analysis.overall)} {analysis.verdict === '达标' ? t.met : t.notMet}
        </Text>
        <Text>{t.target}</Text>
        <Text>≥ {pct(analysis.target)}</Text>
        <Text>{t.respondents}</Text>
        <Text>{analysis.respondents}</Text>
        {analysis.interval && (
          <>
            <Text>{t.interval}</Text>
            <Text>
              {pct(analysis.interval.low)} – {pct(analysis.interval.high)}
            </Text>
          </>
        )}
        <Text>{t.weakest}</Text>
        <Text>{weakest.map((i) => `${i.name} ${pct(i.satisfaction)}`).join(t.listSep)}</Text>
      </div>
    </Card>
  );
}
