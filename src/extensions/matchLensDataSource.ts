/**
 * Which Anomaly Lens data source wraps the panel's data source: the one whose upstream kind is the same and whose
 * URL is the same (scheme and host case, default ports and trailing slashes ignored). When none or several match,
 * or a URL cannot be read (the user may lack permission to read data source settings), nothing is chosen and the
 * page offers the Anomaly Lens data sources of that kind to pick from.
 */
import { SourceKind } from './panelQuery';

export interface LensDataSourceInfo {
  uid: string;
  name: string;
  /** `jsonData.upstream`; absent means the demo upstream. */
  upstream: string;
  url?: string;
}

export interface LensMatch {
  chosen?: LensDataSourceInfo;
  /** What the user may pick from: the URL matches when there are several, else every one of the same kind. */
  candidates: LensDataSourceInfo[];
}

export function normaliseUrl(url: string | undefined): string | undefined {
  if (!url?.trim()) {
    return undefined;
  }
  try {
    const u = new URL(url.trim());
    const path = u.pathname.replace(/\/+$/, '');
    // URL() already lower-cases scheme and host and drops a default port.
    return `${u.protocol}//${u.host}${path}`;
  } catch {
    return url.trim().replace(/\/+$/, '');
  }
}

export function matchLensDataSource(source: { kind: SourceKind; url?: string }, lens: LensDataSourceInfo[]): LensMatch {
  const sameKind = lens.filter((l) => l.upstream === source.kind);
  const url = normaliseUrl(source.url);
  if (url === undefined) {
    return { candidates: sameKind };
  }
  const sameUrl = sameKind.filter((l) => normaliseUrl(l.url) === url);
  if (sameUrl.length === 1) {
    return { chosen: sameUrl[0], candidates: sameUrl };
  }
  return { candidates: sameUrl.length > 1 ? sameUrl : sameKind };
}
