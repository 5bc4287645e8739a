// The API server's name rules written character by character (not with the regular expressions
// the loader uses), the reference the name fuzz tests check the loader against.

export const lowerAlnum = (c: string) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
export const letter = (c: string) => c >= 'a' && c <= 'z';

/** A DNS-1123 label: 1 to `max` of a-z, 0-9 and '-', starting and ending with a letter or digit. */
export function refLabel(s: string, max = 63): boolean {
  if (s.length === 0 || s.length > max) return false;
  if (!lowerAlnum(s[0] as string) || !lowerAlnum(s[s.length - 1] as string)) return false;
  return [...s].every((c) => lowerAlnum(c) || c === '-');
}

/** A DNS-1123 subdomain: at most 253 characters, labels joined by dots. */
export function refSubdomain(s: string): boolean {
  return s.length <= 253 && s.split('.').every((part) => refLabel(part, 253));
}
