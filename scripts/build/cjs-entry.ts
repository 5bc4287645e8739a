// The program as one CommonJS file (bundle.ts, CJS_MAIN), for the executable of the build's
// own platform: its main compiles this file with V8's code cache from a training run
// (sea.ts), which a module cannot be given. The TUI is a file of its own (TUI_APART), which
// loads Ink's layout engine itself (CommonJS has no top-level await: yoga-deferred.ts).

import { exit, start } from '../../src/cli/start.ts';

void start().then(exit);
