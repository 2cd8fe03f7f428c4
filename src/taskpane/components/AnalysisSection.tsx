import { Button, Dropdown, Field, Option } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Inspection } from '../../jobs/inspect';
import type { Strings } from '../i18n';
import { Section } from './Section';

export interface AnalysisSectionProps {
  t: Strings;
  disabled: boolean;
  inspection?: Inspection;
  period?: string;
  onPeriod: (period: string | undefined) => void;
  onReport: (period: string | undefined, groupBy: string | undefined) => void;
  onTrend: () => void;
}

/**
 * 分析: pick a quarter (latest first) and a column to group by; write the report or the trend. The quarter
 * offered is the one the report takes by default — the latest with answers up to today, the same today as
 * the CLI's (the inspection's); quarters after it hold only later dates and say so.
 */
export function AnalysisSection({ t, disabled, inspection, period, onPeriod: setPeriod, onReport, onTrend }: AnalysisSectionProps) {
  const quarters = inspection?.quarters ?? [];
  const columns = inspection?.columns ?? [];
  const [groupBy, setGroupBy] = useState<string>();
  const first = inspection?.defaultPeriod ?? quarters[0];
  const label = (q: string) => `${q}${q === first ? t.latest : first !== undefined && q > first ? t.afterToday : ''}`;
  // The choices reset whenever the data (and so the lists) change.
  const listsKey = `${quarters.join()}|${first}|${columns.join()}`;
  useEffect(() => {
    setPeriod(first);
    setGroupBy(columns.includes('客户分组') ? '客户分组' : columns[0]);
  }, [listsKey]);
  const noData = inspection !== undefined && !inspection.hasData;
  return (
    <Section title={t.analysis}>
      <Field label={t.period}>
        <Dropdown
          disabled={disabled || quarters.length === 0}
          value={period ? label(period) : ''}
          selectedOptions={period ? [period] : []}
          onOptionSelect={(_, d) => setPeriod(d.optionValue)}
        >
          {quarters.map((q) => (
            <Option key={q} value={q} text={label(q)}>
              {label(q)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t.groupBy}>
        <Dropdown disabled={disabled || columns.length === 0} value={groupBy ?? ''} selectedOptions={groupBy ? [groupBy] : []} onOptionSelect={(_, d) => setGroupBy(d.optionValue)}>
          {columns.map((c) => (
            <Option key={c} value={c}>
              {c}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Button appearance="primary" disabled={disabled || noData} onClick={() => onReport(period, groupBy)}>
        {t.generateReport}
      </Button>
      <Button disabled={disabled || noData} onClick={onTrend}>
        {t.updateTrend}
      </Button>
    </Section>
  );
}
