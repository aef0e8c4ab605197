// The one place dates become text. Always the same locale and time zone (UTC), so the server's
// HTML and the browser's hydrated render agree whatever either machine's settings are: a date
// formatted in the browser's zone rendered a different day near midnight (a hydration mismatch).
const FORMATS = {
  numeric: new Intl.DateTimeFormat("en-GB", { timeZone: "UTC" }),
  short: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
  long: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  dateTime: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }),
} as const;

/** "01/12/2026", "1 Dec 2026", "1 December 2026" or "1 Dec 2026, 10:49" (UTC). */
export function formatDate(date: Date | string, style: keyof typeof FORMATS = "numeric"): string {
  return FORMATS[style].format(typeof date === "string" ? new Date(date) : date);
}
