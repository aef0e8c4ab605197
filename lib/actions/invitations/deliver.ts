import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import type { OrgRole } from "@/db/schema";
import { ROLE_LABELS } from "@/lib/authz/policy";
import { notify, type NewNotification } from "@/lib/data/notify";
import { enqueueEmail } from "@/lib/mail/outbox";
import { absoluteLink, TOKEN_SLOT } from "@/lib/mail/link-slot";
import { invitationEmail } from "@/lib/mail/templates/invitation";
import { normalizeEmail } from "@/lib/validation/names";
import { invitationPath } from "./token";

export interface InvitationNotice {
  invitationId: string;
  token: string;
  expiresAt: Date;
  role: OrgRole;
  org: { displayName: string };
  inviter: { username: string };
  /** Where the e-mail goes: the invited address, or a username invitee's account address. */
  email: string;
  /**
   * The invitee's account when it may learn of the invitation in the app: a username invitee, or
   * the account whose verified address was invited. It also gets an in-app notification.
   */
  registeredUserId: string | null;
}

function invitationNotification(n: Pick<InvitationNotice, "invitationId" | "role" | "expiresAt" | "org" | "inviter">): NewNotification {
  return {
    kind: "invitation",
    title: `${n.inviter.username} invited you to join ${n.org.displayName}`,
    body: `You are invited as ${ROLE_LABELS[n.role].toLowerCase()}. The invitation expires on ${n.expiresAt.toLocaleDateString("en-GB", { timeZone: "UTC" })}.`,
    invitationId: n.invitationId,
  };
}

/** The link to hand out; built from APP_BASE_URL, never from the request's Host header. */
export function invitationLink(token: string): string {
  return absoluteLink(invitationPath(token));
}

/**
 * The e-mail (through the outbox, in the caller's transaction) and, for a registered invitee,
 * the in-app notification. The notification holds no token: only the hash is ever stored, so
 * it points at the invitation by id and /notifications answers it from there.
 */
export async function sendInvitationNotices(tx: Executor, n: InvitationNotice): Promise<string> {
  await enqueueEmail(
    tx,
    invitationEmail({
      to: n.email,
      orgName: n.org.displayName,
      inviterName: n.inviter.username,
      roleLabel: ROLE_LABELS[n.role].toLowerCase(),
      link: invitationLink(TOKEN_SLOT),
      expiresAt: n.expiresAt,
    }),
    { token: n.token },
  );
  if (n.registeredUserId) await notify(tx, n.registeredUserId, invitationNotification(n));
  // Shown once to the inviter from the action's answer; the outbox holds it only sealed.
  return invitationLink(n.token);
}

/**
 * Once an address is verified, the live invitations to it appear in its owner's notifications:
 * before that, an account merely claiming the address must not even learn of them.
 */
export async function notifyInvitationsToVerifiedAddress(tx: Executor, userId: string, email: string, opts: { except?: string } = {}): Promise<void> {
  const open = await rows<{ id: string; role: OrgRole; org_name: string; inviter: string | null; expires_at: string | Date }>(
    tx,
    sql`select i.id, i.role, o.display_name as org_name, u.username as inviter, i.expires_at
        from invitations i join organizations o on o.id = i.org_id left join users u on u.id = i.invited_by
        where i.email = ${normalizeEmail(email)} and i.status = 'pending' and i.expires_at > now()
          and i.id is distinct from ${opts.except ?? null}::uuid
          and not exists (select 1 from notifications n where n.user_id = ${userId}::uuid and n.invitation_id = i.id)`,
  );
  for (const inv of open) {
    await notify(tx, userId, invitationNotification({
      invitationId: inv.id, role: inv.role, expiresAt: new Date(inv.expires_at),
      org: { displayName: inv.org_name }, inviter: { username: inv.inviter ?? "A former member" },
    }));
  }
}
