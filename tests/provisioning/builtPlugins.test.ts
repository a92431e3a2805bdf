/**
 * The built plugin folder (dist/, what docker-compose mounts into Grafana) holds, for the app and for each nested
 * plugin, every image its plugin.json names, at the path Grafana resolves it from: relative to that plugin.json's
 * own folder. `npm run build` first.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { listFiles, REPO_ROOT } from './support/provisioningFiles';

const DIST = join(REPO_ROOT, 'dist');
const SRC = join(REPO_ROOT, 'src');

interface PluginJson {
  id: string;
  info?: { logos?: { small?: string; large?: string }; screenshots?: Array<{ path: string }> };
}

const pluginJsons = (root: string) => listFiles(root).filter((f) => f.endsWith('plugin.json'));

describe('built plugins (dist/)', () => {
  const built = existsSync(DIST) ? pluginJsons(DIST) : [];

  it('has a plugin.json for the app and for every nested plugin of src/', () => {
    const expected = pluginJsons(SRC)
      .map((f) => relative(SRC, f))
      .sort();
    expect(built.map((f) => relative(DIST, f)).sort()).toEqual(expected);
    expect(expected.length).toBe(4);
  });

  it.each(pluginJsons(SRC).map((f) => [relative(SRC, f)] as const))(
    '%s: every logo and screenshot it names is in its own built folder and is an image',
    (rel) => {
      const json = JSON.parse(readFileSync(join(DIST, rel), 'utf8')) as PluginJson;
      const images = [
        json.info?.logos?.small,
        json.info?.logos?.large,
        ...(json.info?.screenshots ?? []).map((s) => s.path),
      ].filter((p): p is string => Boolean(p));
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) {
        const file = join(DIST, dirname(rel), image);
        const present = existsSync(file) && statSync(file).size > 0;
        expect({ plugin: json.id, image, present }).toEqual({ plugin: json.id, image, present: true });
        // latin1 keeps the PNG signature's first byte (0x89) as U+0089; utf8 would turn it into U+FFFD.
        const head = readFileSync(file).subarray(0, 256).toString('latin1');
        expect({ image, kind: /<svg[\s>]/.test(head) || head.startsWith('\u0089PNG\r\n') }).toEqual({
          image,
          kind: true,
        });
      }
    }
  );
});
