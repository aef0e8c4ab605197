/** Who the server actions under test see as signed in (null: signed out). */
export const testSession: { userId: string | null } = { userId: null };

export function signInAs(user: { id: string } | null) {
  testSession.userId = user?.id ?? null;
}
