// The record `npm run cluster:up` leaves for `npm run cluster:down`: <repo>/.cluster/state.json.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { clusterDir } from './bins.ts';
import type { Proc } from './processes.ts';

export interface ClusterState {
  dir: string;
  kubeconfig: string;
  server: string;
  binDir: string;
  startedAt: string;
  procs: Proc[];
}

export const statePath = join(clusterDir, '..', '..', '.cluster', 'state.json');

export function readState(): ClusterState | undefined {
  if (!existsSync(statePath)) return undefined;
  return JSON.parse(readFileSync(statePath, 'utf8')) as ClusterState;
}

export function writeState(state: ClusterState): void {
  mkdirSync(dirname(statePath), { recursive: true });
  writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`);
}

export function removeState(): void {
  rmSync(statePath, { force: true });
}
