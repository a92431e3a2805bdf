/**
 * Monaco's completion for the expression field: reads what can be completed at the cursor (PromQL/InfluxQL
 * contexts, variables after `$`), asks the upstream through `suggestCompletions`, and hands Monaco the items in our
 * order (`rankCompletions`). Monaco would re-sort by its own fuzzy score; every item gets the typed text as its
 * filter text (all score alike) and its rank as sort text, and the list is marked incomplete so each keystroke asks
 * again and the order always comes from here.
 */
import type { Monaco, monacoTypes } from '@grafana/ui';
import type { CompletionItem } from './completionItem';
import { influxqlCompletionContext } from './influxqlCompletionContext';
import { promqlCompletionContext } from './promqlCompletionContext';
import { suggestCompletions } from './suggestCompletions';
import type { UpstreamLookups } from './upstreamLookups';
import { variableCompletionContext } from './variableCompletionContext';
import type { ExprLanguage } from './exprLanguages';

export interface ExprCompletionSource {
  language: ExprLanguage;
  lookups: UpstreamLookups;
  /** Dashboard variable names (without `$`). */
  variables?: readonly string[];
}

export interface ExprCompletionOptions {
  /** Read at each request, so the editor's latest look-ups and variables are used. */
  source: () => ExprCompletionSource;
  /** Only this model is served: every editor registers its own provider for the shared language id. */
  modelId: string;
  /** A failed look-up's message (undefined once completion works again), shown beside the field. */
  onError: (message: string | undefined) => void;
}

/** Characters after which completion opens with nothing typed yet. */
export const TRIGGER_CHARACTERS = ['{', '(', ',', '"', "'", '=', '~', '$', ' '];

export function exprCompletionProvider(
  monaco: Monaco,
  { source, modelId, onError }: ExprCompletionOptions
): monacoTypes.languages.CompletionItemProvider {
  const kindOf = (k: CompletionItem['kind']): monacoTypes.languages.CompletionItemKind => {
    const K = monaco.languages.CompletionItemKind;
    switch (k) {
      case 'function':
        return K.Function;
      case 'metric':
      case 'measurement':
        return K.Constructor;
      case 'labelName':
      case 'tagKey':
      case 'fieldKey':
        return K.Enum;
      case 'labelValue':
      case 'tagValue':
        return K.EnumMember;
      case 'variable':
        return K.Variable;
    }
  };
  return {
    triggerCharacters: TRIGGER_CHARACTERS,
    async provideCompletionItems(model, position) {
      if (model.id !== modelId) {
        return { suggestions: [] };
      }
      const { language, lookups, variables } = source();
      const text = model.getValue();
      const cursor = model.getOffsetAt(position);
      const ctx =
        variableCompletionContext(text, cursor) ??
        (language === 'influxql' ? influxqlCompletionContext(text, cursor) : promqlCompletionContext(text, cursor));
      if (!ctx) {
        return { suggestions: [] };
      }
      let items: CompletionItem[];
      try {
        items = await suggestCompletions(ctx, lookups, { variables, language });
        onError(undefined);
      } catch (e) {
        const message = (e as { data?: { error?: string }; message?: string })?.data?.error ?? (e as Error)?.message;
        onError(`Completion unavailable: ${message ?? 'request failed'}`);
        return { suggestions: [] };
      }
      const start = model.getPositionAt(ctx.from);
      const range = {
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: position.lineNumber,
        endColumn: position.column,
      };
      const typed = text.slice(ctx.from, cursor);
      const width = String(items.length).length;
      return {
        incomplete: true,
        suggestions: items.map((item, i) => ({
          label: item.label,
          kind: kindOf(item.kind),
          detail: item.detail,
          insertText: item.insertText,
          range,
          filterText: typed,
          sortText: String(i).padStart(width, '0'),
        })),
      };
    },
  };
}
