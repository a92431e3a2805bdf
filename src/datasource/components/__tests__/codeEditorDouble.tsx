/**
 * Test double of @grafana/ui's `CodeEditor` for jsdom, where Monaco cannot run (it needs layout and workers): a
 * text area that calls the editor's `onChange` and `onBlur` with its text, and a small stand-in for the Monaco API
 * the expression editor uses (language registration, completion providers, commands, a model with offset ↔
 * position). Tests ask the registered completion provider for items at a cursor, as Monaco would, and accept one
 * by applying its range and insert text. Install it with
 * `jest.mock('@grafana/ui', () => ({ ...jest.requireActual('@grafana/ui'), CodeEditor: jest.requireActual('<this file>').CodeEditorDouble }))`.
 */
import React, { useEffect, useRef } from 'react';
import type { CodeEditor } from '@grafana/ui';

type CodeEditorProps = React.ComponentProps<typeof CodeEditor>;

interface Position {
  lineNumber: number;
  column: number;
}

interface Range {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export interface DoubleSuggestion {
  label: string;
  insertText: string;
  detail?: string;
  kind: number;
  range: Range;
  filterText?: string;
  sortText?: string;
}

interface Provider {
  triggerCharacters?: string[];
  provideCompletionItems(
    model: DoubleModel,
    position: Position
  ): Promise<{ suggestions: DoubleSuggestion[]; incomplete?: boolean }>;
}

interface DoubleModel {
  id: string;
  getValue(): string;
  getOffsetAt(p: Position): number;
  getPositionAt(offset: number): Position;
}

const languages = new Map<string, { monarch?: unknown; config?: unknown }>();
const providers: Array<{ language: string; provider: Provider; disposed: boolean }> = [];

/** The parts of the Monaco namespace the expression editor touches. */
export const fakeMonaco = {
  languages: {
    CompletionItemKind: { Function: 1, Constructor: 2, Enum: 3, EnumMember: 4, Variable: 5 },
    getLanguages: () => [...languages.keys()].map((id) => ({ id })),
    register: ({ id }: { id: string }) => void languages.set(id, {}),
    setMonarchTokensProvider: (id: string, monarch: unknown) => void (languages.get(id)!.monarch = monarch),
    setLanguageConfiguration: (id: string, config: unknown) => void (languages.get(id)!.config = config),
    registerCompletionItemProvider: (language: string, provider: Provider) => {
      const entry = { language, provider, disposed: false };
      providers.push(entry);
      return { dispose: () => void (entry.disposed = true) };
    },
  },
  KeyMod: { Shift: 1 << 10 },
  KeyCode: { Enter: 3 },
};

/** Languages registered so far (id → Monarch definition and configuration). */
export const registeredLanguages = languages;

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { lineNumber: before.length, column: before[before.length - 1].length + 1 };
}

function offsetAt(text: string, p: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < p.lineNumber - 1; i++) {
    offset += lines[i].length + 1;
  }
  return offset + p.column - 1;
}

interface Mounted {
  model: DoubleModel;
  language: string;
  text: () => string;
  setText: (t: string) => void;
}

/** Mounted doubles by their accessible name (the `ariaLabel` Monaco option). */
const mounted = new Map<string, Mounted>();
let nextModel = 1;

export function CodeEditorDouble(props: CodeEditorProps) {
  const label = String(props.monacoOptions?.ariaLabel ?? 'code editor');
  // The text the model holds: what was typed, or a new value from the parent (as Monaco's wrapper applies it).
  const textRef = useRef(props.value);
  const commands = useRef<Array<{ key: number; run: () => void }>>([]);
  const propsRef = useRef(props);
  useEffect(() => {
    propsRef.current = props;
    textRef.current = props.value;
  });

  useEffect(() => {
    const model: DoubleModel = {
      id: `model-${nextModel++}`,
      getValue: () => textRef.current,
      getOffsetAt: (p) => offsetAt(textRef.current, p),
      getPositionAt: (o) => positionAt(textRef.current, o),
    };
    const editor = {
      getModel: () => model,
      getValue: () => textRef.current,
      addCommand: (key: number, run: () => void) => void commands.current.push({ key, run }),
      onDidContentSizeChange: () => ({ dispose: () => {} }),
    };
    const p = propsRef.current;
    p.onBeforeEditorMount?.(fakeMonaco as never);
    p.onEditorDidMount?.(editor as never, fakeMonaco as never);
    const change = (t: string) => {
      textRef.current = t;
      propsRef.current.onChange?.(t);
    };
    mounted.set(label, { model, language: p.language, text: () => textRef.current, setText: change });
    return () => {
      mounted.delete(label);
      p.onEditorWillUnmount?.();
    };
    // Mounted once, as Monaco is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <textarea
      aria-label={label}
      data-language={props.language}
      value={props.value}
      onChange={(e) => mounted.get(label)?.setText(e.currentTarget.value)}
      onBlur={(e) => propsRef.current.onBlur?.(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.shiftKey) {
          e.preventDefault();
          commands.current.find((c) => c.key === (fakeMonaco.KeyMod.Shift | fakeMonaco.KeyCode.Enter))?.run();
        }
      }}
    />
  );
}

function editorNamed(label: string): Mounted {
  const m = mounted.get(label);
  if (!m) {
    throw new Error(`no code editor named "${label}" is mounted`);
  }
  return m;
}

/**
 * Types `text` into the named editor (cursor at the end) and asks its completion provider, as Monaco does after a
 * keystroke. Returns the items in the order Monaco shows them: by sort text (every item has the same filter text).
 */
export async function completeIn(label: string, text: string): Promise<DoubleSuggestion[]> {
  const m = editorNamed(label);
  m.setText(text);
  const live = providers.filter((p) => !p.disposed && p.language === m.language);
  const answers = await Promise.all(
    live.map((p) => p.provider.provideCompletionItems(m.model, positionAt(text, text.length)))
  );
  return answers
    .flatMap((a) => a.suggestions)
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

/** Accepts a suggestion: its range is replaced by its insert text, as Monaco does; returns the new text. */
export function acceptIn(label: string, s: DoubleSuggestion): string {
  const m = editorNamed(label);
  const t = m.text();
  const from = offsetAt(t, { lineNumber: s.range.startLineNumber, column: s.range.startColumn });
  const to = offsetAt(t, { lineNumber: s.range.endLineNumber, column: s.range.endColumn });
  const next = t.slice(0, from) + s.insertText + t.slice(to);
  m.setText(next);
  return next;
}

/** Trigger characters of the live providers of the named editor's language. */
export function triggerCharactersOf(label: string): string[] {
  const m = editorNamed(label);
  return providers
    .filter((p) => !p.disposed && p.language === m.language)
    .flatMap((p) => p.provider.triggerCharacters ?? []);
}
