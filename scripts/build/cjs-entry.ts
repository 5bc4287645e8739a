// The program as one CommonJS file (bundle.ts, CJS_MAIN), for the executable of the build's
// own platform: its main compiles this file with V8's code cache from a training run
// (sea.ts), which a module cannot be given. CommonJS has no top-level await, so Ink's
// layout engine is loaded before the TUI is (yoga-deferred.ts).

import { start } from '../../src/cli/start.ts';
import { loadDeferredYoga } from './yoga-deferred.ts';

void start({ beforeTui: loadDeferredYoga }).then((code) => {
  process.exitCode = code;
});
