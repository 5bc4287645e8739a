// When the oracle tests skip: only when the control-plane binaries are absent AND
// WHOSELECTS_REQUIRE_CLUSTER is unset (then a missing binary is a failure).
import { defaultBinDir, missingBinaries } from '../cluster/harness.ts';

export function clusterSkip(): string | false {
  const missing = missingBinaries();
  if (missing.length === 0 || process.env.WHOSELECTS_REQUIRE_CLUSTER) return false;
  return `control-plane binaries absent from ${defaultBinDir()} (${missing.join(', ')}): run \`npm run cluster:build\`; ` +
    'set WHOSELECTS_REQUIRE_CLUSTER=1 to make this a failure';
}
