import type { OrgRole } from "@/db/schema";
import { Notice, Section } from "@/components/ui/notice";
import { Pager } from "@/components/ui/pager";
import { ASSIGNABLE_ROLES, ORG_ACTIONS, orgAllows } from "@/lib/authz/policy";
import { invitationTtlDays } from "@/lib/actions/invitations/token";
import { invitationsOverview } from "@/lib/data/invitations";
import { InviteForm } from "./invite-form";
import { PendingInvitations } from "./pending-invitations";

/**
 * The People page's invitations: the invite form and the pending list for owners and admins, the
 * reason for everyone else. The actions check the same rule on the server.
 */
export async function InviteSection({ orgId, orgSlug, viewerRole, page }: {
  orgId: string; orgSlug: string; viewerRole: OrgRole;
  /** Where the pending list's page links lead: the page's path, this list's cursor, what else the URL keeps. */
  page: { path: string; cursor?: string; query: Record<string, string | undefined> };
}) {
  const canInvite = orgAllows(viewerRole, "org.invite");
  const overview = canInvite ? await invitationsOverview(orgId, page.cursor) : null;
  if (!overview) {
    return (
      <Section title="Invitations">
        <Notice>{ORG_ACTIONS["org.invite"].why}</Notice>
      </Section>
    );
  }
  const { seats, pending } = overview;
  return (
    <>
      <Section
        title="Invite people"
        description={`${seats.used} of ${seats.total} seats used, pending invitations included. Invitations expire after ${invitationTtlDays()} days; an expired one can be re-sent.`}
      >
        <InviteForm org={orgSlug} roles={ASSIGNABLE_ROLES[viewerRole]} />
      </Section>
      <Section title="Pending invitations">
        <PendingInvitations org={orgSlug} invitations={pending.items} manage={canInvite} />
        <Pager path={page.path} links={pending} param="invitations" query={page.query} noun="pending invitations" />
      </Section>
    </>
  );
}
