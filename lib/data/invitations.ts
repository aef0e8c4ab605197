import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import type { OrgRole } from "@/db/schema";
import { hashInvitationToken, TOKEN_PATTERN } from "@/lib/actions/invitations/token";
import { getDb } from "@/lib/db";
import { normalizeEmail } from "@/lib/validation/names";
import { keysetPage, type Page } from "./keyset";
import { orgSeatUsage } from "./orgs";

export interface InvitationView {
  id: string;
  orgId: string;
  orgSlug: string;
  orgName: string;
  orgKind: "personal" | "team";
  invitedBy: string | null;
  inviterName: string;
  email: string | null;
  username: string | null;
  role: OrgRole;
  status: "pending" | "accepted" | "declined" | "revoked";
  expiresAt: Date;
  createdAt: Date;
  respondedAt: Date | null;
  acceptedBy: string | null;
}

/** What a visitor of the link is told: a pending invitation past its expiry is "expired". */
export type InvitationState = "pending" | "expired" | "accepted" | "declined" | "revoked";

type Row = {
  id: string; org_id: string; org_slug: string; org_name: string; org_kind: "personal" | "team";
  invited_by: string | null; inviter_name: string | null; email: string | null; username: string | null;
  role: OrgRole; status: InvitationView["status"]; expires_at: string | Date; created_at: string | Date; created_key: string;
  responded_at: string | Date | null; accepted_by: string | null;
};

function toView(r: Row): InvitationView {
  return {
    id: r.id, orgId: r.org_id, orgSlug: r.org_slug, orgName: r.org_name, orgKind: r.org_kind,
    invitedBy: r.invited_by, inviterName: r.inviter_name ?? "A former member", email: r.email, username: r.username,
    role: r.role, status: r.status, expiresAt: new Date(r.expires_at), createdAt: new Date(r.created_at),
    respondedAt: r.responded_at ? new Date(r.responded_at) : null, acceptedBy: r.accepted_by,
  };
}

async function selectInvitations(db: Executor, where: SQL, opts: { lock?: boolean; order?: SQL } = {}): Promise<InvitationView[]> {
  return (await selectRows(db, where, opts)).map(toView);
}

function selectRows(db: Executor, where: SQL, opts: { lock?: boolean; order?: SQL }): Promise<Row[]> {
  return rows<Row>(
    db,
    sql`select i.id, i.org_id, o.slug as org_slug, o.display_name as org_name, o.kind as org_kind,
               i.invited_by, u.username as inviter_name, i.email, i.username, i.role, i.status,
               i.expires_at, i.created_at, i.created_at::text as created_key, i.responded_at, i.accepted_by
        from invitations i
        join organizations o on o.id = i.org_id
        left join users u on u.id = i.invited_by
        where ${where}
        ${opts.order ?? sql``}
        ${opts.lock ? sql`for update of i` : sql``}`,
  );
}

export type InvitationRef = { token: string } | { id: string };

/** One invitation by its link's token or by id, optionally locked for the caller's transaction. */
export async function loadInvitation(db: Executor, ref: InvitationRef, opts: { lock?: boolean; orgId?: string } = {}): Promise<InvitationView | null> {
  let where: SQL;
  if ("token" in ref) {
    // A malformed token cannot match a hash: skip the query, answer "unknown".
    if (!TOKEN_PATTERN.test(ref.token)) return null;
    where = sql`i.token_hash = ${hashInvitationToken(ref.token)}`;
  } else {
    where = sql`i.id = ${ref.id}::uuid`;
  }
  if (opts.orgId) where = sql`${where} and i.org_id = ${opts.orgId}::uuid`;
  const [found] = await selectInvitations(db, where, { lock: opts.lock });
  return found ?? null;
}

/** For the /invite page, read-only. */
export async function findInvitationByToken(token: string): Promise<InvitationView | null> {
  return loadInvitation(await getDb(), { token });
}

export function invitationState(inv: Pick<InvitationView, "status" | "expiresAt">, now = new Date()): InvitationState {
  if (inv.status === "pending" && inv.expiresAt.getTime() <= now.getTime()) return "expired";
  return inv.status;
}

/**
 * From /notifications (by id, without the link) only the account the invitation names for sure
 * may answer it: the username invitee, or the account whose *verified* address was invited.
 */
export function invitationIsForVerified(
  inv: Pick<InvitationView, "email" | "username">,
  user: { email: string; username: string; emailVerifiedAt: Date | null },
): boolean {
  return invitationIsFor(inv, user) && (!inv.email || !!user.emailVerifiedAt);
}

/** The invitation is bound to one e-mail (compared normalized) or one username. */
export function invitationIsFor(inv: Pick<InvitationView, "email" | "username">, user: { email: string; username: string }): boolean {
  if (inv.email) return normalizeEmail(user.email) === inv.email;
  return !!inv.username && inv.username.toLowerCase() === user.username.toLowerCase();
}

export function inviteeLabel(inv: Pick<InvitationView, "email" | "username">): string {
  return inv.email ?? inv.username ?? "";
}

/**
 * The People page's list, a page at a time, newest first: pending invitations, expired ones
 * included so they can be re-sent. The time key is PostgreSQL's own text, in microseconds, so
 * two invitations a millisecond apart never fall between pages.
 */
export async function listPendingInvitations(orgId: string, opts: { cursor?: string; limit?: number } = {}): Promise<Page<InvitationView>> {
  const page = keysetPage(
    {
      list: "invitations",
      scope: orgId,
      keys: [{ expr: sql`i.created_at`, type: "timestamptz" }, { expr: sql`i.id`, type: "uuid" }],
      descending: true,
    },
    opts.cursor,
    opts.limit,
  );
  const list = await selectRows(await getDb(), sql`i.org_id = ${orgId}::uuid and i.status = 'pending' and ${page.where}`, {
    order: sql`order by ${page.order} limit ${page.limit}`,
  });
  const pending = page.finish(list, (r) => [r.created_key, r.id]);
  return { ...pending, items: pending.items.map(toView) };
}

export interface RegisteredInvitee {
  id: string;
  username: string;
  email: string;
  member: boolean;
  /** Whether the account's address is verified: only then may an e-mail invitation reach it in the app. */
  verified: boolean;
}

/** Registered accounts among the invitees, each with whether they already belong to the org. */
export async function findRegisteredInvitees(
  db: Executor,
  orgId: string,
  emails: string[],
  usernames: string[],
): Promise<RegisteredInvitee[]> {
  if (emails.length === 0 && usernames.length === 0) return [];
  return rows<RegisteredInvitee>(
    db,
    sql`select u.id, u.username, u.email, u.email_verified_at is not null as verified,
               exists (select 1 from memberships m where m.org_id = ${orgId}::uuid and m.user_id = u.id) as member
        from users u
        where lower(u.email) = any(${sql.param(emails)}::text[]) or lower(u.username) = any(${sql.param(usernames)}::text[])`,
  );
}

/** Live (pending, unexpired) invitations of the org naming any of these e-mails or usernames. */
export async function livePendingFor(db: Executor, orgId: string, emails: string[], usernames: string[]) {
  if (emails.length === 0 && usernames.length === 0) return [];
  return rows<{ id: string; email: string | null; username: string | null }>(
    db,
    sql`select id, email, lower(username) as username from invitations
        where org_id = ${orgId}::uuid and status = 'pending' and expires_at > now()
          and (email = any(${sql.param(emails)}::text[]) or lower(username) = any(${sql.param(usernames)}::text[]))`,
  );
}

/** What the invitations section of the People page shows: a page of pending invitations and the seats. */
export async function invitationsOverview(orgId: string, cursor?: string) {
  const [pending, seats] = await Promise.all([listPendingInvitations(orgId, { cursor }), orgSeatUsage(orgId)]);
  return { pending, seats };
}
