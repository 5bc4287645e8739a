// The small scripts shipped beside the program in the archives.

import { EXEC_ARGV } from './sea.ts';

/** kubectl's plugin completion (kubectl ≥ 1.26) runs kubectl_complete-whoselects ARGS…; it answers through the program's __complete. */
export const COMPLETE_SH = `#!/bin/sh
# kubectl's plugin completion runs this with the words after "kubectl whoselects".
self=$0
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case $link in /*) self=$link ;; *) self=$(dirname "$self")/$link ;; esac
done
exec "$(dirname "$self")/kubectl-whoselects" __complete "$@"
`;

export const COMPLETE_CMD = `@echo off\r
rem kubectl's plugin completion runs this with the words after "kubectl whoselects".\r
"%~dp0kubectl-whoselects.exe" __complete %*\r
`;

/** macOS: run the bundle with the signed node binary shipped beside this script. */
export const DARWIN_SH = `#!/bin/sh
# kubectl-whoselects for macOS: runs the bundled program with the Node binary beside it.
self=$0
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case $link in /*) self=$link ;; *) self=$(dirname "$self")/$link ;; esac
done
here=$(cd "$(dirname "$self")" && pwd -P)
exec "$here/node" ${EXEC_ARGV.join(' ')} "$here/run.mjs" "$@"
`;

/** The entry run by node on macOS: cache compiled code between runs, then run the bundle. */
export const RUN_MJS = `// Caches compiled code between runs (start-up is most of a run), then runs the bundle.
import { enableCompileCache } from 'node:module';
enableCompileCache?.();
await import('./whoselects.mjs');
`;
