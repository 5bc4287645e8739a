// Strings anyone who can name an object, label a pod or answer an API request could write,
// each meant to act on the terminal that shows it, and a check that output carries none of
// them raw.

import assert from 'node:assert/strict';

export const HOSTILE = {
  /** OSC 52: writes the clipboard. */
  osc52: 'pod-\u001b]52;c;cHduZWQ=\u0007x',
  /** CSI 2J: clears the screen. */
  clear: 'c\u001b[2Jd',
  /** A newline that would forge a FINDINGS line. */
  newline: 'n\nFINDINGS forged',
  /** U+202E: reverses the text after it. */
  bidi: 'b\u202eevil',
  /** C1 CSI (U+009B): an 8-bit ESC[. */
  c1: 'k\u009b31m',
  /** OSC 8: a hyperlink. */
  osc8: 'l\u001b]8;;http://evil.example/\u001b\\link\u001b]8;;\u001b\\',
  /** Zero-width space. */
  zeroWidth: 'a\u200bb',
  /** DEL. */
  del: 'd\u007fe',
  /** Carriage return: overwrites the start of the row. */
  cr: 'r\rR',
  /** SGR colour. */
  colour: 'g\u001b[31mred',
} as const;

export type HostileName = keyof typeof HOSTILE;

// SGR colour sequences are ours (--color); everything else a terminal acts on must not appear.
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/u;

/** No raw control, bidi or zero-width character (our own SGR colours aside); newlines only between rows. */
export function assertTerminalSafe(out: string, what: string, o: { colour?: boolean } = {}): void {
  const text = o.colour ? out.replace(SGR, '') : out;
  const m = RAW.exec(text);
  assert.equal(m, null, `${what}: raw U+${m?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} at ${m?.index}: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 40), (m?.index ?? 0) + 40))}`);
  assert.doesNotMatch(text, /^\s*FINDINGS forged/m, `${what}: a newline in a name started a row`);
}

const q = (s: string) => JSON.stringify(s);

/**
 * Manifests: names here must be valid where the API server checks them (the loader rejects a
 * document with a name, a container name or a node name it would refuse), so the hostile strings
 * ride in what the API server accepts as written (a PodDisruptionBudget's name: only "/" and "%"
 * are refused; images), and in two documents the loader refuses for their container and node
 * names, whose error lines show them; labels, port names and ports stay valid.
 */
export const HOSTILE_MANIFESTS = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: web}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: ${q(HOSTILE.del)}, ports: [{name: web, containerPort: 8080}]}, {name: side, image: ${q(HOSTILE.osc8)}}]
---
apiVersion: v1
kind: Pod
metadata: {name: solo, labels: {app: web}}
spec:
  nodeName: ${q(HOSTILE.cr)}
  containers: [{name: ${q(HOSTILE.colour)}, image: x}]
---
apiVersion: v1
kind: Pod
metadata: {name: other, labels: {app: web}}
spec:
  containers: [{name: ${q(HOSTILE.c1)}, image: ${q(HOSTILE.zeroWidth)}}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${q(HOSTILE.newline)}}
spec: {selector: {matchLabels: {app: web}}, maxUnavailable: 0}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${q(HOSTILE.clear)}}
spec: {selector: {matchLabels: {app: nothing}}, minAvailable: 1}
`;
