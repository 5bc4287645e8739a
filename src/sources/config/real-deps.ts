// The real effects of reading the check configuration.

import { access, readFile } from 'node:fs/promises';
import type { ConfigDeps } from './check-config.ts';

export const realConfigDeps: ConfigDeps = {
  readFile: (path) => readFile(path, 'utf8'),
  exists: (path) => access(path).then(() => true, () => false),
};
