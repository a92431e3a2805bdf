/**
 * docker-compose.yaml, checked without a Docker engine: it parses, `extends` resolves, every image is pinned to
 * a version, every bind mount points at an existing path, named volumes are declared, `depends_on` names real
 * services, Grafana may load all four of our unsigned plugin ids and runs a glibc (Ubuntu) image for the SEA
 * backend, and the demo stack (workload, Prometheus with its config and backfill, InfluxDB 1.8) is wired up.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import YAML from 'yaml';
import { listFiles, REPO_ROOT } from './support/provisioningFiles';

const COMPOSE = join(REPO_ROOT, 'docker-compose.yaml');

interface Service {
  image?: string;
  build?: unknown;
  extends?: { file?: string; service: string };
  environment?: Record<string, string | number | boolean> | string[];
  volumes?: Array<string | { type?: string; source?: string; target: string }>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  command?: string[] | string;
  entrypoint?: string[] | string;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

function load(file: string): ComposeFile {
  return YAML.parse(readFileSync(file, 'utf8')) as ComposeFile;
}

function envOf(s: Service): Record<string, string> {
  if (Array.isArray(s.environment)) {
    return Object.fromEntries(s.environment.map((e) => [e.split('=')[0], e.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, String(v)]));
}

/** A service with `extends` merged as compose does for the keys we check; paths resolved against their file. */
interface ResolvedService {
  service: Service;
  env: Record<string, string>;
  /** [absolute host path, container path] of bind mounts. */
  binds: Array<[string, string]>;
  namedVolumes: string[];
  buildArgs: Record<string, string>;
  buildContext?: string;
}

function resolveService(file: string, name: string): ResolvedService {
  const compose = load(file);
  const s = compose.services[name];
  if (!s) {
    throw new Error(`${file} has no service ${name}`);
  }
  const base: ResolvedService = s.extends
    ? resolveService(s.extends.file ? resolve(dirname(file), s.extends.file) : file, s.extends.service)
    : { service: {}, env: {}, binds: [], namedVolumes: [], buildArgs: {} };
  const binds = [...base.binds];
  const namedVolumes = [...base.namedVolumes];
  for (const v of s.volumes ?? []) {
    const [source, target] = typeof v === 'string' ? v.split(':') : [v.source ?? '', v.target];
    if (source.startsWith('.') || isAbsolute(source)) {
      binds.push([resolve(dirname(file), source), target]);
    } else {
      namedVolumes.push(source);
    }
  }
  const build = s.build as { context?: string; args?: Record<string, string> } | undefined;
  return {
    service: { ...base.service, ...s },
    env: { ...base.env, ...envOf(s) },
    binds,
    namedVolumes,
    buildArgs: { ...base.buildArgs, ...(build?.args ?? {}) },
    buildContext: build?.context ? resolve(dirname(file), build.context) : base.buildContext,
  };
}

/** `${VAR:-default}` → default (what compose uses when the variable is unset). */
function withDefaults(text: string): string {
  return text.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
}

const compose = load(COMPOSE);
const names = Object.keys(compose.services);
const services = Object.fromEntries(names.map((n) => [n, resolveService(COMPOSE, n)]));

function pluginIds(): string[] {
  return listFiles(join(REPO_ROOT, 'src'))
    .filter((f) => f.endsWith('plugin.json'))
    .map((f) => JSON.parse(readFileSync(f, 'utf8')).id as string);
}

function imageOf(name: string): string {
  const r = services[name];
  if (r.service.image) {
    return withDefaults(r.service.image);
  }
  // A built image: the Dockerfile's FROM with the build args' defaults.
  const dockerfile = readFileSync(join(r.buildContext!, 'Dockerfile'), 'utf8');
  const from = /^FROM\s+(\S+)/m.exec(dockerfile)![1];
  return withDefaults(
    from.replace(/\$\{(\w+)\}/g, (_, k: string) => `\${${k.toUpperCase()}:-${withDefaults(r.buildArgs[k] ?? '')}}`)
  );
}

describe('docker-compose.yaml', () => {
  it('has the demo stack services', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'grafana',
        'prometheus',
        'prometheus-backfill',
        'influxdb',
        'workload',
        'workload-backfill',
      ])
    );
  });

  it('pins every image to a version (no latest, no bare major for the TSDBs)', () => {
    for (const name of names) {
      const image = imageOf(name);
      const tag = image.split(':')[1] ?? '';
      expect({ name, image, pinned: /\d+\.\d+/.test(tag) && !/latest/.test(tag) }).toEqual({
        name,
        image,
        pinned: true,
      });
    }
    expect(imageOf('prometheus')).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    expect(imageOf('prometheus-backfill')).toBe(imageOf('prometheus'));
    expect(imageOf('influxdb')).toMatch(/^influxdb:1\.8\.\d+$/);
  });

  it('runs the workload on the Node version the backend executables embed', () => {
    const build = readFileSync(join(REPO_ROOT, 'scripts', 'build-backend.mjs'), 'utf8');
    const nodeVersion = /NODE_VERSION = '([\d.]+)'/.exec(build)![1];
    for (const name of ['workload', 'workload-backfill']) {
      expect(imageOf(name)).toBe(`node:${nodeVersion}-slim`);
    }
  });

  it('every bind mount points at an existing path; named volumes are declared', () => {
    for (const name of names) {
      for (const [host, target] of services[name].binds) {
        expect({ name, target, host, exists: existsSync(host) }).toEqual({ name, target, host, exists: true });
      }
      for (const v of services[name].namedVolumes) {
        expect(Object.keys(compose.volumes ?? {})).toContain(v);
      }
    }
  });

  it('depends_on names services of this file', () => {
    for (const name of names) {
      const deps = services[name].service.depends_on ?? [];
      for (const dep of Array.isArray(deps) ? deps : Object.keys(deps)) {
        expect(names).toContain(dep);
      }
    }
  });

  it('Grafana may load all four of our plugin ids unsigned', () => {
    const allowed = (services.grafana.env.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS ?? '')
      .split(',')
      .map((s) => s.trim());
    const ids = pluginIds();
    expect(ids).toHaveLength(4);
    expect(allowed).toEqual(expect.arrayContaining(ids));
  });

  it('Grafana runs an Ubuntu (glibc) image: the Node SEA backend needs glibc and libstdc++', () => {
    expect(imageOf('grafana')).toMatch(/^grafana\/grafana(-enterprise)?:\d+\.\d+\.\d+-ubuntu$/);
  });

  it('the Grafana version is GRAFANA_VERSION, defaulting to the version docs/grafana-versions.md names', () => {
    const raw = String(services.grafana.service.image);
    const m = /^grafana\/grafana:\$\{GRAFANA_VERSION:-(\d+\.\d+\.\d+)\}-ubuntu$/.exec(raw);
    expect({ raw, takesVariable: m !== null }).toEqual({ raw, takesVariable: true });
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'grafana-versions.md'), 'utf8');
    const documented = /default `GRAFANA_VERSION` is `(\d+\.\d+\.\d+)`/.exec(doc);
    expect(documented?.[1]).toBe(m![1]);
  });

  it('.nvmrc names the Node major the executables embed and the demo workload runs', () => {
    const build = readFileSync(join(REPO_ROOT, 'scripts', 'build-backend.mjs'), 'utf8');
    const nodeVersion = /NODE_VERSION = '([\d.]+)'/.exec(build)![1];
    const nvmrc = readFileSync(join(REPO_ROOT, '.nvmrc'), 'utf8').trim();
    expect(nvmrc.split('.')[0]).toBe(nodeVersion.split('.')[0]);
    expect(nodeVersion.startsWith(`${nvmrc}.`) || nodeVersion === nvmrc).toBe(true);
  });

  it('Grafana mounts the built plugin and the provisioning folder', () => {
    const binds = services.grafana.binds.map(([host, target]) => [host, target]);
    expect(binds).toEqual(
      expect.arrayContaining([
        [join(REPO_ROOT, 'dist'), '/var/lib/grafana/plugins/seedlabs-anomalylens-app'],
        [join(REPO_ROOT, 'provisioning'), '/etc/grafana/provisioning'],
      ])
    );
  });

  it('the workload runs main.ts with Node’s type stripping; history is backfilled before Prometheus starts', () => {
    const cmd = (n: string) => ([] as string[]).concat(services[n].service.command ?? []);
    expect(cmd('workload')).toEqual(['node', '/workload/main.ts', 'serve']);
    expect(cmd('workload-backfill')).toEqual(['node', '/workload/main.ts', 'backfill']);
    expect(services.workload.binds).toContainEqual([join(REPO_ROOT, 'demo', 'workload'), '/workload']);
    expect(services.workload.env.INFLUX_URL).toBe('http://influxdb:8086');
    expect(services['prometheus-backfill'].service.depends_on).toEqual({
      'workload-backfill': { condition: 'service_completed_successfully' },
    });
    expect(services.prometheus.service.depends_on).toMatchObject({
      'prometheus-backfill': { condition: 'service_completed_successfully' },
    });
    expect(([] as string[]).concat(services['prometheus-backfill'].service.command ?? [])).toEqual([
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '/backfill/history.om',
      '/prometheus',
    ]);
  });

  it('Prometheus’s config passes promtool check config and scrapes the workload', () => {
    const bind = services.prometheus.binds.find(([, target]) => target === '/etc/prometheus/prometheus.yml');
    expect(bind).toBeDefined();
    expect(() => execFileSync('/usr/bin/promtool', ['check', 'config', bind![0]], { stdio: 'pipe' })).not.toThrow();
    expect(readFileSync(bind![0], 'utf8')).toContain("'workload:9464'");
  });

  it('InfluxDB creates the demo database the workload writes to', () => {
    expect(services.influxdb.env.INFLUXDB_DB).toBe('demo');
    expect(services.workload.env.INFLUX_DB ?? 'demo').toBe('demo');
  });
});
