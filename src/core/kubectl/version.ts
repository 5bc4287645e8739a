// The kubectl *client* version decides how kubectl picks pods and containers
// (semantics §1); the server version plays no part. Behaviour is modelled for the
// release branches 1.27 to 1.36; other versions are clamped to the nearest one.

export interface KubectlVersion {
  major: number;
  minor: number;
  patch: number;
  /** The text the version was read from, trimmed (e.g. "v1.32.4-dispatcher"). */
  raw: string;
}

export const NEWEST_KUBECTL: KubectlVersion = { major: 1, minor: 36, patch: 0, raw: 'v1.36' };
export const OLDEST_MODELLED: KubectlVersion = { major: 1, minor: 27, patch: 0, raw: 'v1.27' };

const SEMVER = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+][0-9A-Za-z.+-]*)?$/;

function fromNumbers(major: string | number, minor: string | number, patch: string | number | undefined, raw: string): KubectlVersion | null {
  const ma = Number(major);
  const mi = Number(String(minor).replace(/\+$/, '')); // GKE and EKS report minor "27+"
  const pa = patch === undefined || patch === '' ? 0 : Number(patch);
  if (!Number.isInteger(ma) || !Number.isInteger(mi) || !Number.isInteger(pa)) return null;
  return { major: ma, minor: mi, patch: pa, raw };
}

function fromGitVersion(text: string): KubectlVersion | null {
  const m = SEMVER.exec(text.trim());
  return m ? fromNumbers(m[1] as string, m[2] as string, m[3], text.trim()) : null;
}

function fromJson(text: string): KubectlVersion | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null) return null;
  const rec = doc as Record<string, unknown>;
  const info = (typeof rec.clientVersion === 'object' && rec.clientVersion !== null ? rec.clientVersion : rec) as Record<string, unknown>;
  if (typeof info.gitVersion === 'string') {
    const v = fromGitVersion(info.gitVersion);
    if (v) return v;
  }
  if ((typeof info.major === 'string' || typeof info.major === 'number') && (typeof info.minor === 'string' || typeof info.minor === 'number')) {
    return fromNumbers(info.major, info.minor, undefined, `${info.major}.${info.minor}`);
  }
  return null;
}

/**
 * Reads a kubectl client version from a bare version ("v1.32.4-dispatcher", "1.28"),
 * or from the output of `kubectl version --client` in its plain, JSON or YAML form
 * (and the old `version.Info{...}` form). Returns null when no client version is found.
 */
export function parseKubectlVersion(text: string): KubectlVersion | null {
  const t = text.trim();
  if (t === '') return null;
  const bare = fromGitVersion(t);
  if (bare) return bare;
  const json = fromJson(t);
  if (json) return json;
  // Only the client part: the Kustomize and Server lines carry other versions.
  const client = /Client Version:\s*(.*)/.exec(t);
  const scope = client ? (client[1] as string) : /clientVersion:[\s\S]*?(?=\n\S|$)/.exec(t)?.[0] ?? '';
  const git = /gitVersion:\s*"?(v?\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*)?)"?/i.exec(scope);
  if (git) return fromGitVersion(git[1] as string);
  if (client) {
    const short = /^(v?\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*)?)/.exec((client[1] as string).trim());
    if (short) return fromGitVersion(short[1] as string);
  }
  const major = /major:\s*"?(\d+)"?/i.exec(scope);
  const minor = /minor:\s*"?(\d+)\+?"?/i.exec(scope);
  if (major && minor) return fromNumbers(major[1] as string, minor[1] as string, undefined, `${major[1]}.${minor[1]}`);
  return null;
}

function compare(a: { major: number; minor: number }, b: { major: number; minor: number }): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

/** True when v is kubectl 1.<minor> or newer. */
export function atLeast(v: KubectlVersion, minor: number): boolean {
  return compare(v, { major: 1, minor }) >= 0;
}

export interface ModelledVersion {
  version: KubectlVersion;
  /** Set when v lies outside the modelled range and was clamped; worth showing. */
  note: string | null;
}

/** Clamps v into 1.27–1.36, saying so when it had to. */
export function modelledVersion(v: KubectlVersion): ModelledVersion {
  if (compare(v, OLDEST_MODELLED) < 0) {
    return { version: { ...OLDEST_MODELLED, raw: v.raw }, note: `kubectl ${v.raw} is older than the oldest modelled release; predicting as kubectl 1.${OLDEST_MODELLED.minor}` };
  }
  if (compare(v, NEWEST_KUBECTL) > 0) {
    return { version: { ...NEWEST_KUBECTL, raw: v.raw }, note: `kubectl ${v.raw} is newer than the newest modelled release; predicting as kubectl 1.${NEWEST_KUBECTL.minor}` };
  }
  return { version: v, note: null };
}

export function versionLabel(v: KubectlVersion): string {
  return `${v.major}.${v.minor}`;
}
