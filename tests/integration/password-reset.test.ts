import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { forgotPasswordAction } from "@/lib/actions/account/forgot-password";
import { RESET_SENT } from "@/lib/actions/account/messages";
import { resetPasswordAction } from "@/lib/actions/account/reset-password";
import { checkCredentials } from "@/lib/auth/credentials";
import { db, makeUser, unique } from "../factories";
import { signInAs } from "../setup/session";
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
    expect(await checkCredentials(ada.username, NEW_PASSWORD)).toBe(ada.id);
    const again = refused(await resetPasswordAction(null, { token, password: "yet-another-password" }));
    expect([again.status, again.error]).toEqual([410, "This reset link has already been used. Each link works once: ask for a new one if you need to."]);
    expect(await checkCredentials(ada.username, "yet-another-password")).toBeNull();
    const wrong = refused(await resetPasswordAction(null, { token: "B".repeat(43), password: NEW_PASSWORD }));
    expect(wrong.status).toBe(404);
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
    expect(await checkCredentials(ada.username, NEW_PASSWORD)).toBeNull();
  });

  it("is limited per address typed, known or not, with the same refusal", async () => {
    const ada = await makeUser();
    const stranger = `${unique("nobody")}@example.test`;
    for (let i = 0; i < 5; i++) {
      ok(await forgotPasswordAction(null, { email: ada.email }));
      ok(await forgotPasswordAction(null, { email: stranger }));
    }
    const known = refused(await forgotPasswordAction(null, { email: ada.email }));
    const unknown = refused(await forgotPasswordAction(null, { email: stranger }));
    expect(known.status).toBe(429);
    expect(known.error).toMatch(/^Too many e-mails were asked for\. Try again in \d+ minutes\.$/);
    expect(unknown).toEqual(known);
  });
});
