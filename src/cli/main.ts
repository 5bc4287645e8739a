// The process entry point (sources, the npm package's bundle, the macOS archives): runs the
// program and exits with its code. The linux-amd64 executable enters through start() from its
// CommonJS entry instead (scripts/build/cjs-entry.ts).

import { exit, start } from './start.ts';

await exit(await start());
