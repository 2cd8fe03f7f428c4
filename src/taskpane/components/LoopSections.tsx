import { Button, Checkbox, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { Strings } from '../i18n';
import { Section } from './Section';

export interface LoopSectionsProps {
  t: Strings;
  disabled: boolean;
  hasData: boolean;
  period?: string;
  onActions: () => void;
  onCommSheets: () => void;
  onCommReport: (toTracker: boolean) => void;
}

/** 改进与验证 (tracker from the chosen quarter's findings) and 客户沟通 (plan, records, analysis). */
export function LoopSections({ t, disabled, hasData, period, onActions, onCommSheets, onCommReport }: LoopSectionsProps) {
  const [toTracker, setToTracker] = useState(true);
  return (
    <>
      <Section title={t.loop}>
        {period && <Text size={200}>{`${t.period}：${period}`}</Text>}
        <Button disabled={disabled || !hasData} onClick={onActions}>
          {t.generateActions}
        </Button>
      </Section>
      <Section title={t.comm}>
        <Button disabled={disabled} onClick={onCommSheets}>
          {t.generateCommSheets}
        </Button>
        <Checkbox checked={toTracker} onChange={(_, d) => setToTracker(d.checked === true)} label={t.toTracker} />
        <Button disabled={disabled} onClick={() => onCommReport(toTracker)}>
          {t.generateCommReport}
        </Button>
      </Section>
    </>
  );
}
