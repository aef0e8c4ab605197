import "server-only";
import type { Executor } from "@/db/client";
import type { OrgRole } from "@/db/schema";
import { ROLE_LABELS } from "@/lib/authz/policy";
import { notify } from "@/lib/data/notify";
import { enqueueEmail } from "@/lib/mail/outbox";
import { appBaseUrl } from "@/lib/mail/settings";
import { invitationEmail } from "@/lib/mail/templates/invitation";
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
  /** The invitee's account, when they already have one: they also get an in-app notification. */
  registeredUserId: string | null;
}

/** The link to hand out; built from APP_BASE_URL, never from the request's Host header. */
export function invitationLink(token: string): string {
  return new URL(invitationPath(token), appBaseUrl()).toString();
}

/**
 * The e-mail (through the outbox, in the caller's transaction) and, for a registered invitee,
 * the in-app notification. The notification holds no token: only the hash is ever stored, so
 * it points at the invitation by id and /notifications answers it from there.
 */
export async function sendInvitationNotices(tx: Executor, n: InvitationNotice): Promise<string> {
  const link = invitationLink(n.token);
  await enqueueEmail(
    tx,
    invitationEmail({
      to: n.email,
      orgName: n.org.displayName,
      inviterName: n.inviter.username,
      roleLabel: ROLE_LABELS[n.role].toLowerCase(),
      link,
      expiresAt: n.expiresAt,
    }),
  );
  if (n.registeredUserId) {
    await notify(tx, n.registeredUserId, {
      kind: "invitation",
      title: `${n.inviter.username} invited you to join ${n.org.displayName}`,
      body: `You are invited as ${ROLE_LABELS[n.role].toLowerCase()}. The invitation expires on ${n.expiresAt.toLocaleDateString("en-GB", { timeZone: "UTC" })}.`,
      invitationId: n.invitationId,
    });
  }
  return link;
}
