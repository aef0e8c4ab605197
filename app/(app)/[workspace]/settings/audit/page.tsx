import type { Metadata } from "next";
import { Notice, Section } from "@/components/ui/notice";
import { Pager } from "@/components/ui/pager";
import { ORG_ACTIONS, orgAllows } from "@/lib/authz/policy";
import { auditFacets, listAuditEvents } from "@/lib/data/audit";
import { parseAuditFilter } from "@/lib/validation/audit-filter";
import { cursorFrom } from "@/lib/validation/cursor";
import { settingsContext } from "../org-context";

export const metadata: Metadata = { title: "Audit log" };

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ params, searchParams }: Props) {
  const [{ workspace }, filter] = await Promise.all([params, searchParams]);
  const { org, role } = await settingsContext(workspace);
  if (!orgAllows(role, "org.audit")) return <Notice>{ORG_ACTIONS["org.audit"].why}</Notice>;
  const clean = parseAuditFilter(filter);
  const [page, facets] = await Promise.all([listAuditEvents(org.id, clean, cursorFrom(filter, "cursor")), auditFacets(org.id)]);
  const events = page.items;
  const exportQuery = new URLSearchParams(Object.entries({ actor: clean.actor, action: clean.action }).filter(([, v]) => v) as [string, string][]);

  return (
    <Section title="Audit log" description="Every change of membership, role, invitation, team, grant, visibility, baseline, ownership and project lifecycle.">
      <form className="flex flex-wrap items-end gap-3" action="">
        <div>
          <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-700">Actor</label>
          <select id="audit-actor" name="actor" defaultValue={clean.actor ?? ""} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            <option value="">Anyone</option>
            {facets.actors.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="audit-action" className="block text-sm font-medium text-slate-700">Action</label>
          <select id="audit-action" name="action" defaultValue={clean.action ?? ""} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            <option value="">Any action</option>
            {facets.actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm">Filter</button>
        <a href={`/${org.slug}/settings/audit/export?${exportQuery}`} className="ml-auto text-sm" download>
          Export CSV
        </a>
      </form>
      {events.length === 0 ? (
        <p className="text-sm text-slate-600">No events match.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Before → after</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-b border-slate-100 align-top">
                <td className="py-2 whitespace-nowrap"><time dateTime={e.createdAt.toISOString()}>{e.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time></td>
                <td>{e.actorName}</td>
                <td><code>{e.action}</code></td>
                <td>{e.targetType}: {e.targetLabel}</td>
                <td className="max-w-xs break-words text-xs text-slate-700">{show(e.before)} → {show(e.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager path={`/${org.slug}/settings/audit`} links={page} param="cursor" query={{ actor: clean.actor, action: clean.action }} noun="events" />
    </Section>
  );
}
