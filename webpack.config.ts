/**
 * The build: the scaffold's webpack config (.config/webpack, tool-owned and left untouched) plus what an app with
 * nested plugins needs beyond it. The scaffold copies the logos and screenshots named by src/plugin.json only,
 * but Grafana loads each nested plugin's `info.logos` and `info.screenshots` relative to that plugin's own folder
 * (dist/datasource/img, dist/panels/<name>/img); without a copy there, its catalogue entry shows a broken image.
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import fs from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'webpack';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config.ts';

const SOURCE_DIR = path.resolve(process.cwd(), 'src');

interface PluginJsonAssets {
  info?: { logos?: { small?: string; large?: string }; screenshots?: Array<{ path: string }> };
}

/** Every plugin.json under src/ (the app's and the nested plugins'), relative to src/. */
function pluginJsonFiles(): string[] {
  return (fs.readdirSync(SOURCE_DIR, { recursive: true }) as string[]).filter(
    (f) => path.basename(f) === 'plugin.json'
  );
}

/** Logo and screenshot paths of every nested plugin.json, relative to src/ (the app's own are the scaffold's). */
function nestedPluginAssets(): string[] {
  const files = pluginJsonFiles().filter((f) => path.dirname(f) !== '.');
  return files.flatMap((file) => {
    const json = JSON.parse(fs.readFileSync(path.join(SOURCE_DIR, file), 'utf8')) as PluginJsonAssets;
    const own = [
      json.info?.logos?.small,
      json.info?.logos?.large,
      ...(json.info?.screenshots ?? []).map((s) => s.path),
    ];
    return [...new Set(own.filter((p): p is string => Boolean(p)))].map((p) => path.join(path.dirname(file), p));
  });
}

const config = async (env: Env): Promise<Configuration> => {
  const base = await grafanaConfig(env);
  const assets = nestedPluginAssets();
  const cache = typeof base.cache === 'object' && base.cache.type === 'filesystem' ? base.cache : undefined;
  return {
    ...base,
    // This file and every plugin.json (the scaffold reads them into the config: entries, logos, screenshots) are part
    // of the build too: a change to one must invalidate webpack's filesystem cache, which otherwise kept copying the
    // previous plugin.json into dist/.
    ...(cache
      ? {
          cache: {
            ...cache,
            buildDependencies: {
              ...cache.buildDependencies,
              config: [
                ...(cache.buildDependencies?.config ?? []),
                path.resolve(process.cwd(), 'webpack.config.ts'),
                ...pluginJsonFiles().map((f) => path.join(SOURCE_DIR, f)),
              ],
            },
          },
        }
      : {}),
    plugins: [
      ...(base.plugins ?? []),
      ...(assets.length > 0 ? [new CopyWebpackPlugin({ patterns: assets.map((from) => ({ from, to: from })) })] : []),
    ],
  };
};

export default config;
