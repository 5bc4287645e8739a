// The process entry point: the only place that reads process.* and calls process.exit.

import { run } from './run.ts';

const code = await run({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
  runTui: async (args) => (await import('../tui/run-tui.ts')).runTui(args, {
    stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, now: () => new Date(),
    startWatch: args.startWatch, watch: args.watch, printRollout: args.printRollout,
  }),
  stdin: process.stdin,
  onInterrupt: (fn) => {
    process.once('SIGINT', fn);
    return () => process.off('SIGINT', fn);
  },
});
process.exitCode = code;
