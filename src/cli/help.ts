// -h/--help laid out as kubectl lays out its own: what it does, examples, available
// commands, options (`--flag=default:` then the meaning on an indented line), usage.

import type { Command, Help, Option } from 'commander';

const ROOT_EXAMPLES = `  # Which pods does a Service select, which of them get its traffic, and who owns them (live cluster)
  kubectl whoselects svc/mariadb

  # The same question on manifests, before they are applied
  kubectl whoselects -k overlays/prod svc/api
  kubectl whoselects -f deploy.yaml deploy/moc-xdmod

  # Every object whose selector matches a pod
  kubectl whoselects pod/mariadb-7d9f-x2x -n billing

  # Which pod and container a kubectl command would use
  kubectl whoselects logs deploy/moc-xdmod
  kubectl whoselects port-forward svc/mariadb 3306

  # Gate CI on findings
  kustomize build . | kubectl whoselects -f - check --fail-on warning

  # Watch a rollout: pods, EndpointSlices and hazards as they happen
  kubectl whoselects -w svc/web --until-rollout-complete

  # Shell completion (see the README for each shell)
  source <(kubectl whoselects completion bash)`;

const EXAMPLES: Record<string, string> = {
  'kubectl whoselects': ROOT_EXAMPLES,
  check: `  # Every finding in the current namespace, failing on warnings
  kubectl whoselects check

  # Every namespace, failing only on errors
  kubectl whoselects check -A --fail-on error

  # Manifests from kustomize
  kubectl whoselects -k overlays/prod check`,
  completion: `  # bash
  source <(kubectl whoselects completion bash)

  # zsh
  source <(kubectl whoselects completion zsh)

  # fish
  kubectl whoselects completion fish | source

  # PowerShell
  kubectl whoselects completion powershell | Out-String | Invoke-Expression`,
};

function flagTerm(o: Option): string {
  const names = [o.short, o.long].filter(Boolean).join(', ');
  if (o.negate) return `${names}=false`;
  if (!o.required && !o.optional) return `${names}=false`;
  const d = o.defaultValue;
  if (Array.isArray(d)) return `${names}=[]`;
  if (d === undefined) return `${names}=''`;
  return typeof d === 'string' ? `${names}='${d}'` : `${names}=${String(d)}`;
}

function flagText(o: Option): string {
  const choices = o.argChoices ? ` One of: ${o.argChoices.join(', ')}.` : '';
  const text = o.description.replace(/\.$/, '');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.${choices}`;
}

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out.join('\n');
}

function fullName(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export function kubectlStyleHelp(cmd: Command, helper: Help): string {
  const width = Math.min(100, Math.max(60, helper.helpWidth ?? 80));
  const parts: string[] = [];
  const description = cmd.description();
  if (description) parts.push(`${wrap(description.charAt(0).toUpperCase() + description.slice(1), width, '')}\n`);
  const examples = EXAMPLES[cmd.parent ? cmd.name() : fullName(cmd)];
  if (examples) parts.push(`Examples:\n${examples}\n`);
  const commands = helper.visibleCommands(cmd).filter((c) => c.name() !== 'help');
  if (commands.length) {
    const pad = Math.max(...commands.map((c) => c.name().length)) + 3;
    parts.push(`Available Commands:\n${commands.map((c) => `  ${c.name().padEnd(pad)}${c.summary() || c.description().split(/[.;:]/)[0]}`).join('\n')}\n`);
  }
  const options = helper.visibleOptions(cmd);
  if (options.length) {
    parts.push(`Options:\n${options.map((o) => `    ${flagTerm(o)}:\n${wrap(flagText(o), width - 8, '\t')}`).join('\n\n')}\n`);
  }
  parts.push(`Usage:\n  ${fullName(cmd)} ${cmd.usage()}\n`);
  if (commands.length) parts.push(`Use "${fullName(cmd)} <command> --help" for more information about a given command.\n`);
  return parts.join('\n');
}
