// The scripts `kubectl whoselects completion SHELL` prints. Each asks the program itself
// (`CMD __complete WORDS…`, see complete.ts) and reads candidates a line, then
// `:DIRECTIVE` (Cobra's bits: 1 error, 2 no space, 4 no file completion, 16 directories).
// They complete the `kubectl-whoselects` and `whoselects` commands; `kubectl whoselects`
// is completed by kubectl itself through the kubectl_complete-whoselects executable.

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;

const BASH = `# bash completion for kubectl-whoselects and whoselects.
# Load it with: source <(kubectl whoselects completion bash)
__whoselects_complete() {
  local line="\${COMP_LINE:0:COMP_POINT}" words=() cur="" out lines=() directive c
  read -ra words <<<"$line"
  if [[ "$line" == *[[:space:]] || \${#words[@]} -le 1 ]]; then cur=""; else cur="\${words[-1]}"; unset 'words[-1]'; fi
  out=$("\${words[0]}" __complete "\${words[@]:1}" "$cur" 2>/dev/null) || return 0
  mapfile -t lines <<<"$out"
  directive="\${lines[-1]#:}"; unset 'lines[-1]'
  [[ "$directive" =~ ^[0-9]+$ ]] || directive=0
  (( directive & 1 )) && return 0
  COMPREPLY=()
  if (( directive & 16 )); then compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return 0; fi
  for c in "\${lines[@]}"; do [[ -n "$c" ]] && COMPREPLY+=("\${c%%$'\\t'*}"); done
  # bash splits the word at = and : (COMP_WORDBREAKS): offer only what follows them.
  local wb="\${cur%[=:]*}"
  if [[ "$wb" != "$cur" && "$COMP_WORDBREAKS" == *[=:]* ]]; then COMPREPLY=("\${COMPREPLY[@]#"$wb"?}"); fi
  (( directive & 2 )) && compopt -o nospace 2>/dev/null
  if (( \${#COMPREPLY[@]} == 0 )) && (( directive & 4 )); then compopt +o default 2>/dev/null; fi
  return 0
}
complete -o default -F __whoselects_complete kubectl-whoselects whoselects
`;

const ZSH = `#compdef kubectl-whoselects whoselects
# zsh completion for kubectl-whoselects and whoselects.
# Load it with: source <(kubectl whoselects completion zsh)   (after compinit)
_whoselects() {
  local -a lines candidates
  local out directive line
  out=$(\${words[1]} __complete "\${(@)words[2,CURRENT]}" 2>/dev/null) || return 1
  lines=("\${(@f)out}")
  directive=\${lines[-1]#:}
  lines[-1]=()
  (( directive & 1 )) && return 1
  if (( directive & 16 )); then _path_files -/; return; fi
  for line in "\${lines[@]}"; do
    [[ -z $line ]] && continue
    candidates+=("\${\${line%%$'\\t'*}//:/\\\\:}\${\${(M)line#*$'\\t'}:+:\${line#*$'\\t'}}")
  done
  if (( \${#candidates} )); then
    if (( directive & 2 )); then _describe 'whoselects' candidates -S ''; else _describe 'whoselects' candidates; fi
  elif (( ! (directive & 4) )); then
    _files
  fi
}
if [[ "\${funcstack[1]}" == _whoselects ]]; then _whoselects "$@"; else compdef _whoselects kubectl-whoselects whoselects; fi
`;

const FISH = `# fish completion for kubectl-whoselects and whoselects.
# Load it with: kubectl whoselects completion fish | source
function __whoselects_complete
  set -l tokens (commandline -opc)
  set -l current (commandline -ct)
  set -l out ($tokens[1] __complete $tokens[2..-1] $current 2>/dev/null)
  or return
  set -l directive (string replace -r '^:' '' -- $out[-1])
  set -e out[-1]
  if test (math "bitand($directive, 1)") -ne 0; return; end
  if test (math "bitand($directive, 16)") -ne 0
    __fish_complete_directories $current
    return
  end
  if test (count $out) -eq 0; and test (math "bitand($directive, 4)") -eq 0
    __fish_complete_path $current
    return
  end
  printf '%s\\n' $out
end
for cmd in kubectl-whoselects whoselects
  complete -c $cmd -e
  complete -c $cmd -f -a '(__whoselects_complete)'
end
`;

const POWERSHELL = `# PowerShell completion for kubectl-whoselects and whoselects.
# Load it with: kubectl whoselects completion powershell | Out-String | Invoke-Expression
$__whoselectsCompleter = {
  param($wordToComplete, $commandAst, $cursorPosition)
  $line = $commandAst.Extent.Text
  if ($line.Length -gt $cursorPosition) { $line = $line.Substring(0, $cursorPosition) }
  $words = @($line -split '\\s+' | Where-Object { $_ -ne '' })
  $program = $words[0]
  $rest = @(if ($words.Count -gt 1) { $words[1..($words.Count - 1)] } else { @() })
  if ($wordToComplete -eq '') { $rest += '""' } elseif ($rest.Count -gt 0) { $rest[-1] = $wordToComplete }
  $out = @(& $program __complete @rest 2>$null)
  if ($out.Count -eq 0) { return }
  $directive = [int]($out[-1].TrimStart(':'))
  if ($directive -band 1) { return }
  $candidates = @(if ($out.Count -gt 1) { $out[0..($out.Count - 2)] } else { @() })
  foreach ($c in $candidates) {
    if ($c -eq '') { continue }
    $parts = $c -split "\`t", 2
    $tip = if ($parts.Count -gt 1 -and $parts[1]) { $parts[1] } else { $parts[0] }
    [System.Management.Automation.CompletionResult]::new($parts[0], $parts[0], 'ParameterValue', $tip)
  }
}
Register-ArgumentCompleter -Native -CommandName 'kubectl-whoselects', 'whoselects' -ScriptBlock $__whoselectsCompleter
`;

const SCRIPTS: Record<string, string> = { bash: BASH, zsh: ZSH, fish: FISH, powershell: POWERSHELL };

/** The script for a shell, or null for a shell we do not support. */
export function completionScript(shell: string): string | null {
  return Object.hasOwn(SCRIPTS, shell) ? (SCRIPTS[shell] as string) : null;
}
