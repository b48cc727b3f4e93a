/** Work started after a webhook was answered; shutdown waits for it. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

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
