// The program run against this process: the only place that reads process.* (main.ts and the
// single executable's CommonJS entry both call start, and set the exit code).

import { run } from './run.ts';

export async function start(): Promise<number> {
  // A reader that went away (`| head`) ends the run quietly, as kubectl does.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });

  return run({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    now: () => new Date(),
    runTui: async (args) => {
      // React reads NODE_ENV when it is first loaded: unset, it runs its development build,
      // several times slower (a live rollout would leave the screen behind the cluster). The
      // bundles have React's production build fixed at build time; this is for the sources.
      const env = process.env;
      env.NODE_ENV ??= 'production';
      return (await import('../tui/run-tui.ts')).runTui(args, {
        stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, now: () => new Date(),
        startWatch: args.startWatch, watch: args.watch, printRollout: args.printRollout,
      });
    },
    // Node makes process.stdin (a stream over fd 0) when it is first read: only --replay
    // --step on a terminal reads it, so a run that does not pays nothing for it.
    get stdin() {
      return process.stdin;
    },
    runtime: { version: process.version, platform: process.platform, arch: process.arch },
    completionNames: {
      objects: async (kind, flags, env) => (await import('../sources/live/names.ts')).objectNames(kind, flags, env),
      kubeconfig: async (what, flags, env) => (await import('../sources/live/names.ts')).kubeconfigNames(what, flags, env),
    },
    prepareTls: () => {
      process.getBuiltinModule('node:tls');
    },
    onInterrupt: (fn) => {
      process.once('SIGINT', fn);
      return () => process.off('SIGINT', fn);
    },
  });
}

/**
 * Ends the process with CODE once what it wrote is out. process.exit skips the teardown a
 * natural exit does (freeing every object of the run: tens of milliseconds after a large
 * one), and nothing left open (a kept-alive connection, a timer) can hold the process. A
 * write's callback runs once everything written before it is handed on, so nothing is cut.
 */
export async function exit(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => {
    stream.write('', () => resolve());
  })));
  process.exit(code);
}
