/** A progress line on stderr with rate and ETA: redrawn in place on a terminal, a line every few seconds in a log. */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < (this.stream.isTTY ? 100 : 2000)) return;
    this.lastDraw = now;
    const elapsed = Math.max((now - this.started) / 1000, 0.001);
    const rate = done / elapsed;
    const share = this.total > 0 ? Math.min(done / this.total, 1) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const eta = rate > 0 && this.total > done ? `${Math.ceil((this.total - done) / rate)}s` : '0s';
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0)}% ${done}/${this.total} ${Math.round(rate)}/s ETA ${eta}`;
    this.stream.write(this.stream.isTTY ? `\r${line}` : `${line}\n`);
  }

  finish(done: number): void {
    this.update(done, true);
    if (this.stream.isTTY) this.stream.write('\n');
  }
}
