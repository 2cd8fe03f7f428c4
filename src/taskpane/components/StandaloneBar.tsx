import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useRef } from 'react';
import type { Strings } from '../i18n';

const useStyles = makeStyles({
  bar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  hidden: { display: 'none' },
});

export interface StandaloneBarProps {
  t: Strings;
  disabled: boolean;
  fileName?: string;
  onOpen: (file: File) => void;
  onDownload: () => void;
}

/** Standalone mode: open an .xlsx from disk, download the result as a new .xlsx. */
export function StandaloneBar({ t, disabled, fileName, onOpen, onDownload }: StandaloneBarProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className={styles.bar}>
      <Text size={200}>{t.standaloneNote}</Text>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={disabled} onClick={() => input.current?.click()}>
          {t.open}
        </Button>
        <Button disabled={disabled || !fileName} onClick={onDownload}>
          {t.download}
        </Button>
      </div>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label={t.open}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file can be opened again
          if (file) onOpen(file);
        }}
      />
      {fileName && <Text size={200}>{fileName}</Text>}
    </div>
  );
}
