// Test helpers for the live source: kubeconfig files, parsed invocations, captured output,
// and objects as a list answer carries them (`listItem`). The objects themselves come from
// the one family of builders, test/core/builders.ts.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram, type Invocation } from '../../../src/cli/program.ts';
import { buildRequest } from '../../../src/cli/request.ts';
import type { CliDeps } from '../../../src/cli/run.ts';
import { liveDeps } from '../../../src/cli/source.ts';
import { loadLive, type LiveOptions } from '../../../src/sources/live/load.ts';
import type { KubeObject } from '../../../src/core/types.ts';
import type { SourceResult } from '../../../src/sources/result.ts';
import { pod as podObject, secondsTo, type PodOpts } from '../../core/builders.ts';
import { testCert } from './certs.ts';

export function tempDir(prefix = 'whoselects-live-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface KubeconfigSpec {
  server: string;
  token?: string;
  /** true: the test cert as certificate-authority; false: none. Default true. */
  ca?: boolean;
  namespace?: string;
  tlsServerName?: string;
  user?: Record<string, unknown>;
  /** More fields of the cluster stanza. */
  cluster?: Record<string, unknown>;
}

/** A one-context kubeconfig (context "test", cluster "test-cluster", user "test-user"); returns its path. */
export function writeKubeconfig(dir: string, spec: KubeconfigSpec, file = 'config'): string {
  const cluster: Record<string, unknown> = { server: spec.server };
  if (spec.ca !== false) cluster['certificate-authority'] = testCert().certFile;
  if (spec.tlsServerName) cluster['tls-server-name'] = spec.tlsServerName;
  Object.assign(cluster, spec.cluster);
  const user = spec.user ?? (spec.token ? { token: spec.token } : {});
  const context: Record<string, unknown> = { cluster: 'test-cluster', user: 'test-user' };
  if (spec.namespace) context.namespace = spec.namespace;
  const config = {
    apiVersion: 'v1', kind: 'Config', 'current-context': 'test',
    clusters: [{ name: 'test-cluster', cluster }],
    users: [{ name: 'test-user', user }],
    contexts: [{ name: 'test', context }],
  };
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

export function invocation(argv: string[]): Invocation {
  let inv: Invocation | null = null;
  const program = buildProgram({ onInvocation: (i) => { inv = i; } });
  program.exitOverride();
  program.parse(argv, { from: 'user' });
  if (!inv) throw new Error(`no invocation from ${argv.join(' ')}`);
  return inv;
}

/** The live source, asked what the command line would ask it for ARGV (with -v, its log goes to deps.stderr). */
export async function loadLiveArgs(argv: string[], deps: Pick<CliDeps, 'env' | 'stderr'>, options: LiveOptions = {}): Promise<SourceResult> {
  const request = buildRequest(invocation(argv));
  if (request.source.from !== 'live') throw new Error(`${argv.join(' ')} does not read a cluster`);
  return loadLive(request.source.live, liveDeps(deps, request.output.verbose), options);
}

export interface Captured extends CliDeps {
  out: () => string;
  err: () => string;
}

export function cliDeps(env: Record<string, string>): Captured {
  let out = '';
  let err = '';
  return {
    argv: [],
    env,
    stdout: { write: (s: string) => { out += s; return true; } },
    stderr: { write: (s: string) => { err += s; return true; } },
    now: () => new Date('2025-01-01T00:00:00Z'),
    out: () => out,
    err: () => err,
  };
}

type Obj = Record<string, unknown> & { metadata: { name: string; namespace?: string; labels?: Record<string, string>; uid?: string; [k: string]: unknown } };

/** An object as an item of a list answer: kind and apiVersion only on the list, managedFields on the item (the source drops them). */
export function listItem(o: KubeObject, extraMeta: Record<string, unknown> = {}): Obj {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = o;
  return { ...rest, metadata: { ...(rest.metadata as Obj['metadata']), ...extraMeta, managedFields: [{ manager: 'kubectl', operation: 'Update' }] } } as Obj;
}

/** The start of 2025 (the time cliDeps says it is), in the family's seconds after its test instant. */
export const CREATED = secondsTo('2025-01-01T00:00:00Z');

/** A running, ready pod of the family created at the start of 2025, as a list item; `o` as the family's pod takes it (ns, owner, …). */
export function pod(name: string, labels: Record<string, string>, o: PodOpts = {}): Obj {
  return listItem(podObject(name, { labels, ip: '10.0.0.1', containers: [{ name: 'app', image: 'x' }], created: CREATED, readyAt: CREATED + 1, ...o }));
}
