// Polling: a generic waitFor and an HTTP status probe for readiness endpoints.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface WaitOptions {
  /** Give up after this long. Default 30 s. */
  timeoutMs?: number;
  /** Pause between probes. Default 200 ms. */
  intervalMs?: number;
  /** What is awaited, for the timeout message. */
  what?: string;
  /** Called before every probe; throwing aborts the wait at once (e.g. a process died). */
  check?: () => void;
}

export type Probe<T> = () => T | undefined | null | false | Promise<T | undefined | null | false>;

/**
 * Calls probe until it returns a truthy value, and resolves that value. A probe that throws
 * counts as "not yet"; the last error (or last falsy value) is quoted when the wait times out.
 */
export async function waitFor<T>(probe: Probe<T>, opts: WaitOptions = {}): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 200, what = 'condition' } = opts;
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    opts.check?.();
    try {
      const v = await probe();
      if (v) return v;
      last = `last value: ${JSON.stringify(v)}`;
    } catch (err) {
      last = `last error: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${last})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface HttpProbeOptions {
  ca?: string | Buffer;
  token?: string;
  /** Accept any serving certificate (self-signed component endpoints). */
  insecure?: boolean;
}

/** GETs url; resolves the HTTP status (rejects on connection errors). */
export function httpStatus(url: string, opts: HttpProbeOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const headers: Record<string, string> = opts.token ? { Authorization: `Bearer ${opts.token}` } : {};
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(u, {
      headers, timeout: 2_000, ...(u.protocol === 'https:' ? { ca: opts.ca, rejectUnauthorized: !opts.insecure } : {}),
    }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}
