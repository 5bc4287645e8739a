// The process entry point: the only place that reads process.* and calls process.exit.

import { run } from './run.ts';

const code = await run({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
});
process.exitCode = code;
