import { DataSourcePlugin } from '@grafana/data';
import { DataSource } from './datasource';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { ConnectionOptions, ConnectionSecureOptions } from './connectionOptions';
import { LensQuery } from '../shared/queryModel';

export const plugin = new DataSourcePlugin<DataSource, LensQuery, ConnectionOptions, ConnectionSecureOptions>(
  DataSource
)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
