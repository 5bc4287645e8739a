// A namespace given on the command line (-n, check's namespace arguments, a pasted command's -n)
// or by a kubeconfig context, checked as kubectl and the API server treat it:
//
// - kubectl (client-go rest.Request.Namespace) refuses, before sending anything, a namespace that
//   cannot be a URL path segment: "." or "..", or one containing "/" or "%" ("invalid namespace");
// - anything else is sent as it is, and the API server does not check a namespace it reads from:
//   a list in a namespace that does not exist is empty, a get is NotFound. But a namespace that
//   is not a DNS-1123 label (at most 63 of a-z, 0-9 and '-', starting and ending with a letter or
//   digit) can never exist: creating one is refused (ValidateNamespaceName). kubectl would
//   silently find nothing there; this tool says so instead of answering from an empty namespace.
//
// An empty value is no value: kubectl then takes the context's namespace, else "default".

export interface NamespaceProblem {
  message: string;
  hint: string;
}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const RULE = 'a namespace name is at most 63 characters of lowercase letters, digits and \'-\', starting and ending with a letter or digit';

function shown(s: string): string {
  const text = JSON.stringify(s);
  return text.length > 80 ? `${text.slice(0, 80)}…" (${s.length} characters)` : text;
}

/** A close name the rule accepts, or null. */
function suggestion(s: string): string | null {
  const t = s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 63).replace(/^-+|-+$/g, '');
  return t === '' || t === s ? null : t;
}

/** What is wrong with a namespace as `where` gave it ("-n", "check's argument", "context \"x\""), or null. */
export function namespaceProblem(ns: string, where: string): NamespaceProblem | null {
  if (ns === '') return null;
  const within = ['/', '%'].filter((c) => ns.includes(c)).map((c) => `'${c}'`).join(' or ');
  const segment = ns === '.' || ns === '..' ? `may not be ${shown(ns)}` : within ? `may not contain ${within}` : null;
  if (segment) return { message: `invalid namespace ${shown(ns)} (${where}): ${segment}`, hint: `${RULE}; kubectl refuses this one too` };
  if (ns.length <= 63 && LABEL.test(ns)) return null;
  const better = suggestion(ns);
  const why = ns.length > 63 ? `is ${ns.length} characters long (at most 63)` : 'is not a valid namespace name';
  return {
    message: `namespace ${shown(ns)} (${where}) ${why}: no namespace can have it`,
    hint: `${RULE}${better ? `; e.g. ${JSON.stringify(better)}` : ''} (kubectl would send it and find nothing)`,
  };
}
