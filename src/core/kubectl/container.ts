// Which container of the chosen pod kubectl uses (semantics §1.5), with kubectl's exact
// stderr messages and errors per version:
//   logs:         polymorphichelpers logsForObjectWithClient (Pod case)
//   exec, attach: podcmd.FindOrDefaultContainerByName (rewritten in 1.36)
//   port-forward: no container; the network namespace is the pod's.

import type { Container, Pod } from '../types.ts';
import { goQuote } from './gofmt.ts';
import type { PodCommand } from './command.ts';
import { atLeast, modelledVersion, type KubectlVersion } from './version.ts';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

export interface ContainerOptions {
  /** -c/--container, or logs' second positional argument. */
  container?: string;
  /** logs --all-containers. */
  allContainers?: boolean;
  /** logs --all-pods (1.31+): silences "Defaulted container". */
  allPods?: boolean;
  /** exec/attach -q/--quiet: silences "Defaulted container". */
  quiet?: boolean;
}

export interface ContainerChoice {
  /** Containers kubectl asks for, in the order it builds the requests. */
  containers: string[];
  /** What kubectl prints on stderr while choosing. */
  messages: { stream: 'stderr'; text: string }[];
  /** kubectl's own error (exact text, printed after "error: "), or null. */
  error: string | null;
  /** An error the API server returns instead, for a name kubectl passes on unchecked. */
  serverError: string | null;
  note: string | null;
}

function specs(pod: Pod): { containers: Container[]; init: Container[]; ephemeral: Container[] } {
  return { containers: pod.spec?.containers ?? [], init: pod.spec?.initContainers ?? [], ephemeral: pod.spec?.ephemeralContainers ?? [] };
}

/** podcmd.FindContainerByName: containers, then init containers, then ephemeral containers. */
export function findContainer(pod: Pod, name: string): Container | null {
  const s = specs(pod);
  return s.containers.find((c) => c.name === name) ?? s.init.find((c) => c.name === name) ?? s.ephemeral.find((c) => c.name === name) ?? null;
}

/** podcmd.AllContainerNames: regular, then "x (ephem)", then "x (init)". */
export function allContainerNames(pod: Pod): string {
  const s = specs(pod);
  return [...s.containers.map((c) => c.name), ...s.ephemeral.map((c) => `${c.name} (ephem)`), ...s.init.map((c) => `${c.name} (init)`)].join(', ');
}

function hasSeveral(pod: Pod): boolean {
  const s = specs(pod);
  return s.containers.length > 1 || s.init.length > 0 || s.ephemeral.length > 0;
}

function defaulted(pod: Pod, name: string): { stream: 'stderr'; text: string } {
  return { stream: 'stderr', text: `Defaulted container ${goQuote(name)} out of: ${allContainerNames(pod)}` };
}

function annotation(pod: Pod): string {
  return pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION] ?? '';
}

function result(partial: Partial<ContainerChoice>): ContainerChoice {
  return { containers: [], messages: [], error: null, serverError: null, note: null, ...partial };
}

function forLogs(pod: Pod, opts: ContainerOptions, v: KubectlVersion): ContainerChoice {
  const podName = pod.metadata?.name ?? '';
  const explicit = opts.container ?? '';
  if (opts.allContainers && explicit !== '') {
    return result({ error: `--all-containers=true should not be specified with container name ${explicit}` });
  }
  if (opts.allContainers) {
    const s = specs(pod);
    return result({
      containers: [...s.init, ...s.containers, ...s.ephemeral].map((c) => c.name),
      note: 'one request per container (init, regular, ephemeral), collected in a Go map: the output order is random',
    });
  }
  const messages: ContainerChoice['messages'] = [];
  let name = explicit;
  const ann = annotation(pod);
  if (name === '' && ann !== '') {
    if (findContainer(pod, ann)) name = ann;
    else messages.push({ stream: 'stderr', text: `Default container name ${goQuote(ann)} not found in pod ${podName}` });
  }
  if (name === '') {
    const first = specs(pod).containers[0];
    if (!first) return result({ messages, error: 'pod has no containers (kubectl would index containers[0] and panic)' });
    name = first.name;
    const silenced = opts.allPods === true && atLeast(v, 31);
    if (hasSeveral(pod) && !silenced) messages.push(defaulted(pod, name));
  }
  if (!findContainer(pod, name)) {
    const outOf = atLeast(v, 36) ? ` out of: ${allContainerNames(pod)}` : '';
    return result({ messages, error: `container ${name} is not valid for pod ${podName}${outOf}` });
  }
  return result({ containers: [name], messages });
}

/** podcmd.FindOrDefaultContainerByName as of v. Errors are unwrapped. */
function findOrDefault(pod: Pod, requested: string, quiet: boolean, v: KubectlVersion): ContainerChoice {
  const podName = pod.metadata?.name ?? '';
  const s = specs(pod);
  const noContainers = `pod ${pod.metadata?.namespace ?? ''}/${podName} does not have any containers`;
  if (atLeast(v, 36)) {
    if (s.containers.length === 0) return result({ error: noContainers });
    const name = requested !== '' ? requested : annotation(pod);
    if (name !== '') {
      return findContainer(pod, name)
        ? result({ containers: [name], note: requested === '' ? `chosen by the ${DEFAULT_CONTAINER_ANNOTATION} annotation` : null })
        : result({ error: `container ${name} is not valid for pod ${podName} out of: ${allContainerNames(pod)}` });
    }
  } else {
    if (requested !== '') {
      return findContainer(pod, requested) ? result({ containers: [requested] }) : result({ error: `container ${requested} not found in pod ${podName}` });
    }
    if (s.containers.length === 0) return result({ error: noContainers });
    const ann = annotation(pod);
    if (ann !== '') {
      if (findContainer(pod, ann)) return result({ containers: [ann], note: `chosen by the ${DEFAULT_CONTAINER_ANNOTATION} annotation` });
      const first = (s.containers[0] as Container).name;
      return result({
        containers: [first],
        messages: !quiet && hasSeveral(pod) ? [defaulted(pod, first)] : [],
        note: `the ${DEFAULT_CONTAINER_ANNOTATION} annotation names ${goQuote(ann)}, which is not in the pod: kubectl ${v.major}.${v.minor} ignores it silently (before 1.36) and uses the first container`,
      });
    }
  }
  const first = (s.containers[0] as Container).name;
  return result({ containers: [first], messages: !quiet && hasSeveral(pod) ? [defaulted(pod, first)] : [] });
}

/** The container(s) kubectl uses in the chosen pod, and what it prints while choosing. */
export function chooseContainer(command: PodCommand, pod: Pod, opts: ContainerOptions, version: KubectlVersion): ContainerChoice {
  const { version: v } = modelledVersion(version);
  const requested = opts.container ?? '';
  switch (command) {
    case 'logs':
      return forLogs(pod, opts, v);
    case 'exec': {
      // exec only consults podcmd when -c is empty; an explicit name goes to the server as is.
      if (requested !== '') {
        return findContainer(pod, requested)
          ? result({ containers: [requested] })
          : result({ containers: [requested], serverError: `container ${requested} is not valid for pod ${pod.metadata?.name ?? ''}`, note: 'kubectl does not check -c for exec; the API server rejects it (BadRequest)' });
      }
      return findOrDefault(pod, '', opts.quiet === true, v);
    }
    case 'attach': {
      const r = findOrDefault(pod, requested, opts.quiet === true, v);
      return r.error ? { ...r, error: `cannot attach to the container: ${r.error}` } : r;
    }
    case 'port-forward':
      return result({ note: 'port-forward has no container: it forwards into the pod\'s network namespace' });
  }
}
