import { appBaseUrl } from "./settings";

/**
 * Where a link's token goes in a queued e-mail. URL-safe (kept as is by URL and by the HTML
 * escaping) and never a possible token (tokens are base64url, without "@").
 */
export const TOKEN_SLOT = "@@token@@";

/** An absolute link from APP_BASE_URL, never from the request's Host header. */
export function absoluteLink(path: string): string {
  return new URL(path, appBaseUrl()).toString();
}

export function fillTokenSlot(text: string, token: string): string {
  return text.split(TOKEN_SLOT).join(token);
}
