/** The p-th percentile of numbers sorted ascending (NaN when there are none). */
export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The median of numbers in any order. */
export function median(xs: number[]): number {
  return percentile([...xs].sort((a, b) => a - b), 50);
}
