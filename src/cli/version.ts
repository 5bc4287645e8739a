// What `--version` prints: the version, the commit it was built from and the Node runtime.
// The bundle (scripts/build.ts) defines WHOSELECTS_BUILD at build time; run from the
// sources, the version comes from package.json and the commit is unknown.

import { readFileSync } from 'node:fs';

declare const WHOSELECTS_BUILD: { version: string; commit: string } | undefined;

export interface BuildInfo {
  version: string;
  commit: string;
}

export function buildInfo(): BuildInfo {
  if (typeof WHOSELECTS_BUILD !== 'undefined') return WHOSELECTS_BUILD;
  let version = '0.0.0';
  try {
    version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    // no package.json beside the sources: keep the placeholder
  }
  return { version, commit: 'unknown (run from the sources)' };
}

export function versionText(info: BuildInfo, runtime: { version: string; platform: string; arch: string }): string {
  return [
    `kubectl-whoselects v${info.version}`,
    `  commit: ${info.commit}`,
    `  node:   ${runtime.version} (${runtime.platform}/${runtime.arch})`,
  ].join('\n');
}
