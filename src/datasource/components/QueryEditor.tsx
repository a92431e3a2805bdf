import React from 'react';
import { QueryEditorProps } from '@grafana/data';
import { DataSource } from '../datasource';
import { DataSourceOptions, LensQuery } from '../../shared/queryModel';

export function QueryEditor(_props: QueryEditorProps<DataSource, LensQuery, DataSourceOptions>) {
  return <div>Anomaly Lens query</div>;
}
