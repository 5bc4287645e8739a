// The terminal escaping lives in the core (src/core/escape.ts) so that every layer that writes
// a line, sources included, escapes with the one function. Kept for imports written before it
// moved.
export * from '../core/escape.ts';
