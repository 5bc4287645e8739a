// A headless Service with publishNotReadyAddresses: DNS hands out every pod, ready or not,
// terminating included (§4.9, trap 19).

import { finding, show, type Rule } from './context.ts';

export const headlessPublishNotReady: Rule = (ctx) => ctx.routing.filter((r) => r.headless && r.publishNotReadyAddresses && r.managed).map((r) =>
  finding('headless-publishes-not-ready', 'warning',
    `${show(r.service)} is headless with publishNotReadyAddresses: DNS returns every selected pod's IP, including pods that are not ready or are terminating.`,
    [r.service], ['every endpoint is published with ready: true', 'clients dialing a terminating pod\'s IP get connection refused or time out until its endpoint is removed plus the DNS TTL']));
