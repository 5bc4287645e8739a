// Synthetic identities for objects that come from manifests (which carry no UID).

import type { Kind } from '../../core/snapshot.ts';

/** `manifest:<Kind>/<namespace>/<name>`; cluster-scoped kinds leave out the namespace. */
export function syntheticUid(kind: Kind | string, namespace: string | undefined, name: string): string {
  return namespace ? `manifest:${kind}/${namespace}/${name}` : `manifest:${kind}/${name}`;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A UID as a label value (for the Job controller-uid labels). Real UIDs already are
 * valid label values; a synthetic one has ':' and '/', which become '.', e.g.
 * `manifest.Job.default.pi`. Over 63 characters, it is shortened with a hash suffix.
 */
export function uidLabelValue(uid: string): string {
  if (uid.length <= 63 && LABEL_VALUE.test(uid)) return uid;
  const cleaned = uid.replace(/[^-A-Za-z0-9_.]+/g, '.').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (cleaned.length <= 63 && cleaned !== '') return cleaned;
  return `${cleaned.slice(0, 54).replace(/[^A-Za-z0-9]+$/, '')}-${fnv1a(uid)}`;
}
