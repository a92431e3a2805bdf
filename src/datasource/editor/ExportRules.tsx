/**
 * "Export as recording rules": asks the backend for the query's band as a Prometheus rule group and shows the YAML
 * with a copy button, the recorded series' names and what differs from the plugin; or the reason the query cannot
 * be exported (the message names the option to change). docs/scaling.md says where to load the file.
 */
import React, { useState } from 'react';
import { Button, ClipboardButton, InlineFieldRow } from '@grafana/ui';
import type { LensQuery } from '../../shared/queryModel';
import type { RecordingRulesResponse } from '../../shared/resources';
import { querySelectors as sel } from '../components/selectors';

interface Props {
  query: LensQuery;
  exportRules: (query: LensQuery) => Promise<RecordingRulesResponse>;
}

export function ExportRules({ query, exportRules }: Props) {
  const [state, setState] = useState<{ loading?: boolean; rules?: RecordingRulesResponse; error?: string }>({});

  const run = async () => {
    setState({ loading: true });
    try {
      setState({ rules: await exportRules(query) });
    } catch (e) {
      const err = e as { data?: { error?: string }; message?: string };
      setState({ error: err?.data?.error ?? err?.message ?? 'request failed' });
    }
  };

  return (
    <div>
      <InlineFieldRow>
        <Button
          variant="secondary"
          size="sm"
          icon={state.loading ? 'fa fa-spinner' : 'file-alt'}
          disabled={!query.expr?.trim() || state.loading}
          onClick={run}
          tooltip="Write this query's moving or seasonal band as Prometheus recording rules (Prometheus, Mimir or Thanos ruler)"
        >
          {sel.exportRules}
        </Button>
      </InlineFieldRow>
      {(state.rules || state.error) && (
        <div data-testid={sel.exportRulesResult}>
          {state.error ? (
            <p role="alert">{state.error}</p>
          ) : (
            <>
              <p>
                Group {state.rules!.group}, evaluated every {state.rules!.interval}. Read the band back with{' '}
                <code>{state.rules!.names.expected}</code>; load the file as docs/scaling.md shows.
              </p>
              <ClipboardButton icon="copy" variant="secondary" size="sm" getText={() => state.rules!.yaml}>
                {sel.copyRules}
              </ClipboardButton>
              <pre data-testid={sel.exportRulesYaml}>{state.rules!.yaml}</pre>
            </>
          )}
        </div>
      )}
    </div>
  );
}
