import { variableCompletionContext } from '../variableCompletionContext';
import { suggestCompletions } from '../suggestCompletions';
import { UpstreamLookups } from '../upstreamLookups';

const at = (withCursor: string) => {
  const cursor = withCursor.indexOf('|');
  return variableCompletionContext(withCursor.replace('|', ''), cursor);
};

const noLookups = {} as UpstreamLookups;

describe('variableCompletionContext', () => {
  it('starts at the $ of a variable being typed, braced or not, also inside quotes', () => {
    expect(at('rate(x[$__ra|')).toEqual({ kind: 'variable', prefix: '$__ra', from: 7 });
    expect(at('up{service="${ser|')).toEqual({ kind: 'variable', prefix: '${ser', from: 12 });
    expect(at('up{service="$|')).toEqual({ kind: 'variable', prefix: '$', from: 12 });
    expect(at('up{service="x|')).toBeNull();
  });
});

describe('suggestCompletions for variables', () => {
  it('offers dashboard variables and the PromQL macros in the form typed', async () => {
    const plain = await suggestCompletions({ kind: 'variable', prefix: '$', from: 0 }, noLookups, {
      variables: ['service'],
    });
    expect(plain.map((i) => i.insertText)).toContain('$service');
    expect(plain.map((i) => i.insertText)).toContain('$__rate_interval');
    expect(plain.map((i) => i.insertText)).not.toContain('$timeFilter');
    const braced = await suggestCompletions({ kind: 'variable', prefix: '${se', from: 0 }, noLookups, {
      variables: ['service', 'env'],
    });
    expect(braced).toEqual([{ label: '$service', insertText: '${service}', detail: 'variable', kind: 'variable' }]);
  });

  it('offers the InfluxQL macros for InfluxQL', async () => {
    const items = await suggestCompletions({ kind: 'variable', prefix: '$ti', from: 0 }, noLookups, {
      language: 'influxql',
    });
    expect(items.map((i) => i.insertText)).toEqual(['$timeFilter']);
  });
});
