import { z } from "zod";

// PostgreSQL refuses NUL in text outright (a 500 if it got that far), and the other C0/C1 control
// characters are invisible in every view of the data. Tab, line feed and carriage return are
// ordinary in text that may span lines (descriptions); single-line fields fold them into spaces.
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /[\t\n\r]+/g;

/** Whether the text holds a control character other than tab, line feed and carriage return. */
export function hasControls(text: string): boolean {
  return new RegExp(CONTROL_CHARS.source).test(text);
}

/** Removes control characters other than tab, line feed and carriage return. */
export function stripControls(text: string): string {
  return text.replace(CONTROL_CHARS, "");
}

/**
 * Whether a name from a URL (a workspace or project slug) could name anything: a name with
 * control characters, or longer than any slug, is simply not found without asking the database.
 */
export function isLookupName(name: string): boolean {
  return name.length > 0 && name.length <= 100 && !/[\u0000-\u001F\u007F-\u009F]/.test(name);
}

/** A one-line text field: control characters removed, tabs and line breaks folded, trimmed. */
export const lineText = () =>
  z
    .string()
    .overwrite((s) => stripControls(s).replace(LINE_BREAKS, " "))
    .trim();
