/**
 * Custom HTTP headers sent with every upstream request (e.g. `X-Scope-OrgID` for Mimir), under Grafana's keys:
 * the name in `jsonData.httpHeaderName<N>`, the value in `secureJsonData.httpHeaderValue<N>`.
 */
import React, { ChangeEvent, useState } from 'react';
import { Button, FieldSet, Input, SecretInput, Stack } from '@grafana/ui';
import { headerNameKey, headerValueKey, MAX_CUSTOM_HEADERS } from '../connectionOptions';
import { ConfigEditorProps, resetSecret, setSecret, withoutSecrets } from './configEditorProps';
import { configSelectors as sel } from './selectors';

/** A header slot is shown when it has a name, a stored value, or was added in this editing session. */
function headerSlots(props: ConfigEditorProps, added: number[]): number[] {
  const { jsonData, secureJsonFields, secureJsonData } = props.options;
  const used: number[] = [];
  for (let n = 1; n <= MAX_CUSTOM_HEADERS; n++) {
    const name = jsonData[headerNameKey(n)];
    if (
      (typeof name === 'string' && name !== '') ||
      secureJsonFields?.[headerValueKey(n)] ||
      secureJsonData?.[headerValueKey(n)] ||
      (name !== undefined && added.includes(n))
    ) {
      used.push(n);
    }
  }
  return used;
}

export function CustomHeadersSection(props: ConfigEditorProps) {
  const { options, onOptionsChange } = props;
  const { jsonData } = options;
  const [added, setAdded] = useState<number[]>([]);
  const slots = headerSlots(props, added);
  const addHeader = () => {
    const free = Array.from({ length: MAX_CUSTOM_HEADERS }, (_, i) => i + 1).find((n) => !slots.includes(n));
    if (free !== undefined) {
      setAdded([...added, free]);
      onOptionsChange({ ...options, jsonData: { ...jsonData, [headerNameKey(free)]: '' } });
    }
  };
  const removeHeader = (n: number) => {
    // The number stays taken with an empty name: the backend stops at the first absent number, and stored
    // values cannot be moved to another number without reading them back.
    setAdded(added.filter((a) => a !== n));
    onOptionsChange({
      ...options,
      jsonData: { ...jsonData, [headerNameKey(n)]: '' },
      ...withoutSecrets(props, [headerValueKey(n)]),
    });
  };

  return (
    <FieldSet label="Custom HTTP headers">
      <p>
        Sent with every request to the upstream, e.g. X-Scope-OrgID for a Mimir tenant. Values are stored encrypted.
      </p>
      <Stack direction="column" gap={1}>
        {slots.map((n) => (
          <Stack key={n} direction="row" gap={0.5} alignItems="center" wrap="wrap">
            <Input
              aria-label={sel.headerName(n)}
              width={30}
              placeholder="Header name"
              value={jsonData[headerNameKey(n)] ?? ''}
              onChange={(e: ChangeEvent<HTMLInputElement>) =>
                onOptionsChange({ ...options, jsonData: { ...jsonData, [headerNameKey(n)]: e.currentTarget.value } })
              }
            />
            <SecretInput
              aria-label={sel.headerValue(n)}
              width={24}
              placeholder="Header value"
              isConfigured={Boolean(options.secureJsonFields?.[headerValueKey(n)])}
              value={options.secureJsonData?.[headerValueKey(n)] ?? ''}
              onChange={(e: ChangeEvent<HTMLInputElement>) =>
                setSecret(props, headerValueKey(n), e.currentTarget.value)
              }
              onReset={() => resetSecret(props, headerValueKey(n))}
            />
            <Button
              variant="secondary"
              icon="trash-alt"
              aria-label={sel.removeHeader(n)}
              onClick={() => removeHeader(n)}
            />
          </Stack>
        ))}
        <div>
          <Button variant="secondary" icon="plus" onClick={addHeader} disabled={slots.length >= MAX_CUSTOM_HEADERS}>
            {sel.addHeader}
          </Button>
        </div>
      </Stack>
    </FieldSet>
  );
}
