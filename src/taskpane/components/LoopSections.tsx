import { Button, Checkbox, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { Strings } from '../i18n';
import { Section } from './Section';

export interface ImproveSectionProps {
  t: Strings;
  disabled: boolean;
  hasData: boolean;
  period?: string;
  onActions: () => void;
}

/** 改进与验证: the corrective-action tracker from the chosen quarter's findings. */
export function ImproveSection({ t, disabled, hasData, period, onActions }: ImproveSectionProps) {
  return (
    <Section title={t.loop}>
      {period && <Text size={200}>{`${t.period}${t.colon}${period}`}</Text>}
      <Button disabled={disabled || !hasData} onClick={onActions}>
        {t.generateActions}
      </Button>
    </Section>
  );
}

export interface CommSectionProps {
  t: Strings;
  disabled: boolean;
  onCommSheets: () => void;
  onCommReport: (toTracker: boolean) => void;
}

/** 客户沟通: the plan and record sheets, and their analysis. */
export function CommSection({ t, disabled, onCommSheets, onCommReport }: CommSectionProps) {
  const [toTracker, setToTracker] = useState(true);
  return (
    <Section title={t.comm}>
      <Button disabled={disabled} onClick={onCommSheets}>
        {t.generateCommSheets}
      </Button>
      <Checkbox checked={toTracker} onChange={(_, d) => setToTracker(d.checked === true)} label={t.toTracker} />
      <Button disabled={disabled} onClick={() => onCommReport(toTracker)}>
        {t.generateCommReport}
      </Button>
    </Section>
  );
}
