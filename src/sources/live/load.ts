// The live cluster as a Snapshot: resolve the connection as kubectl would (connect.ts), read
// what the request needs (target-reads.ts, or check-reads.ts for `check`), and report
// failures on the reads the answer depends on as Failures.

import { readCheck } from './check-reads.ts';
import { TransportError } from './client.ts';
import { finish, newCollector } from './collect.ts';
import { open, resolve, type LiveOptions } from './connect.ts';
import { forbiddenFailure, statusFailure, transportFailure } from './errors.ts';
import { newReader } from './reader.ts';
import { listWireOf } from './reads.ts';
import type { LiveDeps, LiveRequest } from './request.ts';
import { readTarget } from './target-reads.ts';
import { wholeNamespaces } from './whole-namespaces.ts';
import type { SourceResult } from '../result.ts';

export { realFs, type LiveOptions } from './connect.ts';

export async function loadLive(request: LiveRequest, deps: LiveDeps, options: LiveOptions = {}): Promise<SourceResult> {
  const resolved = resolve(request.connection, deps, options);
  const { conn, server, who } = resolved;
  const collector = newCollector(conn.namespace);
  const loaded: SourceResult = {
    snapshot: collector.snapshot, problems: [], namespace: conn.namespace,
    context: conn.context, cluster: conn.clusterName ?? (conn.source === 'in-cluster' ? 'in-cluster' : null),
    inputs: [server],
  };
  const reads = request.reads;
  if ('nothing' in reads) return loaded; // no valid target: the command line says why

  const { client } = await open(resolved, request.connection, deps);
  // WHOSELECTS_LIST_WIRE=json|protobuf: every list page read as JSON (as before the protobuf
  // decoder), or as protobuf from the first page on; to compare, or to rule the decoder out.
  const reader = newReader(client, collector, listWireOf(deps.env.WHOSELECTS_LIST_WIRE));
  const whole = 'check' in reads && deps.onNamespaceWhole ? wholeNamespaces(conn.namespace, deps.onNamespaceWhole) : undefined;
  const t0 = Date.now();
  try {
    if ('target' in reads) {
      const { everyNode, ...target } = reads.target;
      // WHOSELECTS_OWNER_LISTS=whole: a namespace's Deployments (and a Pod's ReplicaSets) listed
      // whole, not through their printed selectors (printed-selectors.ts); to compare, or to rule it out.
      await readTarget(reader, { ...target, namespace: target.namespace ?? conn.namespace }, who, { everyNode: everyNode === true, wholeOwners: deps.env.WHOSELECTS_OWNER_LISTS === 'whole' });
    }
    else await readCheck(reader, reads.check.allNamespaces ? null : reads.check.namespaces.length ? reads.check.namespaces : [conn.namespace], whole);
  } catch (e) {
    if (e instanceof TransportError) throw transportFailure(e, who);
    throw e;
  } finally {
    client.close();
  }
  // `check` reads no single target: when not one of its lists was answered, there is no answer
  // at all (unreachable, credentials rejected, nothing permitted), not an empty one.
  const first = collector.firstFailure;
  if ('check' in reads && collector.succeeded === 0 && first) {
    const refused = collector.failures.map((f) => f.failure).every((f) => !(f instanceof TransportError) && f.status === 403);
    if (refused && collector.failures.length > 1) throw forbiddenFailure(collector.failures.map((f) => f.read), first.failure as { status: number; body: unknown }, who);
    throw first.failure instanceof TransportError ? transportFailure(first.failure, who) : statusFailure(first.failure.status, first.failure.body, first.read, who);
  }
  deps.log?.(`${client.records.length} requests in ${reader.rounds} round${reader.rounds === 1 ? '' : 's'}, ${Date.now() - t0}ms`);
  if (whole) loaded.toldAhead = whole.trusted && collector.failures.length === 0;
  loaded.snapshot = finish(collector);
  return loaded;
}
