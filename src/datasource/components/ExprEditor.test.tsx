import React, { useState } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { ExprEditor } from './ExprEditor';
import { UpstreamLookups } from '../completion/upstreamLookups';
import { EXPR_LANGUAGE_IDS, PROMQL_MONARCH } from '../completion/exprLanguages';
import {
  acceptIn,
  completeIn,
  fakeMonaco,
  registeredLanguages,
  triggerCharactersOf,
} from './__tests__/codeEditorDouble';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  CodeEditor: jest.requireActual('./__tests__/codeEditorDouble').CodeEditorDouble,
}));

function lookups(over: Partial<UpstreamLookups> = {}): UpstreamLookups {
  const none = () => Promise.reject(new Error('not offered'));
  return {
    metrics: async () => [
      { name: 'http_requests_total', help: 'Requests' },
      { name: 'rate_limited_total' },
      { name: 'node_http_errors' },
    ],
    labelNames: async () => ['__name__', 'job', 'service'],
    labelValues: async (label) => (label === 'service' ? ['cart', 'checkout'] : []),
    measurements: async () => ['cpu', 'disk io'],
    fieldKeys: async () => [{ key: 'usage', type: 'float' }],
    tagKeys: async () => ['host', 'region'],
    tagValues: none,
    ...over,
  };
}

function Host(props: {
  language: 'promql' | 'influxql';
  l?: UpstreamLookups;
  onRunQuery?: () => void;
  initial?: string;
}) {
  const [value, setValue] = useState(props.initial ?? '');
  return (
    <ExprEditor
      label="Expression"
      language={props.language}
      lookups={props.l ?? lookups()}
      variables={['service']}
      value={value}
      placeholder="type a query"
      onChange={setValue}
      onRunQuery={props.onRunQuery ?? (() => {})}
    />
  );
}

const labels = (items: Array<{ label: string }>) => items.map((i) => i.label);
const complete = (text: string) => act(() => completeIn('Expression', text));

describe('ExprEditor', () => {
  it('registers our PromQL and InfluxQL languages once, under ids that leave Grafana’s promql alone', () => {
    const register = jest.spyOn(fakeMonaco.languages, 'register');
    render(<Host language="promql" />);
    render(<Host language="influxql" />);
    expect(register.mock.calls.map(([l]) => l.id)).toEqual(['anomalylens-promql', 'anomalylens-influxql']);
    expect(screen.getAllByLabelText('Expression').map((e) => e.getAttribute('data-language'))).toEqual([
      'anomalylens-promql',
      'anomalylens-influxql',
    ]);
    expect(registeredLanguages.get(EXPR_LANGUAGE_IDS.promql)?.monarch).toBe(PROMQL_MONARCH);
    expect(registeredLanguages.get(EXPR_LANGUAGE_IDS.influxql)?.config).toBeDefined();
    expect(registeredLanguages.has('promql')).toBe(false);
  });

  it('completes metrics before functions, prefix matches before substring matches', async () => {
    render(<Host language="promql" />);
    const items = await complete('rat');
    expect(labels(items)).toEqual(['rate_limited_total', 'rate', 'irate']);
    expect(items.every((i) => i.filterText === 'rat')).toBe(true);
    const http = await complete('sum(http');
    expect(labels(http)).toEqual(['http_requests_total', 'node_http_errors']);
    expect(http[0].detail).toBe('Requests');
  });

  it('inserts the chosen item over the typed prefix', async () => {
    render(<Host language="promql" />);
    const items = await complete('sum(rate(http_req');
    await act(async () => {
      acceptIn('Expression', items[0]);
    });
    expect(screen.getByLabelText('Expression')).toHaveValue('sum(rate(http_requests_total');
  });

  it('completes label names inside braces and label values inside quotes', async () => {
    render(<Host language="promql" />);
    expect(labels(await complete('http_requests_total{'))).toEqual(['job', 'service']);
    const values = await complete('http_requests_total{service="ch');
    expect(labels(values)).toEqual(['checkout']);
    await act(async () => {
      acceptIn('Expression', values[0]);
    });
    expect(screen.getByLabelText('Expression')).toHaveValue('http_requests_total{service="checkout');
  });

  it('completes InfluxQL measurements after FROM and tag keys in GROUP BY', async () => {
    render(<Host language="influxql" />);
    expect(labels(await complete('SELECT mean("usage") FROM di'))).toEqual(['disk io']);
    const tags = await complete('SELECT mean("usage") FROM cpu WHERE $timeFilter GROUP BY time($__interval), re');
    expect(labels(tags)).toEqual(['region']);
    expect(labels(await complete('SELECT mean("usage") FROM cpu WHERE $time'))).toEqual(['$timeFilter']);
  });

  it('opens completion after the characters that start a name, value or variable', () => {
    render(<Host language="promql" />);
    expect(triggerCharactersOf('Expression')).toEqual(expect.arrayContaining(['{', '(', ',', '"', '=', '$']));
  });

  it('says when completion is unavailable, and stops saying it once completion works', async () => {
    let fail = true;
    const l = lookups({
      metrics: async () => (fail ? Promise.reject({ data: { error: 'upstream answered 503' } }) : []),
    });
    render(<Host language="promql" l={l} />);
    expect(await complete('ht')).toEqual([]);
    expect(screen.getByRole('status')).toHaveTextContent('Completion unavailable: upstream answered 503');
    fail = false;
    await complete('htt');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('runs the query on Shift+Enter and when the field loses focus', () => {
    const onRunQuery = jest.fn();
    render(<Host language="promql" onRunQuery={onRunQuery} initial="up" />);
    const field = screen.getByLabelText('Expression');
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    fireEvent.blur(field);
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('shows the placeholder only while the field is empty', () => {
    render(<Host language="promql" />);
    expect(screen.getByText('type a query')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Expression'), { target: { value: 'up' } });
    expect(screen.queryByText('type a query')).not.toBeInTheDocument();
  });
});
