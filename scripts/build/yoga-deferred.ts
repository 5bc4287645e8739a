// Ink's layout engine for the CommonJS build (bundle.ts), which bundles `yoga-layout` as
// this file. yoga-layout's own entry instantiates its WebAssembly with a top-level await,
// which CommonJS cannot have. Ink only touches Yoga when it lays out, so the default
// export starts empty and loadDeferredYoga() fills it before the TUI is first loaded.

import { loadYoga } from 'yoga-layout/load';

export * from 'yoga-layout/load';

type Yoga = Awaited<ReturnType<typeof loadYoga>>;

const yoga = {} as Yoga;
export default yoga;

export async function loadDeferredYoga(): Promise<void> {
  if (!('Node' in yoga)) Object.assign(yoga, await loadYoga());
}
