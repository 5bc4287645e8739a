// What tests outside the end-to-end ones share (those have test/e2e/kit.ts): temporary
// files, and the small web app most input tests start from.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory holding `files` (names may have folders), removed after `fn` however it ends. */
export async function withFiles<T>(files: Record<string, string>, fn: (dir: string) => Promise<T>, prefix = 'whoselects-test-'): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    for (const [name, text] of Object.entries(files)) {
      await mkdir(join(dir, name, '..'), { recursive: true });
      await writeFile(join(dir, name), text);
    }
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Service web on port 80 to 8080 over app=web. */
export const WEB_SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

/** Deployment web: nginx pods labelled app=web declaring 8080, with an HTTP readiness probe on it unless `probe` is false. */
export function webDeployment(o: { probe?: boolean } = {}): string {
  const probe = o.probe === false ? '' : ', readinessProbe: {httpGet: {path: /, port: 8080}}';
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]${probe}}]
`;
}
