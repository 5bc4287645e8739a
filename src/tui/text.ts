// Lines of styled segments: what every panel produces. Panels fit their lines to the width
// themselves (truncating with …), so Ink never wraps and a panel's height is its line count.

import type { Role } from './theme.ts';
import { seg, type Line, type Seg } from '../render/model/line.ts';

export { seg, type Line, type Seg } from '../render/model/line.ts';

const SURROGATE = /[\uD800-\uDFFF]/;

/** Terminal cells of a string: one per code point (names, labels and our marks are all narrow). */
export function width(s: string): number {
  // Without surrogates every UTF-16 unit is a code point (a table measures thousands of cells).
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function truncate(s: string, w: number): string {
  if (w <= 0) return '';
  if (width(s) <= w) return s;
  return `${[...s].slice(0, w - 1).join('')}…`;
}

/** Cuts the middle out: `web-7d4b…x2k9p`. */
export function truncateMiddle(s: string, w: number): string {
  const cells = [...s];
  if (cells.length <= w) return s;
  if (w <= 1) return truncate(s, w);
  const tail = Math.ceil((w - 1) / 2);
  return `${cells.slice(0, w - 1 - tail).join('')}…${cells.slice(cells.length - tail).join('')}`;
}

export function pad(s: string, w: number, align: 'left' | 'right' = 'left'): string {
  const t = truncate(s, w);
  const fill = ' '.repeat(Math.max(0, w - width(t)));
  return align === 'left' ? t + fill : fill + t;
}

export function lineWidth(l: Line): number {
  return l.reduce((n, s) => n + width(s.text), 0);
}

/** Cuts a line to `w` cells, marking the cut with … in the style of the cut segment. */
export function fit(l: Line, w: number): Line {
  if (lineWidth(l) <= w) return l;
  if (w <= 0) return [];
  const out: Line = [];
  let left = w - 1;
  for (const s of l) {
    const cells = [...s.text];
    if (cells.length <= left) {
      out.push(s);
      left -= cells.length;
      if (left === 0) break;
      continue;
    }
    out.push({ ...s, text: cells.slice(0, left).join('') });
    break;
  }
  const last = out[out.length - 1];
  if (last) out[out.length - 1] = { ...last, text: `${last.text}…` };
  else out.push(seg('…'));
  return out.filter((s) => s.text !== '');
}

/** Pads a line with spaces to exactly `w` cells (cutting it first if longer). */
export function padLine(l: Line, w: number): Line {
  const f = fit(l, w);
  const n = lineWidth(f);
  return n < w ? [...f, seg(' '.repeat(w - n))] : f;
}

/** The chosen row of a focused list: the whole line in reverse video. */
export function inverse(l: Line): Line {
  return l.map((s) => ({ ...s, inverse: true }));
}

export function plain(l: Line): string {
  return l.map((s) => s.text).join('');
}

/** A panel title rule: `── TITLE ─────` across the width. */
export function rule(title: Line, w: number, role: Role = 'title'): Line {
  const head: Line = [seg('── ', 'dim'), ...title.map((s) => ({ ...s, role: s.role ?? role })), seg(' ')];
  const rest = w - lineWidth(head);
  return rest > 0 ? [...head, seg('─'.repeat(rest), 'dim')] : fit(head, w);
}

/** Breaks plain text into lines of at most `w` cells, at spaces where it can. */
export function wrap(text: string, w: number): string[] {
  if (w <= 0) return [];
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/(\s+)/)) {
      if (word === '') continue;
      if (width(line) + width(word) <= w) {
        line += word;
        continue;
      }
      if (line.trim()) out.push(line.trimEnd());
      line = /^\s+$/.test(word) ? '' : word;
      while (width(line) > w) {
        out.push([...line].slice(0, w).join(''));
        line = [...line].slice(w).join('');
      }
    }
    out.push(line.trimEnd());
  }
  return out;
}

/** Breaks a styled line into lines of at most `w` cells, at spaces where it can; each word keeps its style. */
export function wrapLine(l: Line, w: number): Line[] {
  if (lineWidth(l) <= w) return [l];
  const words: Seg[] = l.flatMap((s) => s.text.split(/(\s+)/).filter((t) => t !== '').map((t) => ({ ...s, text: t })));
  const out: Line[] = [];
  let cur: Line = [];
  for (const word of words) {
    const blank = /^\s+$/.test(word.text);
    if (lineWidth(cur) + width(word.text) <= w) {
      if (!(blank && cur.length === 0)) cur.push(word);
      continue;
    }
    if (cur.length) out.push(cur);
    cur = blank ? [] : [word];
    while (lineWidth(cur) > w) {
      const cells = [...(cur[0]?.text ?? '')];
      out.push([{ ...word, text: cells.slice(0, w).join('') }]);
      cur = [{ ...word, text: cells.slice(w).join('') }];
    }
  }
  if (cur.length) out.push(cur);
  return out.map((line) => {
    const l = [...line];
    while (l.length && /^\s+$/.test(l[l.length - 1]?.text ?? '')) l.pop();
    return l;
  });
}

/** Lays chips (label pairs, ports) out in as many lines of `w` cells as they need. */
export function flow(chips: Line[], w: number, gap = 2): Line[] {
  const lines: Line[] = [];
  let cur: Line = [];
  for (const chip of chips) {
    const cw = lineWidth(chip);
    if (cur.length && lineWidth(cur) + gap + cw > w) {
      lines.push(cur);
      cur = [];
    }
    cur = cur.length ? [...cur, seg(' '.repeat(gap)), ...chip] : [...chip];
  }
  if (cur.length) lines.push(cur);
  return lines.map((l) => fit(l, w));
}
