import "server-only";
import { and, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { userSessions, users } from "@/db/schema";
import { getDb } from "@/lib/db";
import { signedInUserColumns, type SignedInUser } from "./users";

/** What the cookie's JWT names: the user and the session row that must still exist. */
export interface SessionClaims {
  userId: string;
  sessionId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The user behind a live session, or null when the session was ended, expired or belongs to
 * someone else: one statement that reads the user and checks the session together. It also
 * notes the visit, at most once a minute, and never waits for a transaction that holds the row.
 */
export async function userForSession(db: Executor, claims: SessionClaims): Promise<SignedInUser | null> {
  return (await liveSession(db, claims, {}))?.user ?? null;
}

/** The scope of what no one organization or user owns (db/migrations/0008_page-epoch.sql). */
export const GLOBAL_PAGE_SCOPE = "00000000-0000-0000-0000-000000000000";

/**
 * The same check as `userForSession`, in the same statement as the page epochs a page of this
 * workspace shows to this user: the global one, the workspace's and the user's, each with its
 * scope (so a slug that now names another organization reads differently). A page rendered after
 * this read shows data at least as new as these numbers, so it may be served again while none of
 * them has moved.
 */
export async function userAndPageEpoch(db: Executor, claims: SessionClaims, workspaceSlug: string): Promise<{ user: SignedInUser; epoch: string } | null> {
  const epoch = sql<string>`(
    select string_agg(k.scope::text || ':' || coalesce(e.n, 0), ',' order by k.ord)
    from (values (1, ${GLOBAL_PAGE_SCOPE}::uuid),
                 (2, (select o.id from organizations o where lower(o.slug) = lower(${workspaceSlug}))),
                 (3, ${claims.userId}::uuid)) k(ord, scope)
    left join page_epochs e on e.scope = k.scope)`;
  const row = await liveSession(db, claims, { epoch });
  return row ? { user: row.user, epoch: row.epoch } : null;
}

async function liveSession<Extra extends Record<string, SQL.Aliased | SQL>>(db: Executor, claims: SessionClaims, extra: Extra) {
  if (!isUuid(claims.userId) || !isUuid(claims.sessionId)) return null;
  const touched = db.$with("touched", { id: sql<string>`id` }).as(
    sql`update user_sessions set last_seen_at = now()
        where id = (select id from user_sessions
                    where id = ${claims.sessionId} and user_id = ${claims.userId}
                      and last_seen_at < now() - interval '1 minute'
                    for update skip locked)
        returning id`,
  );
  const [row] = await db
    .with(touched)
    .select({ user: signedInUserColumns, ...extra })
    .from(users)
    .innerJoin(userSessions, eq(userSessions.userId, users.id))
    .where(and(eq(userSessions.id, claims.sessionId), eq(users.id, claims.userId), gt(userSessions.expiresAt, sql`now()`)))
    .limit(1);
  return row ?? null;
}

export interface SessionRow {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

/** A user's live sessions, most recently used first, for the security page. */
export async function listSessions(userId: string): Promise<SessionRow[]> {
  const db = await getDb();
  return db
    .select({
      id: userSessions.id,
      userAgent: userSessions.userAgent,
      ip: userSessions.ip,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
    })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), gt(userSessions.expiresAt, sql`now()`)))
    .orderBy(desc(userSessions.lastSeenAt), desc(userSessions.createdAt));
}
