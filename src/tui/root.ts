// Binds the store to the App: every push into the store redraws (Ink throttles the frames).

import React from 'react';
import { App, type AppProps } from './app.ts';
import type { TuiStore } from './store.ts';
import type { TuiTheme } from './theme.ts';

const h = React.createElement;

export interface RootProps {
  store: TuiStore;
  theme: TuiTheme;
  /** `w` is offered only when a watch can be started. */
  watchable: boolean;
  size?: AppProps['size'];
}

export function Root({ store, theme, watchable, size }: RootProps): React.ReactElement {
  const d = React.useSyncExternalStore(store.subscribe, store.get);
  return h(App, {
    report: d.report, header: d.header, now: d.now, timeline: d.timeline, hazards: d.hazards, rollout: d.rollout, status: d.status, theme,
    ...(size ? { size } : {}),
    onRefresh: () => store.request('refresh'),
    ...(watchable ? { onToggleWatch: () => store.request('watch') } : {}),
    onPause: (paused: boolean) => store.request(paused ? 'pause' : 'resume'),
    onStep: () => store.request('step'),
    onQuit: () => store.request('quit'),
  });
}
