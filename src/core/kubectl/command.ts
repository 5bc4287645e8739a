// A kubectl command whose pod pick is predicted: the verb, and what the user passed that
// changes which pod and container kubectl uses.

export type PodCommand = 'logs' | 'exec' | 'attach' | 'port-forward';

export interface CommandQuery {
  command: PodCommand;
  /** The line shown to the user, e.g. `kubectl logs deploy/web`. */
  commandLine: string;
  container?: string;
  allContainers?: boolean;
  allPods?: boolean;
  ports?: string[];
  podRunningTimeoutSeconds?: number;
}
