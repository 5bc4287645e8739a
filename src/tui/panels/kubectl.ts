// The kubectl line: which pod `kubectl logs` and `kubectl exec` would pick, and whose it is.

import { fit, rule, seg, type Line } from '../text.ts';

export function kubectlPanel(lines: Line[], width: number, height: number): Line[] {
  if (height <= 0 || lines.length === 0) return [];
  const shown = lines.slice(0, height - 1);
  const title: Line = [seg('KUBECTL')];
  if (shown.length < lines.length) title.push(seg(`  +${lines.length - shown.length} more: enter on a pod`, 'dim'));
  return [rule(title, width), ...shown.map((l) => fit([seg('  '), ...l], width))];
}
