import { ActionError } from "@/lib/actions/result";

/** The refusal for a cursor the list never handed out: a 400 that says what to do, never a guess at a page. */
export function invalidCursor(): ActionError {
  return new ActionError("That page link is not valid; start again from the first page.", 400, { cursor: ["Not a cursor from a Link header."] });
}

/** `Link: <…>; rel="next"` for the page after this one: the same request, with the next cursor. */
export function nextPageHeaders(url: URL, nextCursor: string | null): Record<string, string> {
  if (nextCursor === null) return {};
  const next = new URLSearchParams(url.searchParams);
  next.set("cursor", nextCursor);
  return { Link: `<${url.pathname}?${next}>; rel="next"` };
}
