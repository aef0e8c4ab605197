import { AsyncLocalStorage } from "node:async_hooks";
import { userSessions } from "@/db/schema";
import { getDb } from "@/lib/db";

/**
 * Who the server actions and pages under test see as signed in (null: signed out). A user alone
 * gets a real session row, made on first use, so every test goes through the same session check
 * as production; a test about sessions names the session itself with `signInWithSession`.
 */
type Signed = { userId: string; sessionId?: string } | null;

export const testSession: { current: Signed } = { current: null };
const scoped = new AsyncLocalStorage<Signed>();
const implicitSessions = new Map<string, Promise<string>>();

export function signInAs(user: { id: string } | null) {
  testSession.current = user ? { userId: user.id } : null;
  if (user) implicitSessions.delete(user.id);
}

/** Signed in with this exact session row (as a cookie naming it would be). */
export function signInWithSession(user: { id: string }, sessionId: string) {
  testSession.current = { userId: user.id, sessionId };
}

/** Run fn as this user, for concurrent calls made by different people. */
export function as<T>(user: { id: string } | null, fn: () => Promise<T>): Promise<T> {
  return scoped.run(user ? { userId: user.id } : null, fn);
}

async function implicitSession(userId: string): Promise<string> {
  const db = await getDb();
  // A deleted user's row fails its foreign key: the id then matches nothing, as for a cookie
  // that outlived its account.
  const created = await db
    .insert(userSessions)
    .values({ userId, expiresAt: new Date(Date.now() + 86_400_000) })
    .returning({ id: userSessions.id })
    .catch(() => [] as { id: string }[]);
  return created[0]?.id ?? crypto.randomUUID();
}

/** The claims a signed cookie would carry for the signed-in test user. */
export async function sessionClaims(): Promise<{ userId: string; sessionId: string } | null> {
  const store = scoped.getStore();
  const current = store === undefined ? testSession.current : store;
  if (!current) return null;
  if (current.sessionId) return { userId: current.userId, sessionId: current.sessionId };
  let session = implicitSessions.get(current.userId);
  if (!session) {
    session = implicitSession(current.userId);
    implicitSessions.set(current.userId, session);
  }
  return { userId: current.userId, sessionId: await session };
}
