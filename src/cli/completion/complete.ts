// `__complete WORDS… PARTIAL`: what the shell should offer for the last word, in the
// protocol kubectl's plugin completion (kubectl ≥ 1.26, through kubectl_complete-whoselects)
// and Cobra-generated scripts read: one candidate a line (`value<TAB>description`), then
// `:DIRECTIVE`. Flags, their choices and the subcommands come from the program definition
// (program.ts); object, namespace and context names from a NameLister.

import type { Command, Option } from 'commander';
import { lookupType, RESOURCE_TYPES } from '../../core/resources.ts';
import type { Kind } from '../../core/snapshot.ts';
import { buildProgram, PASTED_VERBS } from '../program.ts';
import { escapeTerminal } from '../../core/escape.ts';
import { COMPLETION_SHELLS } from './scripts.ts';

export const COMPLETE_COMMAND = '__complete';

/** Cobra's ShellCompDirective bits. */
export const DIRECTIVE = { default: 0, error: 1, noSpace: 2, noFileComp: 4, filterFileExt: 8, filterDirs: 16, keepOrder: 32 } as const;

/** The connection flags found on the line being completed. */
export interface ConnectionFlags {
  namespace?: string;
  context?: string;
  cluster?: string;
  user?: string;
  kubeconfig?: string;
}

export interface NameLister {
  /** Names of the objects of a kind (in the flags' or the context's namespace); [] on any error. */
  objects(kind: Kind, flags: ConnectionFlags, env: NodeJS.ProcessEnv): Promise<string[]>;
  /** Context, cluster or user names of the kubeconfig; [] on any error. */
  kubeconfig(what: 'contexts' | 'clusters' | 'users', flags: ConnectionFlags, env: NodeJS.ProcessEnv): Promise<string[]>;
}

export const noNames: NameLister = { objects: async () => [], kubeconfig: async () => [] };

interface Candidate { value: string; description?: string }
interface Answer { candidates: Candidate[]; directive: number }

const takesValue = (o: Option) => o.required || o.optional;

/** Every spelling of every type we accept as a target, as kubectl spells them. */
export function targetTypeWords(): string[] {
  const words: string[] = [];
  for (const t of RESOURCE_TYPES.filter((r) => r.target)) {
    words.push(...t.shortNames, t.singular, t.plural);
    if (t.group) words.push(`${t.plural}.${t.group}`);
  }
  return [...new Set(words)];
}

function optionsOf(program: Command): Option[] {
  const seen = new Set<string>();
  const out: Option[] = [];
  for (const c of [program, ...program.commands]) {
    for (const o of c.options) {
      if (o.hidden || seen.has(o.long ?? o.flags)) continue;
      seen.add(o.long ?? o.flags);
      out.push(o);
    }
  }
  return out;
}

function findOption(options: Option[], word: string): Option | undefined {
  return options.find((o) => o.long === word || o.short === word);
}

function attributeOf(o: Option): keyof ConnectionFlags | null {
  const name = o.attributeName();
  return name === 'namespace' || name === 'context' || name === 'cluster' || name === 'user' || name === 'kubeconfig' ? name : null;
}

async function valuesOf(o: Option, flags: ConnectionFlags, names: NameLister, env: NodeJS.ProcessEnv): Promise<Answer> {
  if (o.argChoices) return { candidates: o.argChoices.map((value) => ({ value })), directive: DIRECTIVE.noFileComp };
  switch (o.attributeName()) {
    case 'namespace':
      return { candidates: (await names.objects('Namespace', flags, env)).map((value) => ({ value })), directive: DIRECTIVE.noFileComp };
    case 'context':
      return { candidates: (await names.kubeconfig('contexts', flags, env)).map((value) => ({ value })), directive: DIRECTIVE.noFileComp };
    case 'cluster':
      return { candidates: (await names.kubeconfig('clusters', flags, env)).map((value) => ({ value })), directive: DIRECTIVE.noFileComp };
    case 'user':
      return { candidates: (await names.kubeconfig('users', flags, env)).map((value) => ({ value })), directive: DIRECTIVE.noFileComp };
    case 'kustomize':
      return { candidates: [], directive: DIRECTIVE.filterDirs };
    case 'filename': case 'kubeconfig': case 'record': case 'replay':
      return { candidates: [], directive: DIRECTIVE.default };
    default:
      return { candidates: [], directive: DIRECTIVE.noFileComp };
  }
}

async function objectNames(typeText: string, flags: ConnectionFlags, names: NameLister, env: NodeJS.ProcessEnv): Promise<string[]> {
  const t = lookupType(typeText);
  if ('error' in t || !t.type.target) return [];
  return names.objects(t.type.kind, flags, env);
}

/** The target: TYPE/NAME, TYPE NAME, or (where a bare word is a pod) NAME. */
async function targetWords(before: string[], partial: string, bareIsPod: boolean, flags: ConnectionFlags, names: NameLister, env: NodeJS.ProcessEnv): Promise<Answer> {
  const slash = partial.indexOf('/');
  if (before.length === 0 && slash >= 0) {
    const typeText = partial.slice(0, slash);
    return { candidates: (await objectNames(typeText, flags, names, env)).map((n) => ({ value: `${typeText}/${n}` })), directive: DIRECTIVE.noFileComp };
  }
  if (before.length === 1 && !(before[0] as string).includes('/')) {
    return { candidates: (await objectNames(before[0] as string, flags, names, env)).map((value) => ({ value })), directive: DIRECTIVE.noFileComp };
  }
  if (before.length > 0) return { candidates: [], directive: DIRECTIVE.noFileComp };
  const types = targetTypeWords().map((value) => ({ value }));
  const pods = bareIsPod && partial ? (await names.objects('Pod', flags, env)).map((value) => ({ value })) : [];
  return { candidates: [...types, ...pods], directive: DIRECTIVE.noFileComp };
}

export async function complete(words: string[], names: NameLister, env: NodeJS.ProcessEnv): Promise<Answer> {
  const program = buildProgram({ onInvocation: () => undefined });
  const options = optionsOf(program);
  const subcommands = program.commands.map((c) => c.name());
  const done = words.slice(0, -1);
  const partial = words[words.length - 1] ?? '';
  const flags: ConnectionFlags = {};
  const positionals: string[] = [];
  let sub: string | null = null;
  let pending: Option | null = null;
  let rest = false;
  for (const w of done) {
    if (pending) {
      const a = attributeOf(pending);
      if (a) flags[a] = w;
      pending = null;
    } else if (!rest && w === '--') {
      rest = true;
    } else if (!rest && w.startsWith('-') && w.length > 1) {
      const eq = w.indexOf('=');
      const o = findOption(options, eq > 0 ? w.slice(0, eq) : w);
      if (!o || !takesValue(o)) continue;
      if (eq > 0) {
        const a = attributeOf(o);
        if (a) flags[a] = w.slice(eq + 1);
      } else pending = o;
    } else if (sub === null && positionals.length === 0 && subcommands.includes(w)) {
      sub = w;
    } else positionals.push(w);
  }

  let answer: Answer;
  if (pending) {
    answer = await valuesOf(pending, flags, names, env);
  } else if (partial.startsWith('--') && partial.includes('=')) {
    const eq = partial.indexOf('=');
    const o = findOption(options, partial.slice(0, eq));
    const values = o && takesValue(o) ? await valuesOf(o, flags, names, env) : { candidates: [], directive: DIRECTIVE.noFileComp };
    answer = { candidates: values.candidates.map((c) => ({ value: `${partial.slice(0, eq + 1)}${c.value}` })), directive: values.directive };
  } else if (partial.startsWith('-') && !rest) {
    const all: Candidate[] = [];
    for (const o of options) {
      for (const n of [o.long, o.short]) if (n) all.push({ value: n, description: o.description });
    }
    all.push({ value: '--help', description: 'help for kubectl whoselects' });
    answer = { candidates: all, directive: DIRECTIVE.noFileComp };
  } else if (sub === 'completion') {
    answer = { candidates: positionals.length ? [] : COMPLETION_SHELLS.map((value) => ({ value })), directive: DIRECTIVE.noFileComp };
  } else if (sub === 'check') {
    answer = { candidates: (await names.objects('Namespace', flags, env)).map((value) => ({ value })), directive: DIRECTIVE.noFileComp };
  } else if (sub !== null && (PASTED_VERBS as readonly string[]).includes(sub)) {
    answer = await targetWords(positionals, partial, true, flags, names, env);
  } else {
    const target = await targetWords(positionals, partial, false, flags, names, env);
    const commands = positionals.length === 0 && !partial.includes('/')
      ? program.commands.map((c) => ({ value: c.name(), description: c.description().split(/[.;:]/)[0] as string }))
      : [];
    answer = { candidates: [...commands, ...target.candidates], directive: target.directive };
  }
  return { candidates: answer.candidates.filter((c) => c.value.startsWith(partial)), directive: answer.directive };
}

/** Cobra's wire format: candidates a line, then `:directive`. Names are escaped as everywhere on a terminal, so no tab, newline or escape sequence passes. */
export async function completeWords(words: string[], names: NameLister, env: NodeJS.ProcessEnv): Promise<string> {
  const { candidates, directive } = await complete(words, names, env);
  const clean = escapeTerminal;
  const lines = candidates.map((c) => (c.description ? `${clean(c.value)}\t${clean(c.description)}` : clean(c.value)));
  return `${[...lines, `:${directive}`].join('\n')}\n`;
}
