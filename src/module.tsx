import { AppPlugin } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import { AppRoot } from './AppRoot';
import { extensionLinks } from './extensions/extensionLinks';
import { registerLinks } from './extensions/registerLinks';

export const plugin = new AppPlugin<{}>().setRootPage(AppRoot);

registerLinks(
  plugin,
  extensionLinks((text, scopedVars) => getTemplateSrv().replace(text, scopedVars as never))
);
