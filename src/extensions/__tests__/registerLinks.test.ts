import { extensionLinks } from '../extensionLinks';
import { registerLinks } from '../registerLinks';

const links = extensionLinks((t) => t);

test('registerLinks uses addLink where Grafana has it', () => {
  const added: unknown[] = [];
  const plugin = { addLink: jest.fn((c) => added.push(c)) };
  expect(registerLinks(plugin, links)).toBe('addLink');
  expect(added).toEqual(links);
});

test('registerLinks falls back to configureExtensionLink, one call per extension point', () => {
  const plugin = { configureExtensionLink: jest.fn() };
  expect(registerLinks(plugin, links)).toBe('configureExtensionLink');
  expect(plugin.configureExtensionLink.mock.calls.map(([c]) => [c.extensionPointId, c.title])).toEqual([
    ['grafana/dashboard/panel/menu', 'Analyse with Anomaly Lens'],
    ['grafana/dashboard/panel/menu', 'Add anomaly band to this panel'],
    ['grafana/explore/toolbar/action', 'Add anomaly band'],
  ]);
});

test('registerLinks registers nothing on a Grafana without extensions', () => {
  expect(registerLinks({}, links)).toBe('none');
});

test('plugin.json lists every registered link with the same targets, title and description', () => {
  // Grafana only shows added links that the app's plugin.json declares.
  const meta = require('../../plugin.json') as {
    preload?: boolean;
    extensions: { addedLinks: Array<{ targets: string[]; title: string; description: string }> };
  };
  expect(meta.preload).toBe(true);
  expect(meta.extensions.addedLinks).toEqual(
    links.map((l) => ({ targets: l.targets, title: l.title, description: l.description }))
  );
});
