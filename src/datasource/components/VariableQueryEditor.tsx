/**
 * Editor of a template-variable query: one function call (`label_values(demo_up, service)`), with the list of
 * functions as help and the values it currently returns as a preview.
 */
import React, { ChangeEvent, useState } from 'react';
import { QueryEditorProps } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { InlineField, Input } from '@grafana/ui';
import type { DataSource } from '../datasource';
import { VARIABLE_QUERY_HELP } from '../variables/parseVariableQuery';
import { querySelectors as sel } from './selectors';

export interface LensVariableQuery extends DataQuery {
  query: string;
}

type Props = QueryEditorProps<DataSource, any, any, LensVariableQuery>;

export function VariableQueryEditor({ query, onChange, datasource }: Props) {
  const [text, setText] = useState<string>(query?.query ?? '');
  const [preview, setPreview] = useState<{ values?: string[]; error?: string }>({});

  const commit = async () => {
    onChange({ refId: query?.refId ?? 'variable', query: text });
    if (text.trim() === '') {
      setPreview({});
      return;
    }
    try {
      const values = await datasource.metricFindQuery(text);
      setPreview({ values: values.map((v) => String(v.text)) });
    } catch (e) {
      setPreview({ error: (e as Error).message });
    }
  };

  return (
    <div>
      <InlineField
        label="Query"
        labelWidth={14}
        grow
        tooltip={VARIABLE_QUERY_HELP}
        invalid={Boolean(preview.error)}
        error={preview.error}
      >
        <Input
          aria-label={sel.variableQuery}
          value={text}
          placeholder="label_values(demo_http_latency_seconds, service)"
          onChange={(e: ChangeEvent<HTMLInputElement>) => setText(e.currentTarget.value)}
          onBlur={commit}
        />
      </InlineField>
      {preview.values && (
        <p data-testid={sel.variablePreview}>
          {preview.values.length} value{preview.values.length === 1 ? '' : 's'}
          {preview.values.length > 0 &&
            `: ${preview.values.slice(0, 10).join(', ')}${preview.values.length > 10 ? ', …' : ''}`}
        </p>
      )}
    </div>
  );
}
