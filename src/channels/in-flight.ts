/** Work started after a webhook was answered; shutdown waits for it, and too much of it turns new work away. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  constructor(readonly limit = 2000) {}

  /** More work queued than the process should hold: the webhook says 503 and the platform delivers again later. */
  get full(): boolean {
    return this.running.size >= this.limit;
  }

  track(work: Promise<unknown>): void {
    const p = work.catch(() => undefined).finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  get size(): number {
    return this.running.size;
  }
}
