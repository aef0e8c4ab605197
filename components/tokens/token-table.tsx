import type { TokenListItem } from "@/lib/data/tokens";
import { formatDate } from "@/lib/format/dates";
import { RevokeTokenButton } from "./revoke-token-button";

const when = (d: Date | null, none: string) => (d ? formatDate(d, "short") : none);

/** Tokens with what they reach and when they were used; `org` set: the organization's view, with owners. */
export function TokenTable({ tokens, org, caption }: { tokens: TokenListItem[]; org?: string; caption: string }) {
  if (tokens.length === 0) return <p className="text-sm text-slate-600">No tokens.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="py-1">Name</th>
          {org ? <th scope="col">Owner</th> : null}
          <th scope="col">Reaches</th>
          <th scope="col">Permission</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Expires</th>
          <th scope="col"><span className="sr-only">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id} className="border-t border-slate-200 align-top">
            <td className="py-2">
              <span className="font-medium">{t.name}</span>
              <span className="block font-mono text-xs text-slate-500">{t.prefix}…</span>
            </td>
            {org ? <td>{t.owner}</td> : null}
            <td>{t.workspace ?? "all workspaces"}</td>
            <td>{t.permission === "write" ? "read and write" : "read"}</td>
            <td>{when(t.createdAt, "")}</td>
            <td>{when(t.lastUsedAt, "never")}</td>
            <td>{t.status === "active" ? when(t.expiresAt, "never") : t.status}</td>
            <td>{t.status === "active" ? <RevokeTokenButton tokenId={t.id} name={t.name} org={org} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
