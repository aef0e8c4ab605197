import Link from "next/link";
import type { PageLinks } from "@/lib/data/keyset";

type Query = Record<string, string | undefined>;

function href(path: string, query: Query, param: string, cursor: string | null): string {
  const qs = new URLSearchParams(Object.entries({ ...query, [param]: cursor ?? undefined }).filter((e): e is [string, string] => !!e[1]));
  const text = qs.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Links to a list's first, previous and next pages on the page at `path`. `query` is what the URL
 * must keep (the search, another list's position on the same page); `param` carries this list's cursor.
 */
export function Pager({ path, links, param, query, noun }: { path: string; links: PageLinks; param: string; query: Query; noun: string }) {
  if (!links.paged && !links.next) return null;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm";
  return (
    <nav aria-label={`Pages of ${noun}`} className="flex flex-wrap gap-2">
      {links.paged ? <Link className={link} href={href(path, query, param, null)} aria-label={`First page of ${noun}`}>First page</Link> : null}
      {links.prev ? <Link className={link} href={href(path, query, param, links.prev)} aria-label={`Previous page of ${noun}`}>Previous page</Link> : null}
      {links.next ? <Link className={link} href={href(path, query, param, links.next)} aria-label={`Next page of ${noun}`}>Next page</Link> : null}
    </nav>
  );
}
