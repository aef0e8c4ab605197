import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { forgotPasswordAction } from "@/lib/actions/account/forgot-password";
import { RESET_SENT } from "@/lib/actions/account/messages";
import { resetPasswordAction } from "@/lib/actions/account/reset-password";
import { markAllNotificationsReadAction } from "@/lib/actions/notifications/mark-read";
import { checkCredentials } from "@/lib/auth/credentials";
import { createSession } from "@/lib/auth/sessions";
import { db, makeUser, unique } from "../factories";
import { fromAddress } from "../setup/request";
import { signInAs, signInWithSession } from "../setup/session";
import { deliverOutbox, ok, outboxTo, refused } from "./invitations-helpers";

const RESET_LINK = /http:\/\/localhost:3000\/reset-password\/([A-Za-z0-9_-]{43})/;
const NEW_PASSWORD = "a-brand-new-password";

async function resetTokenFor(email: string): Promise<string> {
  const mail = (await deliverOutbox()).filter((m) => m.to === email).at(-1);
  if (!mail) throw new Error(`no e-mail was delivered to ${email}`);
  expect(mail.subject).toBe("Reset your Workbench password");
  expect(mail.text).toContain("The link works once, for one hour.");
  return RESET_LINK.exec(mail.text)![1];
}

beforeEach(() => signInAs(null));

describe("forgot password", () => {
  it("answers the same whether or not an account uses the address, and e-mails only an account that does", async () => {
    const ada = await makeUser();
    const stranger = `${unique("nobody")}@example.test`;
    const known = ok(await forgotPasswordAction(null, { email: ada.email.toUpperCase() }));
    const unknown = ok(await forgotPasswordAction(null, { email: stranger }));
    expect(known).toEqual({ message: RESET_SENT });
    expect(unknown).toEqual(known);
    expect(await outboxTo(stranger)).toEqual([]);
    const [queued] = await outboxTo(ada.email);
    expect(queued.text).not.toMatch(RESET_LINK);
    expect(await resetTokenFor(ada.email)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("a link sets a new password once; the old password and the used link stop working", async () => {
    const ada = await makeUser();
    ok(await forgotPasswordAction(null, { email: ada.email }));
    const token = await resetTokenFor(ada.email);
    const tooShort = refused(await resetPasswordAction(null, { token, password: "short" }));
    expect(tooShort.fieldErrors?.password).toEqual(["Password must be at least 8 characters."]);
    expect(ok(await resetPasswordAction(null, { token, password: NEW_PASSWORD }))).toEqual({ username: ada.username, redirectTo: "/signin?reset=1" });
    expect(await checkCredentials(ada.username, NEW_PASSWORD, "203.0.113.1")).toEqual({ ok: true, userId: ada.id });
    const again = refused(await resetPasswordAction(null, { token, password: "yet-another-password" }));
    expect([again.status, again.error]).toEqual([410, "This reset link has already been used. Each link works once: ask for a new one if you need to."]);
    expect(await checkCredentials(ada.username, "yet-another-password", "203.0.113.1")).toEqual({ ok: false, reason: "invalid" });
    const wrong = refused(await resetPasswordAction(null, { token: "B".repeat(43), password: NEW_PASSWORD }));
    expect(wrong.status).toBe(404);
  });

  it("ends every session of the user: old cookies are refused on the next action", async () => {
    const ada = await makeUser();
    const bob = await makeUser();
    const [laptop, phone, bobs] = [await createSession(await db(), ada.id, {}), await createSession(await db(), ada.id, {}), await createSession(await db(), bob.id, {})];
    // Positive control: the live sessions act.
    signInWithSession(ada, laptop);
    ok(await markAllNotificationsReadAction(null, {}));
    signInAs(null);
    ok(await forgotPasswordAction(null, { email: ada.email }));
    ok(await resetPasswordAction(null, { token: await resetTokenFor(ada.email), password: NEW_PASSWORD }));
    for (const session of [laptop, phone]) {
      signInWithSession(ada, session);
      const refusal = refused(await markAllNotificationsReadAction(null, {}));
      expect([refusal.status, refusal.error]).toEqual([401, "You are signed out. Sign in and try again."]);
    }
    // Someone else's session is not touched.
    signInWithSession(bob, bobs);
    ok(await markAllNotificationsReadAction(null, {}));
    const [{ n }] = await rows<{ n: number }>(await db(), sql`select count(*)::int as n from user_sessions where user_id = ${ada.id}::uuid`);
    expect(n).toBe(0);
  });

  it("a link lasts one hour", async () => {
    const ada = await makeUser();
    ok(await forgotPasswordAction(null, { email: ada.email }));
    const token = await resetTokenFor(ada.email);
    const [{ minutes }] = await rows<{ minutes: number }>(
      await db(),
      sql`select extract(epoch from expires_at - created_at)::float / 60 as minutes from email_tokens where user_id = ${ada.id}::uuid and purpose = 'reset_password'`,
    );
    expect(Math.round(minutes)).toBe(60);
    // Arranged by SQL: an hour passing is what this test is about, not the waiting.
    await (await db()).execute(sql`update email_tokens set expires_at = now() - interval '1 second', created_at = now() - interval '1 hour' where user_id = ${ada.id}::uuid`);
    const expired = refused(await resetPasswordAction(null, { token, password: NEW_PASSWORD }));
    expect([expired.status, expired.error]).toEqual([410, "This reset link has expired. Ask for a new one."]);
    expect(await checkCredentials(ada.username, NEW_PASSWORD, "203.0.113.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("is limited per account (by e-mail or username alike) and per unknown address, with the same refusal", async () => {
    const ada = await makeUser();
    const stranger = `${unique("nobody")}@example.test`;
    for (let i = 0; i < 5; i++) {
      ok(await forgotPasswordAction(null, { email: ada.email }));
      ok(await forgotPasswordAction(null, { email: stranger }));
    }
    const known = refused(await forgotPasswordAction(null, { email: ada.email.toUpperCase() }));
    const unknown = refused(await forgotPasswordAction(null, { email: stranger }));
    expect(known.status).toBe(429);
    expect(known.error).toBe("Too many attempts. Try again in 60 minutes.");
    expect(unknown).toEqual(known);
    expect((await outboxTo(ada.email)).length).toBe(5);
  });

  it("is limited per client address across addresses", async () => {
    const emails = Array.from({ length: 21 }, () => `${unique("many")}@example.test`);
    const answers = [];
    for (const email of emails) answers.push(await fromAddress("203.0.113.77", () => forgotPasswordAction(null, { email })));
    expect(answers.slice(0, 20).every((a) => a.ok)).toBe(true);
    expect(refused(answers[20]).status).toBe(429);
    // Positive control: another client is not held back by that one.
    ok(await fromAddress("203.0.113.78", () => forgotPasswordAction(null, { email: emails[20] })));
  });
});
