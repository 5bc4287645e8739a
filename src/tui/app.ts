// The interactive screen: one stateful root. It owns only the screen state (focus, choice,
// filter, overlays, pause); the data arrive as props, so a test, the one-shot view or a watch
// loop drives it the same way. What it cannot do itself (quit, refresh, watch, step) it asks
// of its caller through the on… callbacks.

import React from 'react';
import { useApp, useInput, useStdin, useWindowSize } from 'ink';
import type { Report } from '../core/report.ts';
import type { Change, Hazard, RolloutReport } from '../core/timeline/types.ts';
import { intentOf, splitKeys, type KeyLike } from './keys.ts';
import { Lines } from './lines.ts';
import { NO_TOPS, screen, type Size, type Tops } from './screen.ts';
import { INITIAL, reduce, settle, type UiState } from './state.ts';
import { headerOf, type SourceHeader } from './store.ts';
import { tuiTheme, type TuiTheme } from './theme.ts';

const h = React.createElement;

export interface AppProps {
  report: Report;
  header?: SourceHeader;
  /** The clock for ages and hazard durations (the replay clock in a replay). */
  now: Date;
  timeline?: readonly Change[];
  hazards?: readonly Hazard[];
  rollout?: RolloutReport | null;
  /** A transient line shown in the footer. */
  status?: string | null;
  theme?: TuiTheme;
  /** Fixed size instead of the terminal's (tests, screenshots). */
  size?: Size;
  /** The screen state to start from (tests). */
  initial?: Partial<UiState>;
  onRefresh?: () => void;
  /** `w`: start (true) or stop (false) watching. Without it, `w` says watching is not available. */
  onToggleWatch?: (watch: boolean) => void;
  onPause?: (paused: boolean) => void;
  onStep?: () => void;
  onQuit?: () => void;
}

interface Frozen {
  report: Report;
  timeline: readonly Change[];
  hazards: readonly Hazard[];
  rollout: RolloutReport | null;
  now: Date;
}

const NONE: readonly never[] = [];

export function App(props: AppProps): React.ReactElement {
  const theme = props.theme ?? tuiTheme(true);
  const terminal = useWindowSize();
  const size = props.size ?? terminal;
  const app = useApp();
  const [ui, setUi] = React.useState<UiState>(() => ({ ...INITIAL, ...props.initial }));
  // Keys that arrive together are handled before React renders again: each must see the state the previous one left.
  const current = React.useRef<UiState>(ui);
  const [note, setNote] = React.useState<string | null>(null);
  const tops = React.useRef<Tops>(NO_TOPS);
  const frozen = React.useRef<Frozen | null>(null);

  const header = props.header ?? headerOf(props.report);
  const live: Frozen = { report: props.report, timeline: props.timeline ?? NONE, hazards: props.hazards ?? NONE, rollout: props.rollout ?? null, now: props.now };
  const shown = ui.paused && frozen.current ? frozen.current : live;
  const input = {
    ...shown, header, status: note ?? props.status ?? null,
    pausedNew: ui.paused ? live.timeline.length - shown.timeline.length : null,
    watchable: props.onToggleWatch !== undefined,
  };
  const view = screen(input, ui, size, tops.current);
  tops.current = view.tops;

  // Without a terminal to read keys from, the screen still draws (a watch pushes into it).
  const { isRawModeSupported } = useStdin();
  /** One key; false once the screen is closing (the keys after it are dropped). */
  const handle = (text: string, key: KeyLike): boolean => {
    const state = current.current;
    const intent = intentOf(text, key, state);
    if (!intent) return true;
    // Quit changes no state: a render queued now would be flushed after the alternate screen is left.
    if ('command' in intent && intent.command === 'quit') {
      props.onQuit?.();
      app.exit();
      return false;
    }
    setNote(null);
    if ('command' in intent) {
      switch (intent.command) {
        case 'refresh':
          if (props.onRefresh) props.onRefresh();
          else setNote('this source cannot be read again');
          return true;
        case 'watch':
          if (props.onToggleWatch) props.onToggleWatch(!header.watching);
          else setNote(header.origin === 'manifests' ? 'manifests do not change: watching needs a live cluster or --replay' : 'watching is not available here');
          return true;
        case 'step':
          if (props.onStep && header.replay?.stepping) props.onStep();
          return true;
        case 'quit':
          return false;
      }
    }
    const action = intent.action;
    if (action.type === 'pause') {
      if (!props.onToggleWatch && !header.watching) {
        setNote('nothing to pause: the screen changes only when watching');
        return true;
      }
      frozen.current = state.paused ? null : live;
      props.onPause?.(!state.paused);
    }
    const next = settle(reduce(state, action, view.lists), view.lists);
    current.current = next;
    setUi(next);
    return true;
  };
  useInput((text, key) => {
    for (const [t, k] of splitKeys(text, key)) if (!handle(t, k)) return;
  }, { isActive: isRawModeSupported });

  return h(Lines, { lines: view.lines, theme, width: size.columns, height: size.rows });
}
