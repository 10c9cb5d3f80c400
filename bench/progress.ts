/** A progress bar on stderr; one line per step when stderr is not a terminal (CI logs). */
export class Progress {
  private done = 0;
  private readonly startedAt = performance.now();
  private readonly tty = process.stderr.isTTY === true;

  constructor(
    private readonly title: string,
    private readonly total: number,
  ) {}

  private seconds() {
    return ((performance.now() - this.startedAt) / 1000).toFixed(1);
  }

  /** Marks `label` as started; `weight` is added to the bar once the step ends (`advance`). */
  step(label: string) {
    if (this.tty) {
      const ratio = Math.min(1, this.done / this.total);
      const width = 30;
      const filled = Math.round(ratio * width);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
      process.stderr.write(`\r\x1b[2K${this.title} [${bar}] ${String(Math.round(ratio * 100)).padStart(3)}% ${this.seconds()} s  ${label}`);
    } else {
      process.stderr.write(`${this.title} ${String(Math.round((this.done / this.total) * 100)).padStart(3)}% ${this.seconds()} s  ${label}\n`);
    }
  }

  advance(weight: number) {
    this.done += weight;
  }

  finish(message: string) {
    if (this.tty) process.stderr.write('\r\x1b[2K');
    process.stderr.write(`${this.title} terminé en ${this.seconds()} s : ${message}\n`);
  }
}
