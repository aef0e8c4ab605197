"use server";

import { and, eq, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { invitations, orgRole } from "@/db/schema";
import { ASSIGNABLE_ROLES } from "@/lib/authz/policy";
import { findRegisteredInvitees, livePendingFor, type RegisteredInvitee } from "@/lib/data/invitations";
import { seatUsage } from "@/lib/data/seats";
import { mailSettings } from "@/lib/mail/settings";
import { orgRef } from "@/lib/validation/org";
import { ActionError, fieldError } from "../result";
import { orgAction } from "../safe-action";
import { sendInvitationNotices } from "./deliver";
import { MAX_INVITEES, parseInvitees, type Invitee } from "./invitees";
import { limitInvitations } from "./rate-limit";
import { seatsRefusal } from "./seats-message";
import { invitationExpiry, newInvitationToken } from "./token";

const Input = z.object({
  ...orgRef,
  invitees: z.string({ error: "Enter at least one username or e-mail address." }).max(20_000, "That is too much text for one invitation."),
  role: z.enum(orgRole.enumValues, { error: "Choose a role." }),
});

export interface InvitedPerson {
  id: string;
  invitee: string;
  /** Shown once to the inviter to copy: only the token's hash is kept. */
  link: string;
}

function accountFor(invitee: Invitee, accounts: RegisteredInvitee[]): RegisteredInvitee | undefined {
  return invitee.kind === "email"
    ? accounts.find((a) => a.email.toLowerCase() === invitee.email)
    : accounts.find((a) => a.username.toLowerCase() === invitee.username);
}

export const inviteAction = orgAction(Input, "org.invite", async (input, { tx, user, org, role, auditOrg }) => {
  if (org.kind === "personal") {
    throw new ActionError("A personal workspace has no members. Create an organization to invite people.", 400);
  }
  if (!ASSIGNABLE_ROLES[role].includes(input.role)) {
    throw fieldError("role", input.role === "owner" ? "Nobody can be invited as owner: ownership moves only by transfer." : "Your role cannot invite people with this role.");
  }
  const { invitees, errors } = parseInvitees(input.invitees);
  if (invitees.length + errors.length === 0) throw fieldError("invitees", "Enter at least one username or e-mail address.");
  if (invitees.length > MAX_INVITEES) throw fieldError("invitees", `Invite at most ${MAX_INVITEES} people at a time.`);

  const emails = invitees.flatMap((i) => (i.kind === "email" ? [i.email] : []));
  const usernames = invitees.flatMap((i) => (i.kind === "username" ? [i.username] : []));
  const accounts = await findRegisteredInvitees(tx, org.id, emails, usernames);
  // An account's other name counts too: inviting @bob while bob@… is pending is a duplicate.
  const pending = await livePendingFor(
    tx, org.id,
    [...emails, ...accounts.map((a) => a.email.toLowerCase())],
    [...usernames, ...accounts.map((a) => a.username.toLowerCase())],
  );
  const resolved = invitees.map((invitee) => ({ invitee, account: accountFor(invitee, accounts) }));
  for (const { invitee, account } of resolved) {
    const names = [invitee.kind === "email" ? invitee.email : invitee.username, account?.email.toLowerCase(), account?.username.toLowerCase()];
    if (invitee.kind === "username" && !account) {
      errors.push(`“${invitee.entry}”: no account has this username. Invite them by e-mail address instead.`);
    } else if (account?.member) {
      errors.push(`“${invitee.entry}”: ${account.username} is already a member of ${org.displayName}.`);
    } else if (pending.some((p) => names.includes(p.email ?? "") || names.includes(p.username ?? ""))) {
      errors.push(`“${invitee.entry}”: already has a pending invitation. Re-send it from the list below instead.`);
    }
  }
  // All or nothing: a half-sent batch would leave the inviter guessing who got an invitation.
  if (errors.length > 0) throw new ActionError("Nobody was invited yet: correct the entries below and send again.", 400, { invitees: errors });

  // The org row is locked by the wrapper, so two admins inviting at once cannot both take the last seat.
  const seats = await seatUsage(tx, org.id);
  if (seats.used + invitees.length > seats.total) throw new ActionError(seatsRefusal(seats, invitees.length, role), 409);
  await limitInvitations(tx, org.id, user.id, invitees.length);

  // Expired invitations to the same people are superseded by the new ones.
  const allNames = [...new Set([...emails, ...usernames, ...accounts.map((a) => a.email.toLowerCase())])];
  await tx
    .update(invitations)
    .set({ status: "revoked", respondedAt: sql`now()` })
    .where(and(
      eq(invitations.orgId, org.id),
      eq(invitations.status, "pending"),
      lte(invitations.expiresAt, sql`now()`),
      sql`(${invitations.email} = any(${sql.param(allNames)}::text[]) or lower(${invitations.username}) = any(${sql.param(allNames)}::text[]))`,
    ));

  const invited: InvitedPerson[] = [];
  for (const { invitee, account } of resolved) {
    const { token, hash } = newInvitationToken();
    const expiresAt = invitationExpiry();
    const [row] = await tx
      .insert(invitations)
      .values({
        orgId: org.id,
        invitedBy: user.id,
        email: invitee.kind === "email" ? invitee.email : null,
        username: invitee.kind === "username" ? account!.username : null,
        role: input.role,
        tokenHash: hash,
        expiresAt,
      })
      .returning({ id: invitations.id });
    const label = invitee.kind === "email" ? invitee.email : account!.username;
    const link = await sendInvitationNotices(tx, {
      invitationId: row.id, token, expiresAt, role: input.role, org, inviter: user,
      email: invitee.kind === "email" ? invitee.email : account!.email,
      registeredUserId: account && (invitee.kind === "username" || account.verified) ? account.id : null,
    });
    await auditOrg({
      action: "invitation.create", targetType: "invitation", targetId: row.id, targetLabel: label,
      after: { invitee: label, role: input.role, expiresAt: expiresAt.toISOString() },
    });
    invited.push({ id: row.id, invitee: label, link });
  }
  return { invited, emailConfigured: !!mailSettings().smtpUrl };
});
