import "server-only";
import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { userSessions } from "@/db/schema";
import { isUuid } from "@/lib/data/sessions";
import { limitFromEnv } from "./throttle";

/** How long a sign-in lasts: the cookie's JWT and its session row expire together. */
export const SESSION_MAX_AGE_SECONDS = limitFromEnv("SESSION_MAX_AGE_DAYS", 30) * 24 * 60 * 60;

// Enough to tell browsers apart on the security page; a header is not a place to store a novel.
const USER_AGENT_MAX = 200;

export interface SessionClient {
  userAgent?: string | null;
  ip?: string | null;
}

/** Starts a session for this user and returns its id, which the cookie's JWT will carry. */
export async function createSession(db: Executor, userId: string, client: SessionClient): Promise<string> {
  // Expired rows are of no use to anyone: each sign-in sweeps the user's own.
  await db.delete(userSessions).where(and(eq(userSessions.userId, userId), lt(userSessions.expiresAt, sql`now()`)));
  const [row] = await db
    .insert(userSessions)
    .values({
      userId,
      userAgent: client.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
      ip: client.ip?.slice(0, 64) ?? null,
      expiresAt: sql`now() + make_interval(secs => ${SESSION_MAX_AGE_SECONDS})`,
    })
    .returning({ id: userSessions.id });
  return row.id;
}

/**
 * Signs a user out everywhere (a password reset, "sign out everywhere"), or everywhere but the
 * browser asking (`except`: a password change keeps the session that made it). Returns how many
 * sessions ended.
 */
export async function endSessions(tx: Executor, userId: string, opts: { except?: string } = {}): Promise<number> {
  const ended = await tx
    .delete(userSessions)
    .where(and(eq(userSessions.userId, userId), opts.except ? ne(userSessions.id, opts.except) : undefined))
    .returning({ id: userSessions.id });
  return ended.length;
}

/** Ends one of this user's sessions; false when the user has no such session (someone else's). */
export async function endSession(tx: Executor, userId: string, sessionId: string): Promise<boolean> {
  if (!isUuid(sessionId)) return false;
  const ended = await tx
    .delete(userSessions)
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId)))
    .returning({ id: userSessions.id });
  return ended.length > 0;
}
