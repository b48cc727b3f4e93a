/** Control and format characters (terminal escapes, zero-width marks): never stored, never printed to an operator. */
const CONTROL = /[\p{Cc}\p{Cf}]/gu;

/** Text a citizen wrote, made safe for a terminal line: control characters become spaces. */
export function printable(text: string): string {
  return text.replace(CONTROL, ' ');
}

/**
 * A question as it may be kept for editors: NFKC first (full-width digits become digits), control
 * characters gone, e-mail addresses and every run of seven or more digits (phone numbers in any
 * form: spaces, dots, dashes, underscores or commas between the digits; 9- and 12-digit ID numbers)
 * replaced by "…".
 */
export function redactPersonal(text: string, maxChars = 200): string {
  return text
    .normalize('NFKC')
    .replace(CONTROL, ' ')
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, '[email]')
    .replace(/\+?\d(?:[\s._,\-]?\d){6,}/g, '…')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxChars);
}
