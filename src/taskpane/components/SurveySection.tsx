import { Button, Field, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import type { Strings } from '../i18n';
import type { TemplateChoice } from '../use-pane';
import { Section } from './Section';

export interface SurveySectionProps {
  t: Strings;
  disabled: boolean;
  onGenerate: (template: TemplateChoice) => void;
  onValidate: () => void;
}

/** 调查: generate the survey sheets from a template; check the responses cell by cell. */
export function SurveySection({ t, disabled, onGenerate, onValidate }: SurveySectionProps) {
  const [template, setTemplate] = useState<TemplateChoice>('builtin');
  return (
    <Section title={t.survey}>
      <Field label={t.template}>
        <RadioGroup value={template} onChange={(_, d) => setTemplate(d.value as TemplateChoice)} layout="vertical">
          <Radio value="builtin" label={t.templateBuiltin} />
          <Radio value="workbook" label={t.templateWorkbook} />
        </RadioGroup>
      </Field>
      <Button appearance="primary" disabled={disabled} onClick={() => onGenerate(template)}>
        {t.generateSurvey}
      </Button>
      <Button disabled={disabled} onClick={onValidate}>
        {t.validate}
      </Button>
    </Section>
  );
}
