/**
 * Registers the link configs with whichever extension API the running Grafana has: `addLink` (Grafana 11.1 and
 * later) or the older `configureExtensionLink` (Grafana 10 and 11.0, one extension point per call). The plugin's
 * `@grafana/data` is Grafana's own at run time, so this is decided when the app loads, not when it is built.
 */
import { LinkConfig } from './extensionLinks';

interface ExtensionApis {
  addLink?: (config: LinkConfig) => unknown;
  configureExtensionLink?: (config: Omit<LinkConfig, 'targets'> & { extensionPointId: string }) => unknown;
}

export function registerLinks(plugin: object, links: LinkConfig[]): 'addLink' | 'configureExtensionLink' | 'none' {
  const apis = plugin as ExtensionApis;
  if (typeof apis.addLink === 'function') {
    links.forEach((l) => apis.addLink!.call(plugin, l));
    return 'addLink';
  }
  if (typeof apis.configureExtensionLink === 'function') {
    for (const { targets, ...rest } of links) {
      targets.forEach((extensionPointId) => apis.configureExtensionLink!.call(plugin, { ...rest, extensionPointId }));
    }
    return 'configureExtensionLink';
  }
  return 'none';
}
