import { Button, Link, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Strings } from '../i18n';
import type { Busy, PaneMessage } from '../use-pane';

const useStyles = makeStyles({
  busy: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '240px', overflowY: 'auto' },
  line: { display: 'block', wordBreak: 'break-word' },
});

export interface StatusAreaProps {
  t: Strings;
  busy?: Busy;
  message?: PaneMessage;
  onCancel: () => void;
  /** Present inside Excel: selecting a cell named in a message. */
  onSelect?: (cell: string) => void;
}

/** Progress of the running job, or the outcome of the last one. */
export function StatusArea({ t, busy, message, onCancel, onSelect }: StatusAreaProps) {
  const styles = useStyles();
  if (busy) {
    return (
      <div className={styles.busy} role="status" aria-live="polite">
        <div className={styles.row}>
          <Text>
            {t.working} {busy.stage}
          </Text>
          <Button size="small" onClick={onCancel}>
            {t.cancel}
          </Button>
        </div>
        <ProgressBar value={busy.done} aria-label={t.working} />
      </div>
    );
  }
  if (!message) return null;
  return (
    <MessageBar intent={message.intent} layout="multiline" role={message.intent === 'error' ? 'alert' : 'status'}>
      <MessageBarBody>
        <MessageBarTitle>{message.title}</MessageBarTitle>
        {message.lines.map((line, i) => (
          <Text key={i} className={styles.line}>
            {line}
          </Text>
        ))}
        {message.cells && message.cells.length > 0 && (
          <ul className={styles.list}>
            {message.cells.slice(0, 200).map((c, i) => (
              <li key={i}>
                <Text>{c.text}</Text>{' '}
                {onSelect && (
                  <Link as="button" onClick={() => onSelect(c.cell)} aria-label={`${t.goTo} ${c.cell}`}>
                    {t.goTo}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
