// Throwaway self-signed certificates made with openssl: the fake API server's (127.0.0.1 /
// localhost) and a client certificate.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  dir: string;
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

const cached = new Map<string, TestCert>();

function selfSigned(name: string, cn: string, ext: string[]): TestCert {
  const hit = cached.get(name);
  if (hit) return hit;
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-live-cert-'));
  const cnf = join(dir, 'cert.cnf');
  writeFileSync(cnf, ['[req]', 'distinguished_name = dn', 'prompt = no', 'x509_extensions = ext', '[dn]', `CN = ${cn}`, '[ext]', ...ext, ''].join('\n'));
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-config', cnf, '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  const c = { dir, certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
  cached.set(name, c);
  return c;
}

/** The fake API server's certificate (also its own CA). */
export function testCert(): TestCert {
  return selfSigned('server', 'fake-apiserver', [
    'basicConstraints = critical,CA:TRUE', 'keyUsage = critical,digitalSignature,keyEncipherment,keyCertSign',
    'extendedKeyUsage = serverAuth', 'subjectAltName = IP:127.0.0.1,DNS:localhost',
  ]);
}

/** A client certificate (CN test-client). */
export function clientCert(): TestCert {
  return selfSigned('client', 'test-client', ['basicConstraints = CA:FALSE', 'keyUsage = critical,digitalSignature,keyEncipherment', 'extendedKeyUsage = clientAuth']);
}
