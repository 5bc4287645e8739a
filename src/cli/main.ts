// The process entry point (sources, the npm package's bundle, the macOS archives): runs the
// program and sets the exit code. The linux-amd64 executable enters through start() from its
// CommonJS entry instead (scripts/build/cjs-entry.ts).

import { start } from './start.ts';

process.exitCode = await start();
