import type { Metadata } from "next";
import { InviteSection } from "@/components/invitations/invite-section";
import { LeaveButton, RemoveMemberButton, RoleForm } from "@/components/org/member-controls";
import { TransferForm } from "@/components/org/transfer-form";
import { Notice, Section } from "@/components/ui/notice";
import { canChangeRole, canRemoveMember, ORG_ACTIONS, orgAllows, ROLE_LABELS, MANAGEABLE_ROLES } from "@/lib/authz/policy";
import { Pager } from "@/components/ui/pager";
import { peopleOverview } from "@/lib/data/members";
import { cursorFrom } from "@/lib/validation/cursor";
import { queryParam } from "@/lib/validation/query";
import { settingsContext } from "../org-context";
import { formatDate } from "@/lib/format/dates";

export const metadata: Metadata = { title: "People" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PeoplePage({ params, searchParams }: Props) {
  const [{ workspace }, search] = await Promise.all([params, searchParams]);
  const { user, org, role } = await settingsContext(workspace);
  const query = queryParam(search, "q", 100);
  // Each list on the page has its own cursor; the links of one keep the other's place and the search.
  const cursors = { cursor: cursorFrom(search, "cursor"), invitations: cursorFrom(search, "invitations") };
  const { members, seats } = await peopleOverview(org.id, { q: query, cursor: cursors.cursor });
  const path = `/${org.slug}/settings/people`;
  const manager = orgAllows(role, "org.members");
  const me = { id: user.id, role };

  return (
    <div className="space-y-6">
      <Section
        title="Members"
        description={`${seats.members} members · ${seats.pending} pending invitations · ${seats.used} of ${seats.total} seats used`}
      >
        {manager ? null : <Notice>{ORG_ACTIONS["org.members"].why}</Notice>}
        <form role="search" className="flex items-end gap-2" action="">
          <div>
            <label htmlFor="member-search" className="block text-sm font-medium text-slate-700">Search members</label>
            <input id="member-search" name="q" defaultValue={query} className="rounded-md border border-slate-300 px-2 py-1 text-sm" />
          </div>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm">Search</button>
        </form>
        <table className="w-full text-left text-sm" aria-label="Members">
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2">Member</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {members.items.map((m) => {
              const target = { id: m.id, role: m.role };
              const assignable = MANAGEABLE_ROLES[role].filter((r) => canChangeRole(me, target, r).ok);
              const removable = canRemoveMember(me, target).ok;
              const ref = { org: org.slug, userId: m.id, username: m.username };
              return (
                <tr key={m.id} className="border-b border-slate-100 align-top" aria-label={m.username}>
                  <td className="py-2">
                    <div className="font-medium">{m.username}{m.id === user.id ? " (you)" : ""}</div>
                    {manager ? <div className="text-xs text-slate-500">{m.email}</div> : null}
                  </td>
                  <td className="py-2">
                    {assignable.length > 0 ? <RoleForm member={ref} current={m.role} roles={assignable} /> : <span>{ROLE_LABELS[m.role]}</span>}
                  </td>
                  <td className="py-2"><time dateTime={m.joinedAt.toISOString()}>{formatDate(m.joinedAt)}</time></td>
                  <td className="py-2">
                    {removable ? <RemoveMemberButton member={ref} /> : null}
                    {m.id === user.id ? (
                      <LeaveButton org={org.slug} disabledReason={role === "owner" ? "The owner cannot leave: transfer ownership first." : undefined} />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {members.items.length === 0 ? <p className="text-sm text-slate-600">{query ? <>No member matches “{query}”.</> : "No members on this page."}</p> : null}
        <Pager path={path} links={members} param="cursor" query={{ q: query, invitations: cursors.invitations }} noun="members" />
      </Section>
      <InviteSection
        orgId={org.id} orgSlug={org.slug} viewerRole={role}
        page={{ path, cursor: cursors.invitations, query: { q: query, cursor: cursors.cursor } }}
      />
      {role === "owner" ? (
        <Section title="Transfer ownership" description="There is exactly one owner. The new owner must already be a member; you become an admin.">
          <TransferForm org={org.slug} />
        </Section>
      ) : null}
    </div>
  );
}
