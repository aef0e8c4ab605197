import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

// These tests sign in through Auth.js itself (credentials → JWT cookie → auth()), so the
// cookie's claims are read for real here instead of being said by the test.
vi.hoisted(() => {
  process.env.AUTH_SECRET = "integration-tests-only-secret-0000000000000";
});
vi.unmock("@/lib/auth/session-claims");

import { rows } from "@/db/client";
import { changePasswordAction } from "@/lib/actions/change-password";
import { deleteAccount } from "@/lib/actions/delete-account";
import { createOrganizationAction } from "@/lib/actions/org/create-organization";
import { endAllSessionsAction } from "@/lib/actions/sessions/end-all-sessions";
import { endSessionAction } from "@/lib/actions/sessions/end-session";
import { signInAction, signOutAction } from "@/lib/actions/sign-in";
import { createAccount } from "@/lib/actions/sign-up";
import { currentSessionId, currentUser } from "@/lib/auth/current-user";
import { SIGN_IN_MAX_FAILURES } from "@/lib/auth/sign-in-limit";
import { listSessions } from "@/lib/data/sessions";
import { db, unique } from "../factories";
import { inBrowser, newBrowser, type TestBrowser } from "../setup/request";

const PASSWORD = "the-right-password";

async function account() {
  const username = unique("sess");
  const result = await createAccount(null, { username, email: `${username}@example.test`, password: PASSWORD });
  if (!result.ok) throw new Error(result.error);
  const id = (result.data as { id: string }).id;
  // Arranged by SQL: these tests are about sessions, not e-mail verification, and the action
  // used as the probe (create an organization) is refused to unverified addresses.
  await (await db()).execute(sql`update users set email_verified_at = now() where id = ${id}`);
  return { username, id };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

/** Signs in through the sign-in form's server action, in a browser of its own. */
async function signedInBrowser(identifier: string, password = PASSWORD, userAgent = "vitest"): Promise<TestBrowser> {
  const browser = newBrowser({ userAgent });
  const answer = await inBrowser(browser, () => signInAction(null, form({ identifier, password, callbackUrl: "/" })));
  expect(answer).toEqual({ ok: true, data: null });
  return browser;
}

/** A copy of a browser's cookies, as an attacker who copied the cookie would hold them. */
const replayOf = (browser: TestBrowser) => newBrowser({ cookies: new Map(browser.cookies) });

/** What a signed-in page sees, and whether a server action runs, for this browser. */
async function reach(browser: TestBrowser) {
  return inBrowser(browser, async () => {
    const user = await currentUser();
    const slug = unique("sessorg");
    const action = await createOrganizationAction(null, { slug, displayName: "Session check", contactEmail: "org@example.test" });
    const [org] = await rows<{ id: string }>(await db(), sql`select id from organizations where slug = ${slug}`);
    return { userId: user?.id ?? null, actionStatus: action.ok ? 200 : action.status, orgCreated: !!org };
  });
}

const LIVE = (id: string) => ({ userId: id, actionStatus: 200, orgCreated: true });
const REFUSED = { userId: null, actionStatus: 401, orgCreated: false };

async function sessionCount(userId: string) {
  const [row] = await rows<{ n: number }>(await db(), sql`select count(*)::int as n from user_sessions where user_id = ${userId}`);
  return Number(row.n);
}

describe("server-side sessions", () => {
  it("each sign-in creates a session row that the cookie names; signing out deletes it and the copied cookie stops working", async () => {
    const alice = await account();
    const browser = await signedInBrowser(alice.username, PASSWORD, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
    expect(await sessionCount(alice.id)).toBe(1);
    const copied = replayOf(browser);
    // Positive control: the live session reads pages and runs actions.
    expect(await reach(browser)).toEqual(LIVE(alice.id));
    expect(await reach(copied)).toEqual(LIVE(alice.id));

    await inBrowser(browser, () => signOutAction());
    expect(await sessionCount(alice.id)).toBe(0);
    expect(await reach(copied)).toEqual(REFUSED);
  });

  it("a password change ends every other session and keeps the one that made it", async () => {
    const bob = await account();
    const here = await signedInBrowser(bob.username);
    const elsewhere = await signedInBrowser(`${bob.username}@example.test`);
    expect(await reach(elsewhere)).toEqual(LIVE(bob.id));

    const changed = await inBrowser(here, () => changePasswordAction(null, { currentPassword: PASSWORD, newPassword: "a-new-password-1" }));
    expect(changed.ok).toBe(true);
    expect(await reach(here)).toEqual(LIVE(bob.id));
    expect(await reach(elsewhere)).toEqual(REFUSED);
    expect(await sessionCount(bob.id)).toBe(1);
  });

  it("deleting the account ends all its sessions", async () => {
    const carol = await account();
    const here = await signedInBrowser(carol.username);
    const elsewhere = await signedInBrowser(carol.username);
    expect(await sessionCount(carol.id)).toBe(2);
    const deleted = await inBrowser(here, () => deleteAccount(null, { confirm: carol.username, password: PASSWORD }));
    expect(deleted.ok).toBe(true);
    expect(await sessionCount(carol.id)).toBe(0);
    expect(await reach(here)).toEqual(REFUSED);
    expect(await reach(elsewhere)).toEqual(REFUSED);
  });

  it("lists a user's own sessions and ends one of them; another user's session id is not found and stays live", async () => {
    const dave = await account();
    const eve = await account();
    const laptop = await signedInBrowser(dave.username, PASSWORD, "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15");
    const phone = await signedInBrowser(dave.username, PASSWORD, "Mozilla/5.0 (Linux; Android 15) Chrome/140.0 Mobile");
    const evesBrowser = await signedInBrowser(eve.username);
    const phoneSession = (await inBrowser(phone, () => currentSessionId()))!;
    const evesSession = (await inBrowser(evesBrowser, () => currentSessionId()))!;

    const listed = await listSessions(dave.id);
    expect(listed.map((s) => s.userAgent).sort()).toEqual([
      "Mozilla/5.0 (Linux; Android 15) Chrome/140.0 Mobile",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15",
    ]);

    const foreign = await inBrowser(laptop, () => endSessionAction(null, { sessionId: evesSession }));
    expect(foreign).toMatchObject({ ok: false, status: 404 });
    expect(await reach(evesBrowser)).toEqual(LIVE(eve.id));
    const garbage = await inBrowser(laptop, () => endSessionAction(null, { sessionId: "not-a-session" }));
    expect(garbage).toMatchObject({ ok: false, status: 400 });

    // Positive control: the same action on dave's own phone session ends it.
    const own = await inBrowser(laptop, () => endSessionAction(null, { sessionId: phoneSession }));
    expect(own).toEqual({ ok: true, data: { ended: phoneSession } });
    expect(await reach(phone)).toEqual(REFUSED);
    expect(await reach(laptop)).toEqual(LIVE(dave.id));
  });

  it("signing out everywhere ends this session too", async () => {
    const fay = await account();
    const here = await signedInBrowser(fay.username);
    const elsewhere = await signedInBrowser(fay.username);
    const answer = await inBrowser(here, () => endAllSessionsAction(null, {}));
    expect(answer).toEqual({ ok: true, data: { redirectTo: "/signin", ended: 2 } });
    expect(await reach(here)).toEqual(REFUSED);
    expect(await reach(elsewhere)).toEqual(REFUSED);
  });

  it("notes a session's last visit at most once a minute", async () => {
    const gus = await account();
    const browser = await signedInBrowser(gus.username);
    const d = await db();
    await d.execute(sql`update user_sessions set last_seen_at = now() - interval '5 minutes' where user_id = ${gus.id}`);
    const lastSeen = async () => (await rows<{ s: number }>(d, sql`select extract(epoch from now() - last_seen_at)::float as s from user_sessions where user_id = ${gus.id}`))[0].s;
    expect(await lastSeen()).toBeGreaterThan(299);
    await inBrowser(browser, () => currentUser());
    expect(await lastSeen()).toBeLessThan(5);
    await d.execute(sql`update user_sessions set last_seen_at = now() - interval '30 seconds' where user_id = ${gus.id}`);
    await inBrowser(browser, () => currentUser());
    expect(await lastSeen()).toBeGreaterThan(29);
  });

  it("the sign-in form says when to retry once an account is over the limit, the same for an unknown name", async () => {
    const hal = await account();
    const browser = newBrowser();
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
      const wrong = await inBrowser(browser, () => signInAction(null, form({ identifier: hal.username, password: `guess-${i}` })));
      expect(wrong).toEqual({ ok: false, status: 401, error: "Wrong username, e-mail or password." });
      await inBrowser(browser, () => signInAction(null, form({ identifier: "nobody-" + hal.username, password: `guess-${i}` })));
    }
    const locked = await inBrowser(browser, () => signInAction(null, form({ identifier: hal.username, password: PASSWORD })));
    expect(locked).toMatchObject({ ok: false, status: 429 });
    expect((locked as { error: string }).error).toMatch(/^Too many attempts\. Try again in 1[45] minutes\.$/);
    const unknown = await inBrowser(browser, () => signInAction(null, form({ identifier: "nobody-" + hal.username, password: PASSWORD })));
    expect(unknown).toEqual(locked);
    expect(await sessionCount(hal.id)).toBe(0);
  });
});
