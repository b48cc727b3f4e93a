/** How many times a platform call that failed for a passing reason is tried again. */
export const SEND_RETRIES = 3;

/** The wait before try number `attempt + 1` after a passing failure: 0.5, 1, 2 s. */
export function backoffMs(attempt: number): number {
  return 500 * 2 ** (attempt - 1);
}
