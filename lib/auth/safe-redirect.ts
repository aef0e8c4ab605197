import { appBaseUrl } from "@/lib/mail/settings";

// Control characters (browsers drop tab, CR and LF inside URLs, so "/\t/evil.test" becomes
// "//evil.test") and backslashes (read as slashes) have no place in a path we send people to.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;

/** Undoes percent-encoding a few times over, so "%2F%2F" or "%250A" is judged by what it hides. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

function isSamePath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !UNSAFE.test(path);
}

/**
 * Where to send someone after signing in: a path on this site, or "/". The value is parsed as a
 * URL against APP_BASE_URL and must keep that origin; the answer is ASCII only (the URL parser
 * percent-encodes the rest), so it is always a valid Location header.
 */
export function safeRedirectPath(value: unknown, base: string = appBaseUrl()): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return "/";
  const decoded = fullyDecoded(value);
  if (decoded === null || !isSamePath(value) || !isSamePath(decoded)) return "/";
  let url: URL;
  let origin: string;
  try {
    origin = new URL(base).origin;
    url = new URL(value, origin);
  } catch {
    return "/";
  }
  if (url.origin !== origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can fold into a protocol-relative result: "/.//evil.test" parses to "//evil.test".
  const decodedPath = fullyDecoded(path);
  return decodedPath !== null && isSamePath(path) && isSamePath(decodedPath) ? path : "/";
}

/** A URL on `base`'s origin, absolute or not, as a safe path there; anything else becomes "/". */
export function sameOriginPath(value: string, base: string): string {
  const origin = new URL(base).origin;
  const relative = value.startsWith(origin + "/") || value === origin ? value.slice(origin.length) || "/" : value;
  return safeRedirectPath(relative, origin);
}
