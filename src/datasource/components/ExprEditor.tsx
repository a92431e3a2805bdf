/**
 * The upstream query field: a monospace text area with completion from the upstream (metric, label and value
 * names for PromQL and demo selectors; measurements, fields and tags for InfluxQL) through the data source's
 * resource calls, and dashboard variables and Grafana's macros after `$`. Completion opens while a name is typed, after `{`, `(`, `,` or a quote, and on Ctrl+Space;
 * ↑/↓ choose, Enter or Tab insert, Esc closes. Shift+Enter runs the query; leaving the field runs it too.
 *
 * Own component rather than @grafana/ui's CodeEditor: that one loads Monaco from Grafana's public path, which the
 * plugin cannot rely on outside Grafana (tests, harness), and this keeps the editor light.
 */
import React, { KeyboardEvent, useEffect, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { TextArea, useStyles2 } from '@grafana/ui';
import { elevatedBackground } from '../../components/elevatedBackground';
import { CompletionContext } from '../completion/completionContext';
import { influxqlCompletionContext } from '../completion/influxqlCompletionContext';
import { promqlCompletionContext } from '../completion/promqlCompletionContext';
import type { CompletionItem } from '../completion/completionItem';
import { suggestCompletions } from '../completion/suggestCompletions';
import { UpstreamLookups } from '../completion/upstreamLookups';
import { variableCompletionContext } from '../completion/variableCompletionContext';
import { querySelectors as sel } from './selectors';

export interface ExprEditorProps {
  value: string;
  language: 'promql' | 'influxql';
  lookups: UpstreamLookups;
  onChange: (value: string) => void;
  /** Called on Shift+Enter and when the field loses focus. */
  onRunQuery: () => void;
  placeholder?: string;
  /** Accessible name of the field. */
  label: string;
  /** Dashboard variable names, offered after `$` with Grafana's macros. */
  variables?: readonly string[];
}

interface Popup {
  items: CompletionItem[];
  ctx: CompletionContext;
  active: number;
  error?: string;
}

/** Characters after which completion opens even with nothing typed yet. */
const OPENERS = /[{(,"'\s]$/;
const VISIBLE_ITEMS = 12;

export function ExprEditor({
  value,
  language,
  lookups,
  onChange,
  onRunQuery,
  placeholder,
  label,
  variables,
}: ExprEditorProps) {
  const styles = useStyles2(getStyles);
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const [popup, setPopup] = useState<Popup | null>(null);
  // Answers arriving after a newer request (or after close) are dropped.
  const request = useRef(0);
  const pendingCursor = useRef<number | null>(null);

  useEffect(() => {
    if (pendingCursor.current !== null && ref.current) {
      ref.current.setSelectionRange(pendingCursor.current, pendingCursor.current);
      pendingCursor.current = null;
    }
  }, [value]);

  const close = () => {
    request.current++;
    setPopup(null);
  };

  const open = (text: string, cursor: number, force: boolean) => {
    const ctx =
      variableCompletionContext(text, cursor) ??
      (language === 'influxql' ? influxqlCompletionContext(text, cursor) : promqlCompletionContext(text, cursor));
    const typed = text.slice(0, cursor);
    if (!ctx || (!force && ctx.prefix === '' && !OPENERS.test(typed)) || (!force && typed.trim() === '')) {
      close();
      return;
    }
    const id = ++request.current;
    suggestCompletions(ctx, lookups, { variables, language }).then(
      (items) => {
        if (id === request.current) {
          setPopup(items.length > 0 ? { items, ctx, active: 0 } : null);
        }
      },
      (e: unknown) => {
        if (id === request.current) {
          const message = (e as { data?: { error?: string }; message?: string })?.data?.error ?? (e as Error)?.message;
          setPopup({ items: [], ctx, active: 0, error: `Completion unavailable: ${message ?? 'request failed'}` });
        }
      }
    );
  };

  const accept = (item: CompletionItem) => {
    if (!popup) {
      return;
    }
    const cursor = ref.current?.selectionStart ?? value.length;
    const next = value.slice(0, popup.ctx.from) + item.insertText + value.slice(cursor);
    pendingCursor.current = popup.ctx.from + item.insertText.length;
    close();
    onChange(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === ' ' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      open(value, e.currentTarget.selectionStart ?? value.length, true);
      return;
    }
    if (e.key === 'Enter' && e.shiftKey) {
      e.preventDefault();
      close();
      onRunQuery();
      return;
    }
    if (!popup || popup.items.length === 0) {
      if (e.key === 'Escape') {
        close();
      }
      return;
    }
    const n = popup.items.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setPopup({ ...popup, active: (popup.active + step + n) % n });
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      accept(popup.items[popup.active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };

  const first = popup ? Math.max(0, Math.min(popup.active - VISIBLE_ITEMS + 1, popup.items.length - VISIBLE_ITEMS)) : 0;
  const shown = popup ? popup.items.slice(first, first + VISIBLE_ITEMS) : [];

  return (
    <div className={styles.wrapper}>
      <TextArea
        ref={ref}
        aria-label={label}
        className={styles.text}
        value={value}
        rows={Math.min(8, Math.max(2, value.split('\n').length))}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(e) => {
          const el = e.currentTarget;
          onChange(el.value);
          open(el.value, el.selectionStart ?? el.value.length, false);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          close();
          onRunQuery();
        }}
      />
      {popup && (
        <div className={styles.popup} data-testid={sel.completions} role="listbox" aria-label={`${label} completions`}>
          {popup.error && <div className={styles.error}>{popup.error}</div>}
          {shown.map((item, i) => {
            const index = first + i;
            return (
              <div
                key={`${item.kind}:${item.label}`}
                role="option"
                aria-selected={index === popup.active}
                data-testid={sel.completionItem}
                className={index === popup.active ? `${styles.item} ${styles.active}` : styles.item}
                // mousedown, not click: the text area must not lose focus (and run the query) first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(item);
                }}
              >
                <span className={styles.label}>{item.label}</span>
                {item.detail && <span className={styles.detail}>{item.detail}</span>}
              </div>
            );
          })}
          {popup.items.length > VISIBLE_ITEMS && (
            <div className={styles.more}>{popup.items.length} matches; keep typing to narrow</div>
          )}
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ position: 'relative', width: '100%' }),
  text: css({ fontFamily: theme.typography.fontFamilyMonospace, fontSize: theme.typography.bodySmall.fontSize }),
  popup: css({
    position: 'absolute',
    zIndex: theme.zIndex.dropdown,
    left: 0,
    top: '100%',
    minWidth: 320,
    maxWidth: '100%',
    background: elevatedBackground(theme),
    border: `1px solid ${theme.colors.border.medium}`,
    boxShadow: theme.shadows.z3,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0.5, 0),
  }),
  item: css({
    display: 'flex',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    padding: theme.spacing(0.25, 1),
    cursor: 'pointer',
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  active: css({ background: theme.colors.action.selected }),
  label: css({ color: theme.colors.text.primary }),
  detail: css({
    color: theme.colors.text.secondary,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    maxWidth: '60%',
  }),
  more: css({
    padding: theme.spacing(0.25, 1),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  error: css({
    padding: theme.spacing(0.25, 1),
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
