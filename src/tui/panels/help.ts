// `?`: the keys, and what the marks and columns mean.

import { seg, wrap, type Line } from '../text.ts';

const KEYS: [string, string][] = [
  ['↑ ↓  j k', 'move in the focused panel (PgUp/PgDn, g/G: first/last)'],
  ['tab  ← →', 'next / previous panel: pods, findings, timeline'],
  ['enter', 'details of the chosen pod, finding or change (esc closes)'],
  ['/', 'filter pods, findings and timeline by text (enter keeps, esc clears)'],
  ['w', 'start or stop watching (a live cluster or a replay)'],
  ['p', 'pause the screen; changes keep arriving and show on resume'],
  ['n  space', 'replay step by step: the next event'],
  ['r', 'read the source again and redo the analysis'],
  ['o', 'wide columns: owner chain, IP, labels'],
  ['?', 'this help'],
  ['q  ctrl-c', 'quit'],
];

const MARKS: [string, string][] = [
  ['≠', 'the pod belongs to another owner than the one the target is meant for'],
  ['✓', 'a label that made the selector match; a target port the pod serves'],
  ['✗', 'the pod does not serve the target port: the named port is missing'],
  ['▲', 'warning; a numeric target port no container declares (traffic still goes there)'],
  ['✖ •', 'error; info'],
  ['*', 'after a finding\'s mark: the finding is about the chosen pod or its owner'],
  ['ENDPOINT', 'live: the pod\'s endpoint in the Service\'s EndpointSlices (ready, serving·term, terminating, not ready; absent: not published)'],
  ['WOULD BE', 'offline: what the EndpointSlice controller would publish for it'],
  ['● ○', 'a hazard still going on, with how long so far; one that ended'],
];

export function helpLines(width = 80): Line[] {
  const rows = (list: [string, string][]): Line[] => list.flatMap(([k, what]) =>
    wrap(what, Math.max(20, width - 13)).map((text, i) => [seg(i === 0 ? `  ${k.padEnd(10)}` : ' '.repeat(12), 'key'), seg(' '), seg(text)]));
  return [[seg('KEYS', 'title')], ...rows(KEYS), [], [seg('MARKS', 'title')], ...rows(MARKS)];
}
