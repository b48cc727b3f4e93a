/** Today's date, or the one in NOW (an ISO date) for demos and tests. */
export function clockFromEnv(env: { NOW?: string | undefined }): () => Date {
  if (!env.NOW) return () => new Date();
  const fixed = new Date(env.NOW);
  if (Number.isNaN(fixed.getTime())) throw new Error(`NOW="${env.NOW}" is not a date; use an ISO date such as 2024-03-15`);
  return () => new Date(fixed);
}
