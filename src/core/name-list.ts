// Names in a sentence, kept readable when there are hundreds: up to `max` are written as they
// come, the rest counted ("a, b, c and 397 more"). The report's structured fields keep every name.

export const NAMES_IN_A_LINE = 8;

/** `names` joined by `joiner` when there are at most `max`; else the first `max` and how many more. */
export function nameList(names: readonly string[], joiner = ', ', max = NAMES_IN_A_LINE): string {
  if (names.length <= max) return names.join(joiner);
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
