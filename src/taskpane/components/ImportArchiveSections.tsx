import { Button, Dropdown, Field, Input, Option, makeStyles } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { formatName, FORMATS, type ExportFormat } from '../../domain';
import type { Strings } from '../i18n';
import { Section } from './Section';

const useStyles = makeStyles({ hidden: { display: 'none' } });

export interface ImportArchiveProps {
  t: Strings;
  disabled: boolean;
  hasPendingImport: boolean;
  onImportFile: (file: File, format: ExportFormat | 'auto') => void;
  onImportConfirm: () => void;
  onArchive: (password: string) => void;
}

/** 导入 (mapping shown first, then confirmed) and 归档 (归档准备). */
export function ImportArchiveSections({ t, disabled, hasPendingImport, onImportFile, onImportConfirm, onArchive }: ImportArchiveProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<ExportFormat | 'auto'>('auto');
  const [password, setPassword] = useState('');
  const label = (f: ExportFormat | 'auto') => (f === 'auto' ? t.formatAuto : formatName(f));
  return (
    <>
      <Section title={t.importTitle}>
        <Field label={t.importFormat}>
          <Dropdown value={label(format)} selectedOptions={[format]} onOptionSelect={(_, d) => setFormat(d.optionValue as ExportFormat | 'auto')} disabled={disabled}>
            {(['auto', ...FORMATS] as const).map((f) => (
              <Option key={f} value={f}>
                {label(f)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Button disabled={disabled} onClick={() => input.current?.click()}>
          {t.chooseExport}
        </Button>
        <input
          ref={input}
          className={styles.hidden}
          type="file"
          accept=".xlsx,.csv"
          aria-label={t.chooseExport}
          data-testid="export-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) onImportFile(file, format);
          }}
        />
        <Button appearance="primary" disabled={disabled || !hasPendingImport} onClick={onImportConfirm}>
          {t.importConfirm}
        </Button>
      </Section>
      <Section title={t.archiveTitle}>
        <Field label={t.archivePassword}>
          <Input type="password" value={password} onChange={(_, d) => setPassword(d.value)} disabled={disabled} />
        </Field>
        <Button disabled={disabled} onClick={() => onArchive(password)}>
          {t.archive}
        </Button>
      </Section>
    </>
  );
}
