// Secondary reads: list, collect, and turn a failure into a gap instead of an error.

import { toQuery } from '../../core/labels.ts';
import type { Kind } from '../../core/snapshot.ts';
import type { SelectorSpec } from '../../core/targets/selector-spec.ts';
import type { KubeObject } from '../../core/types.ts';
import { TransportError, type ApiClient } from './client.ts';
import { addGap, addObjects, type Collector } from './collect.ts';
import { gapOf } from './errors.ts';
import { listObjects, readOf, type ListOutcome, type ListSpec, type ListWire, type PageObserver } from './reads.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface Reader {
  client: ApiClient;
  collector: Collector;
  /** Rounds of requests that had to wait for an earlier one. */
  rounds: number;
  /** Lists and collects; null when the read failed (then it is a gap). */
  list(spec: ListSpec, observer?: PageObserver): Promise<KubeObject[] | null>;
  /**
   * Lists without collecting yet (a read started before it is known to be wanted); never
   * rejects: a transport failure is part of what it resolves to.
   */
  fetch(spec: ListSpec, observer?: PageObserver): Promise<Fetched>;
  /** Collects what fetch resolved to, as list would have; null when the read failed. */
  collect(spec: ListSpec, fetched: Fetched): KubeObject[] | null;
}

export type Fetched = ListOutcome | { ok: false; transport: TransportError } | { ok: false; thrown: unknown };

export function newReader(client: ApiClient, collector: Collector, wire: ListWire = 'auto'): Reader {
  const r: Reader = {
    client,
    collector,
    rounds: 0,
    async list(spec, observer) {
      return r.collect(spec, await r.fetch(spec, observer));
    },
    async fetch(spec, observer) {
      try {
        return await listObjects(client, spec, wire, observer);
      } catch (e) {
        return e instanceof TransportError ? { ok: false, transport: e } : { ok: false, thrown: e };
      }
    },
    collect(spec, outcome) {
      if ('thrown' in outcome) throw outcome.thrown;
      if ('transport' in outcome) {
        const read = readOf(spec, 'list');
        collector.firstFailure ??= { read, failure: outcome.transport };
        collector.failures.push({ read, failure: outcome.transport });
        addGap(collector, spec.kind, gapOf(read, outcome.transport));
        return null;
      }
      if (!outcome.ok) {
        collector.firstFailure ??= { read: outcome.read, failure: outcome.failure };
        collector.failures.push({ read: outcome.read, failure: outcome.failure });
        addGap(collector, spec.kind, gapOf(outcome.read, outcome.failure));
        return null;
      }
      collector.succeeded++;
      addObjects(collector, spec.kind, outcome.items);
      const bySelector = spec.labelSelector !== undefined || spec.fieldSelector !== undefined;
      // Slices listed by service name are all the slices routing reads for that Service.
      if (!bySelector || (spec.kind === 'EndpointSlice' && spec.labelSelector?.startsWith(`${SERVICE_NAME_LABEL}=`))) collector.complete.add(spec.kind);
      if (spec.kind === 'Pod' && !bySelector) collector.allPods.add(spec.namespace ?? '*');
      return outcome.items;
    },
  };
  return r;
}

/**
 * The pod list a selector needs: null when it selects no pods (a selector that matches
 * nothing has no query form: its string "" would mean everything, trap 11), no labelSelector
 * when it matches every pod.
 */
export function podList(spec: SelectorSpec | null, namespace: string): ListSpec | null {
  return labelList('Pod', spec, namespace);
}

/** The objects of a kind whose own labels a pod selector matches, as podList reads pods. */
export function labelList(kind: Kind, spec: SelectorSpec | null, namespace: string): ListSpec | null {
  if (!spec?.selector || !spec.selectsPods) return null;
  const q = toQuery(spec.selector);
  if (q === null) return null;
  return q === '' ? { kind, namespace } : { kind, namespace, labelSelector: q };
}

/** One object by name: a GET (listObjects), listed by name (`metadata.name=NAME`) when the GET is refused, so that a refusal is a gap like any list's. */
export function namedList(kind: Kind, name: string, namespace: string | null): ListSpec {
  return { kind, namespace, fieldSelector: `metadata.name=${name}`, name };
}

export function sliceList(service: string, namespace: string): ListSpec {
  return { kind: 'EndpointSlice', namespace, labelSelector: `${SERVICE_NAME_LABEL}=${service}` };
}
