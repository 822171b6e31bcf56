/**
 * The one rule for text a user asks us to store (titles, campaigns, UTM values, key names,
 * destinations): no control characters, no bidirectional overrides or isolates, no lone
 * surrogates. They would corrupt terminals, CSV files and logs, or make a title read
 * differently from what it holds. Titles may keep line breaks (LF, CR, CRLF) and tabs.
 */

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const NEWLINE_OR_TAB = /[\t\n\r]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with a text to be stored, as a message naming the character; null when nothing is. */
export function storedTextProblem(value: string, { multiline = false } = {}): string | null {
  const control = CONTROL.exec(value) ?? (multiline ? null : NEWLINE_OR_TAB.exec(value));
  if (control) return `must not contain control characters (found ${codePoint(control[0])})`;
  const bidi = BIDI.exec(value);
  if (bidi) return `must not contain bidirectional control characters (found ${codePoint(bidi[0])})`;
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone surrogate (broken UTF-16)';
  return null;
}
