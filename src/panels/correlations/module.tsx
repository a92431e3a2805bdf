import React from 'react';
import { PanelPlugin, PanelProps } from '@grafana/data';

function Placeholder(_props: PanelProps<{}>) {
  return <div>Not built yet</div>;
}

export const plugin = new PanelPlugin<{}>(Placeholder);
