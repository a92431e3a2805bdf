import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { DataSourceOptions } from '../../shared/queryModel';

export function ConfigEditor(_props: DataSourcePluginOptionsEditorProps<DataSourceOptions>) {
  return <div>Anomaly Lens</div>;
}
