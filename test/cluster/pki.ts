// The cluster's own PKI, made with openssl: a CA, the apiserver's serving certificate, an admin
// client certificate (group system:masters), the service-account key pair and a static token.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Pki {
  dir: string;
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  adminCert: string;
  adminKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
  /** token,user,uid,"groups" file for --token-auth-file. */
  tokenFile: string;
  /** The static token (user whoselects-token-admin, group system:masters). Never print it. */
  token: string;
}

/** Names the apiserver answers to, also from inside the cluster (10.96.0.1 is the first service IP). */
const SERVING_NAMES = 'IP:127.0.0.1,DNS:localhost,IP:10.96.0.1,DNS:kubernetes,DNS:kubernetes.default,' +
  'DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local';

const openssl = (...args: string[]) => run('openssl', args);

async function signed(p: Pki, name: string, subject: string, extensions: string): Promise<void> {
  const key = join(p.dir, `${name}.key`), csr = join(p.dir, `${name}.csr`), ext = join(p.dir, `${name}.ext`);
  writeFileSync(ext, extensions);
  await openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', subject, '-keyout', key, '-out', csr);
  await openssl('x509', '-req', '-in', csr, '-CA', p.caCert, '-CAkey', p.caKey, '-set_serial',
    `0x${randomBytes(8).toString('hex')}`, '-days', '3650', '-sha256', '-extfile', ext, '-out', join(p.dir, `${name}.crt`));
}

/** Writes a fresh PKI into dir (created if needed). */
export async function makePki(dir: string): Promise<Pki> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const f = (n: string) => join(dir, n);
  const p: Pki = {
    dir, caCert: f('ca.crt'), caKey: f('ca.key'), servingCert: f('apiserver.crt'), servingKey: f('apiserver.key'),
    adminCert: f('admin.crt'), adminKey: f('admin.key'), serviceAccountKey: f('sa.key'), serviceAccountPub: f('sa.pub'),
    tokenFile: f('tokens.csv'), token: randomBytes(24).toString('hex'),
  };
  writeFileSync(f('ca.cnf'), [
    '[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', 'CN = whoselects-e2e-ca',
    '[v3_ca]', 'basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign,digitalSignature',
    'subjectKeyIdentifier = hash', '',
  ].join('\n'));
  await openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-sha256', '-config', f('ca.cnf'),
    '-extensions', 'v3_ca', '-keyout', p.caKey, '-out', p.caCert);
  const leaf = 'basicConstraints = CA:FALSE\nkeyUsage = critical,digitalSignature,keyEncipherment\n';
  await Promise.all([
    signed(p, 'apiserver', '/CN=kube-apiserver', `${leaf}extendedKeyUsage = serverAuth\nsubjectAltName = ${SERVING_NAMES}\n`),
    signed(p, 'admin', '/O=system:masters/CN=whoselects-admin', `${leaf}extendedKeyUsage = clientAuth\n`),
    openssl('genrsa', '-out', p.serviceAccountKey, '2048')
      .then(() => openssl('rsa', '-in', p.serviceAccountKey, '-pubout', '-out', p.serviceAccountPub)),
  ]);
  writeFileSync(p.tokenFile, `${p.token},whoselects-token-admin,whoselects-token-admin,"system:masters"\n`, { mode: 0o600 });
  return p;
}
