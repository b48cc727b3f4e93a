/** Fills {name} placeholders of a locale string; an unknown name is left as written. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_: string, k: string) => String(values[k] ?? `{${k}}`));
}
