// A small terminal emulator for the pseudo-terminal tests: it replays what the program wrote
// (cursor moves, erases, the alternate screen) onto a grid of cells, so the tests read the
// screen as a person would, not the escape sequences. It knows what Ink and a shell send
// (and notes synchronized updates, which Ink wraps each frame in);
// colours and modes it does not model are skipped.

export class Terminal {
  columns: number;
  rows: number;
  private main: string[][];
  private alt: string[][];
  private screen: string[][];
  private x = 0;
  private y = 0;
  private wrapPending = false;
  private saved = { x: 0, y: 0 };
  altActive = false;
  /** Inside a synchronized update (mode 2026): a real terminal shows none of it until it ends. */
  synchronized = false;
  /** The screen as it was when the last synchronized update began (what such a terminal shows until it ends). */
  syncedLines: string[] | null = null;

  constructor(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.main = this.blank();
    this.alt = this.blank();
    this.screen = this.main;
  }

  private blank(): string[][] {
    return Array.from({ length: this.rows }, () => Array.from({ length: this.columns }, () => ' '));
  }

  /** A new window size, as a terminal window resized by its user: what fits stays where it was. */
  resize(columns: number, rows: number): void {
    const fit = (grid: string[][]) => Array.from({ length: rows }, (_, y) => Array.from({ length: columns }, (_, x) => grid[y]?.[x] ?? ' '));
    this.main = fit(this.main);
    this.alt = fit(this.alt);
    this.screen = this.altActive ? this.alt : this.main;
    this.syncedLines = null;
    this.columns = columns;
    this.rows = rows;
    this.clamp();
  }

  /** What a terminal that honours synchronized updates shows now. */
  shown(): string[] {
    return this.synchronized && this.syncedLines ? this.syncedLines : this.lines();
  }

  /** The screen, one string per row, trailing spaces removed. */
  lines(): string[] {
    return this.screen.map((r) => r.join('').trimEnd());
  }

  text(): string {
    return this.lines().join('\n');
  }

  private lineFeed(): void {
    if (this.y === this.rows - 1) {
      this.screen.shift();
      this.screen.push(Array.from({ length: this.columns }, () => ' '));
    } else this.y++;
  }

  private put(ch: string): void {
    if (this.wrapPending) {
      this.x = 0;
      this.lineFeed();
      this.wrapPending = false;
    }
    (this.screen[this.y] as string[])[this.x] = ch;
    if (this.x === this.columns - 1) this.wrapPending = true;
    else this.x++;
  }

  private clamp(): void {
    this.x = Math.max(0, Math.min(this.columns - 1, this.x));
    this.y = Math.max(0, Math.min(this.rows - 1, this.y));
    this.wrapPending = false;
  }

  private eraseLine(row: number, from: number, to: number): void {
    const r = this.screen[row];
    if (!r) return;
    for (let i = Math.max(0, from); i < Math.min(this.columns, to); i++) r[i] = ' ';
  }

  private csi(params: string, final: string): void {
    const priv = params.startsWith('?');
    const nums = (priv ? params.slice(1) : params).split(';').map((p) => (p === '' ? NaN : Number(p)));
    const n = (i: number, d: number) => (Number.isNaN(nums[i] ?? NaN) ? d : (nums[i] as number));
    if (priv) {
      if ((final === 'h' || final === 'l') && nums.includes(2026)) {
        if (final === 'h' && !this.synchronized) this.syncedLines = this.lines();
        this.synchronized = final === 'h';
      }
      if ((final === 'h' || final === 'l') && nums.includes(1049)) {
        if (final === 'h' && !this.altActive) {
          this.saved = { x: this.x, y: this.y };
          this.alt = this.blank();
          this.screen = this.alt;
          this.altActive = true;
        } else if (final === 'l' && this.altActive) {
          this.screen = this.main;
          this.altActive = false;
          this.x = this.saved.x;
          this.y = this.saved.y;
        }
      }
      return;
    }
    switch (final) {
      case 'A': this.y -= n(0, 1); this.clamp(); break;
      case 'B': this.y += n(0, 1); this.clamp(); break;
      case 'C': this.x += n(0, 1); this.clamp(); break;
      case 'D': this.x -= n(0, 1); this.clamp(); break;
      case 'E': this.y += n(0, 1); this.x = 0; this.clamp(); break;
      case 'F': this.y -= n(0, 1); this.x = 0; this.clamp(); break;
      case 'G': this.x = n(0, 1) - 1; this.clamp(); break;
      case 'H': case 'f': this.y = n(0, 1) - 1; this.x = n(1, 1) - 1; this.clamp(); break;
      case 'J': {
        const mode = n(0, 0);
        if (mode === 0) {
          this.eraseLine(this.y, this.x, this.columns);
          for (let r = this.y + 1; r < this.rows; r++) this.eraseLine(r, 0, this.columns);
        } else if (mode === 1) {
          for (let r = 0; r < this.y; r++) this.eraseLine(r, 0, this.columns);
          this.eraseLine(this.y, 0, this.x + 1);
        } else for (let r = 0; r < this.rows; r++) this.eraseLine(r, 0, this.columns);
        break;
      }
      case 'K': {
        const mode = n(0, 0);
        if (mode === 0) this.eraseLine(this.y, this.x, this.columns);
        else if (mode === 1) this.eraseLine(this.y, 0, this.x + 1);
        else this.eraseLine(this.y, 0, this.columns);
        this.wrapPending = false;
        break;
      }
      case 's': this.saved = { x: this.x, y: this.y }; break;
      case 'u': this.x = this.saved.x; this.y = this.saved.y; this.clamp(); break;
      default: break; // m (colours), r, n, t, …: nothing to draw
    }
  }

  write(data: string): void {
    const cps = [...data];
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i] as string;
      if (c === '\u001b') {
        const next = cps[i + 1];
        if (next === '[') {
          let j = i + 2;
          let params = '';
          while (j < cps.length && !/[@-~]/.test(cps[j] as string)) params += cps[j++];
          this.csi(params, cps[j] ?? '');
          i = j;
        } else if (next === ']') {
          let j = i + 2;
          while (j < cps.length && cps[j] !== '\u0007' && !(cps[j] === '\u001b' && cps[j + 1] === '\\')) j++;
          i = cps[j] === '\u001b' ? j + 1 : j;
        } else if (next === '7') {
          this.saved = { x: this.x, y: this.y };
          i++;
        } else if (next === '8') {
          this.x = this.saved.x;
          this.y = this.saved.y;
          i++;
        } else i++;
        continue;
      }
      if (c === '\r') { this.x = 0; this.wrapPending = false; continue; }
      if (c === '\n') { this.lineFeed(); this.wrapPending = false; continue; }
      if (c === '\b') { this.x = Math.max(0, this.x - 1); this.wrapPending = false; continue; }
      if (c === '\t') { this.x = Math.min(this.columns - 1, (Math.floor(this.x / 8) + 1) * 8); continue; }
      if (c < ' ' || c === '\u007f') continue;
      this.put(c);
    }
  }
}
