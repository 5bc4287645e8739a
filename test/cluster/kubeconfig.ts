// The admin kubeconfig: one cluster, two users (client certificate in system:masters, and the
// static token), two contexts. The certificate context is the current one.
import { writeFileSync } from 'node:fs';
import type { Pki } from './pki.ts';

export const CONTEXT = 'whoselects';
export const TOKEN_CONTEXT = 'whoselects-token';

/** JSON strings are valid YAML scalars, so paths with any character stay safe. */
const q = (s: string) => JSON.stringify(s);

export function writeKubeconfig(file: string, server: string, pki: Pki): void {
  const text = `apiVersion: v1
kind: Config
clusters:
- name: whoselects
  cluster:
    server: ${q(server)}
    certificate-authority: ${q(pki.caCert)}
users:
- name: whoselects-admin
  user:
    client-certificate: ${q(pki.adminCert)}
    client-key: ${q(pki.adminKey)}
- name: whoselects-token-admin
  user:
    token: ${q(pki.token)}
contexts:
- name: ${CONTEXT}
  context: {cluster: whoselects, user: whoselects-admin, namespace: default}
- name: ${TOKEN_CONTEXT}
  context: {cluster: whoselects, user: whoselects-token-admin, namespace: default}
current-context: ${CONTEXT}
`;
  writeFileSync(file, text, { mode: 0o600 });
}
