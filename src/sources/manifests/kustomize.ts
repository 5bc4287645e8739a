// `-k DIR`: the manifests `kubectl kustomize DIR` builds.

import { COMMAND_NOT_FOUND, type ManifestDeps } from './deps.ts';
import { errorMessage, problem, type InputProblem } from './problem.ts';

export interface KustomizeOutput {
  source: string;
  text: string | null;
  problems: InputProblem[];
}

export function kustomizeSource(dir: string): string {
  return `kustomize ${dir}`;
}

// kubectl >= 1.31 logs the failure through klog: `E1121 ... run.go:72] "command failed" err="..."`;
// older ones print `error: ...`.
const KLOG_FAILURE = /"command failed" err=("(?:[^"\\]|\\.)*")/;

function unquote(quoted: string): string {
  try {
    return String(JSON.parse(quoted));
  } catch {
    return quoted.slice(1, -1);
  }
}

/** The first line of kustomize's stderr that is an error rather than a warning. */
export function firstErrorLine(stderr: string): string | null {
  for (const raw of stderr.split('\n')) {
    const line = raw.trim();
    if (line === '' || /^#?\s*warning:/i.test(line)) continue;
    const klog = KLOG_FAILURE.exec(line);
    if (klog?.[1]) return unquote(klog[1]);
    return line.replace(/^error:\s*/i, '');
  }
  return null;
}

export async function buildKustomization(dir: string, deps: ManifestDeps): Promise<KustomizeOutput> {
  const source = kustomizeSource(dir);
  let result;
  try {
    result = await deps.runKustomize(dir);
  } catch (e) {
    return { source, text: null, problems: [problem(source, 0, null, `kubectl kustomize ${dir} could not be run: ${errorMessage(e)}`)] };
  }
  if (result.code === COMMAND_NOT_FOUND) {
    return {
      source,
      text: null,
      problems: [problem(source, 0, null, 'kubectl was not found, and -k needs it to build the kustomization',
        `install kubectl, or run: kustomize build ${dir} | kubectl whoselects -f -`)],
    };
  }
  if (result.code !== 0) {
    const first = firstErrorLine(result.stderr) ?? `kubectl kustomize exited with code ${result.code}`;
    return { source, text: null, problems: [problem(source, 0, null, `kustomize rejected ${dir}: ${first}`, `run kubectl kustomize ${dir} to see the whole error`)] };
  }
  return { source, text: result.stdout, problems: [] };
}
