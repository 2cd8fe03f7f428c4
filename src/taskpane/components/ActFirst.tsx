import { Card, CardHeader, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { formatPercent, type Locale } from '../../domain';
import { VERDICT_TEXT } from '../../domain/analysis/sample-size';
import type { ActFirstView } from '../../domain';
import type { Strings } from '../i18n';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  line: { display: 'block', wordBreak: 'break-word' },
  good: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** Points of overall, 0.0123 → "1.23". */
const points = (v: number) => (v * 100).toFixed(2);

/**
 * "先改进什么 / Where to act first" after a report: potential, 修补区 and the sample-size verdict — about
 * the quarter's own 结论 (green when the n suffices to call it, red when too few).
 */
export function ActFirst({ t, locale, view }: { t: Strings; locale: Locale; view: ActFirstView }) {
  const styles = useStyles();
  const { top, reach, fixFirst, sample } = view;
  return (
    <Card aria-label={t.actFirstTitle} data-testid="act-first">
      <CardHeader header={<Text weight="semibold">{t.actFirstTitle}</Text>} />
      <div className={styles.body}>
        {top && (
          <div data-testid="act-top">
            <Text className={styles.line}>{t.actTop}</Text>
            {top.length === 0 ? (
              <Text className={styles.line}>{t.actNoGap}</Text>
            ) : (
              <ol className={styles.list}>
                {top.map((i) => (
                  <li key={i.item}>
                    <Text>{t.actGain(i.item, points(i.gain), formatPercent(i.satisfaction))}</Text>
                  </li>
                ))}
              </ol>
            )}
            {/* Met: the key figures already say so. */}
            {reach && reach.kind !== 'met' && (
              <Text className={styles.line} data-testid="act-reach">
                {reach.kind === 'set' ? t.actReach(reach.items.join(t.listSep), formatPercent(reach.reachedOverall)) : t.actUnreachable}
              </Text>
            )}
          </div>
        )}
        {fixFirst && (
          <div data-testid="act-fix">
            <Text className={styles.line}>{t.actFix}</Text>
            <Text className={styles.line}>{fixFirst.length > 0 ? fixFirst.join(t.listSep) : t.actFixNone}</Text>
          </div>
        )}
        {sample && (
          <div data-testid="act-sample">
            <Text className={mergeClasses(styles.line, sample.verdict === 'too-few' ? styles.bad : styles.good)}>{VERDICT_TEXT[sample.verdict][locale]}</Text>
            <Text className={styles.line}>
              {t.actSampleDetail({
                n: sample.actualN,
                // An older engine's plan has no overall: the line then leaves it out.
                overall: sample.overall == null ? null : formatPercent(sample.overall, 2),
                side: sample.side,
                halfWidth: String(Number((sample.halfWidth * 100).toFixed(2))),
                forHalfWidth: sample.forHalfWidth,
                forTarget: sample.forTarget,
                basis: sample.basisPeriod,
                spans: sample.spansTarget === true,
              })}
            </Text>
          </div>
        )}
      </div>
    </Card>
  );
}
