/**
 * The upstream query field: Grafana's Monaco code editor (`CodeEditor` from @grafana/ui, which Grafana provides at
 * run time, so Monaco is not in our bundle) with PromQL or InfluxQL colouring (exprLanguages.ts) and completion
 * from the upstream (exprCompletionProvider.ts): metric, label and value names for PromQL and demo selectors;
 * measurements, fields and tags for InfluxQL; dashboard variables and Grafana's macros after `$`. Completion opens
 * while a name is typed, after `{`, `(`, `,`, `=` or a quote, and on Ctrl+Space. Shift+Enter runs the query;
 * leaving the field runs it too. The field grows with its lines, as Grafana's PromQL field does.
 */
import React, { useEffect, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { CodeEditor, Monaco, MonacoEditor, useStyles2 } from '@grafana/ui';
import { exprCompletionProvider, ExprCompletionSource } from '../completion/exprCompletionProvider';
import { EXPR_LANGUAGE_IDS, ExprLanguage, registerExprLanguages } from '../completion/exprLanguages';
import { UpstreamLookups } from '../completion/upstreamLookups';
import { querySelectors as sel } from './selectors';

export interface ExprEditorProps {
  value: string;
  language: ExprLanguage;
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

const LINE_HEIGHT = 20;
const PADDING = 6;
const MAX_LINES = 12;

const heightFor = (lines: number) => Math.min(MAX_LINES, Math.max(1, lines)) * LINE_HEIGHT + 2 * PADDING;

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
  const [height, setHeight] = useState(() => heightFor(value.split('\n').length));
  const [completionError, setCompletionError] = useState<string | undefined>();
  // Monaco's callbacks are registered once at mount; they read the latest props from here.
  const latest = useRef<ExprCompletionSource & { onRunQuery: () => void }>({
    language,
    lookups,
    variables,
    onRunQuery,
  });
  useEffect(() => {
    latest.current = { language, lookups, variables, onRunQuery };
  });
  const disposers = useRef<Array<{ dispose(): void }>>([]);
  useEffect(
    () => () => {
      disposers.current.forEach((d) => d.dispose());
      disposers.current = [];
    },
    []
  );

  const onEditorDidMount = (editor: MonacoEditor, monaco: Monaco) => {
    const modelId = editor.getModel()?.id;
    if (modelId) {
      disposers.current.push(
        monaco.languages.registerCompletionItemProvider(
          EXPR_LANGUAGE_IDS[language],
          exprCompletionProvider(monaco, { source: () => latest.current, modelId, onError: setCompletionError })
        )
      );
    }
    editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => {
      onChange(editor.getValue());
      latest.current.onRunQuery();
    });
    disposers.current.push(
      editor.onDidContentSizeChange((e) => {
        setHeight(Math.min(e.contentHeight, heightFor(MAX_LINES)));
      })
    );
  };

  return (
    <div className={styles.wrapper}>
      <CodeEditor
        value={value}
        language={EXPR_LANGUAGE_IDS[language]}
        height={height}
        showLineNumbers={false}
        showMiniMap={false}
        containerStyles={styles.container}
        monacoOptions={{
          ariaLabel: label,
          wordWrap: 'on',
          fontSize: 14,
          lineHeight: LINE_HEIGHT,
          padding: { top: PADDING, bottom: PADDING },
          renderLineHighlight: 'none',
          scrollBeyondLastLine: false,
          overviewRulerLanes: 0,
          hideCursorInOverviewRuler: true,
          folding: false,
          lineDecorationsWidth: 8,
          scrollbar: { vertical: 'auto', horizontal: 'hidden', alwaysConsumeMouseWheel: false },
          suggest: { showWords: false, showStatusBar: false },
          quickSuggestions: { other: true, strings: true, comments: false },
          wordBasedSuggestions: false,
        }}
        onBeforeEditorMount={registerExprLanguages}
        onEditorDidMount={onEditorDidMount}
        onChange={onChange}
        onBlur={(v) => {
          onChange(v);
          onRunQuery();
        }}
      />
      {value === '' && placeholder && (
        <div className={styles.placeholder} aria-hidden>
          {placeholder}
        </div>
      )}
      {completionError && (
        <div className={styles.error} role="status" data-testid={sel.completionError}>
          {completionError}
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  // `contain: inline-size`: the field's width comes from the row, never from Monaco's own layout, which would
  // otherwise measure the long line it was given and widen the whole form on a narrow editor.
  wrapper: css({ position: 'relative', width: '100%', minWidth: 0, flex: '1 1 0', contain: 'inline-size' }),
  container: css({ width: '100%', marginBottom: 0 }),
  placeholder: css({
    position: 'absolute',
    top: PADDING + 1,
    left: 9,
    right: 8,
    pointerEvents: 'none',
    color: theme.colors.text.disabled,
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: 14,
    lineHeight: `${LINE_HEIGHT}px`,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  error: css({
    marginTop: theme.spacing(0.5),
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
