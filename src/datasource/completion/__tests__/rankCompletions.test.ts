import type { CompletionItem } from '../completionItem';
import { MAX_ITEMS, rankCompletions } from '../rankCompletions';

const item = (kind: CompletionItem['kind'], label: string): CompletionItem => ({ kind, label, insertText: label });
const show = (items: CompletionItem[]) => items.map((i) => `${i.kind}:${i.label}`);

describe('rankCompletions', () => {
  it('lists metrics, then labels, then functions when all start with the prefix', () => {
    const r = rankCompletions(
      [
        item('function', 'sum'),
        item('labelName', 'subsystem'),
        item('metric', 'sum_requests'),
        item('function', 'sum_over_time'),
      ],
      'su'
    );
    expect(show(r)).toEqual(['metric:sum_requests', 'labelName:subsystem', 'function:sum', 'function:sum_over_time']);
  });

  it('puts every prefix match before any substring match, each group ordered by kind', () => {
    const r = rankCompletions(
      [
        item('metric', 'node_subsystem_up'),
        item('function', 'sum'),
        item('metric', 'summary_total'),
        item('function', 'absent'),
      ],
      'su'
    );
    expect(show(r)).toEqual(['metric:summary_total', 'function:sum', 'metric:node_subsystem_up']);
  });

  it('matches case-insensitively and drops items that do not contain the prefix', () => {
    const r = rankCompletions(
      [item('metric', 'HTTP_total'), item('metric', 'up'), item('metric', 'node_http')],
      'http'
    );
    expect(show(r)).toEqual(['metric:HTTP_total', 'metric:node_http']);
  });

  it('keeps everything, ordered by kind then name, for an empty prefix', () => {
    const r = rankCompletions(
      [item('function', 'abs'), item('metric', 'up'), item('metric', 'a'), item('variable', '$x')],
      ''
    );
    expect(show(r)).toEqual(['metric:a', 'metric:up', 'variable:$x', 'function:abs']);
  });

  it('ranks InfluxQL measurements and keys like metrics and labels', () => {
    const r = rankCompletions(
      [item('function', 'mean'), item('fieldKey', 'mem_used'), item('measurement', 'mem')],
      'me'
    );
    expect(show(r)).toEqual(['measurement:mem', 'fieldKey:mem_used', 'function:mean']);
  });

  it('keeps one of each kind and label, does not mutate its input, and caps the list', () => {
    const input = [item('metric', 'b'), item('metric', 'a'), item('metric', 'a'), item('labelName', 'a')];
    const copy = input.map((i) => ({ ...i }));
    expect(show(rankCompletions(input, ''))).toEqual(['metric:a', 'metric:b', 'labelName:a']);
    expect(input).toEqual(copy);
    const many = Array.from({ length: MAX_ITEMS + 50 }, (_, i) => item('metric', `m${String(i).padStart(4, '0')}`));
    const capped = rankCompletions(many, 'm');
    expect(capped).toHaveLength(MAX_ITEMS);
    expect(capped[0].label).toBe('m0000');
  });
});
