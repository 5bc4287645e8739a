// The golden scenarios: each example run through the offline source, with the exit code
// it must give. Every case is rendered in every output format (examples.test.ts).

export interface GoldenCase {
  slug: string;
  args: string[];
  exit: number;
}

export const FORMATS = ['text', 'wide', 'json', 'yaml'] as const;

export const CASES: GoldenCase[] = [
  { slug: 'xdmod/svc-mariadb', args: ['-k', 'examples/xdmod', 'svc/mariadb'], exit: 1 },
  { slug: 'xdmod/check', args: ['-k', 'examples/xdmod', 'check'], exit: 1 },
  { slug: 'xdmod/logs-deploy-moc-xdmod', args: ['-k', 'examples/xdmod', 'logs', 'deploy/moc-xdmod'], exit: 1 },
  { slug: 'xdmod-fixed/svc-mariadb', args: ['-k', 'examples/xdmod-fixed', 'svc/mariadb'], exit: 0 },
  { slug: 'xdmod-fixed/check', args: ['-k', 'examples/xdmod-fixed', 'check'], exit: 0 },
  { slug: 'xdmod-fixed/logs-deploy-moc-xdmod', args: ['-k', 'examples/xdmod-fixed', 'logs', 'deploy/moc-xdmod'], exit: 0 },
  { slug: 'named-targetport/svc-web', args: ['-f', 'examples/named-targetport', 'svc/web'], exit: 1 },
  { slug: 'headless-publish-not-ready/svc-mongo', args: ['-f', 'examples/headless-publish-not-ready', 'svc/mongo'], exit: 1 },
  { slug: 'pdb-overlap/check', args: ['-f', 'examples/pdb-overlap', 'check'], exit: 1 },
  { slug: 'orphan-adoption/svc-cache', args: ['-f', 'examples/orphan-adoption', 'svc/cache'], exit: 1 },
  { slug: 'orphan-adoption/pod-cache-debug', args: ['-f', 'examples/orphan-adoption', 'pod/cache-debug'], exit: 1 },
  { slug: 'etp-local/svc-edge', args: ['-f', 'examples/etp-local', 'svc/edge'], exit: 1 },
  { slug: 'networkpolicy-ingress/ing-shop', args: ['-f', 'examples/networkpolicy-ingress', 'ing/shop'], exit: 0 },
  { slug: 'networkpolicy-ingress/hpa-storefront', args: ['-f', 'examples/networkpolicy-ingress', 'hpa/storefront'], exit: 1 },
  { slug: 'networkpolicy-ingress/netpol-default-deny-ingress', args: ['-f', 'examples/networkpolicy-ingress', 'netpol/default-deny-ingress'], exit: 0 },
  { slug: 'externalname-stray-selector/port-forward-svc-payments', args: ['-f', 'examples/externalname-stray-selector', 'port-forward', 'svc/payments', '8443:443'], exit: 0 },
  { slug: 'job-manual-selector/check', args: ['-f', 'examples/job-manual-selector', 'check'], exit: 1 },
];
