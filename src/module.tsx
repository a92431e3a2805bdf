import { AppPlugin } from '@grafana/data';
import { AppRoot } from './AppRoot';

export const plugin = new AppPlugin<{}>().setRootPage(AppRoot);
