/** One entry of the completion list, as the editor shows and inserts it. */
import type { CompletionKind } from './completionContext';

export interface CompletionItem {
  /** What the list shows. */
  label: string;
  /** What replaces the typed prefix. */
  insertText: string;
  /** Secondary text: help, field type, or "function". */
  detail?: string;
  kind: CompletionKind | 'function';
}
