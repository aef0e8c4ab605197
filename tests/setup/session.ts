import { AsyncLocalStorage } from "node:async_hooks";

/** Who the server actions under test see as signed in (null: signed out). */
export const testSession: { userId: string | null } = { userId: null };
const scoped = new AsyncLocalStorage<string | null>();

export function signInAs(user: { id: string } | null) {
  testSession.userId = user?.id ?? null;
}

/** Run fn as this user, for concurrent calls made by different people. */
export function as<T>(user: { id: string } | null, fn: () => Promise<T>): Promise<T> {
  return scoped.run(user?.id ?? null, fn);
}

export function sessionUserId(): string | null {
  const store = scoped.getStore();
  return store === undefined ? testSession.userId : store;
}
