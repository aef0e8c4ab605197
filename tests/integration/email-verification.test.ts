import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { cancelEmailChangeAction, changeEmailAction } from "@/lib/actions/account/change-email";
import { resendVerificationAction } from "@/lib/actions/account/resend-verification";
import { verifyEmailAction } from "@/lib/actions/account/verify-email";
import { inviteAction } from "@/lib/actions/invitations/invite";
import { createOrganizationAction } from "@/lib/actions/org/create-organization";
import { createAccount } from "@/lib/actions/sign-up";
import { hashPassword } from "@/lib/auth/password";
import { listNotifications } from "@/lib/data/notifications";
import { db, makeOrg, makeUser, unique } from "../factories";
import { signInAs } from "../setup/session";
import { deliverOutbox, ok, outboxTo, refused } from "./invitations-helpers";

const PASSWORD = "a-good-password";
const VERIFY_LINK = /http:\/\/localhost:3000\/verify-email\/([A-Za-z0-9_-]{43})/;

async function userRow(id: string) {
  const [row] = await rows<{ email: string; pending_email: string | null; email_verified_at: Date | null }>(
    await db(),
    sql`select email, pending_email, email_verified_at from users where id = ${id}::uuid`,
  );
  return row;
}

/** The verification token in the newest e-mail delivered to `to`, as its reader would click it. */
async function deliveredToken(to: string): Promise<string> {
  const mail = (await deliverOutbox()).filter((m) => m.to === to && m.subject === "Verify your e-mail address on Workbench").at(-1);
  if (!mail) throw new Error(`no verification e-mail was delivered to ${to}`);
  return VERIFY_LINK.exec(mail.text)![1];
}

async function signUp() {
  const username = unique("ver");
  const email = `${username}@example.test`;
  const { id } = ok(await createAccount(null, { username, email, password: PASSWORD }));
  return { id, username, email };
}

beforeEach(() => signInAs(null));

describe("verification on sign-up", () => {
  it("e-mails a single-use link; opening it as that account verifies the address", async () => {
    const ada = await signUp();
    expect((await userRow(ada.id)).email_verified_at).toBeNull();
    // Queued, the message holds no usable token: it is filled in only when sent.
    const [queued] = await outboxTo(ada.email);
    expect(queued.text).not.toMatch(VERIFY_LINK);
    const token = await deliveredToken(ada.email);
    signInAs({ id: ada.id });
    expect(ok(await verifyEmailAction(null, { token }))).toEqual({ email: ada.email });
    expect((await userRow(ada.id)).email_verified_at).not.toBeNull();
    const again = refused(await verifyEmailAction(null, { token }));
    expect([again.status, again.error]).toEqual([410, "This verification link has already been used. Each link works once."]);
  });

  it("refuses an expired link, a wrong one, and another account's; the right one still works afterwards", async () => {
    const ada = await signUp();
    const token = await deliveredToken(ada.email);
    const mallory = await makeUser();
    signInAs(mallory);
    expect(refused(await verifyEmailAction(null, { token })).status).toBe(403);
    signInAs({ id: ada.id });
    const wrong = refused(await verifyEmailAction(null, { token: "A".repeat(43) }));
    expect(wrong.status).toBe(404);
    expect(wrong.error).toMatch(/^This verification link is not valid/);
    expect(refused(await verifyEmailAction(null, { token: "short" })).status).toBe(404);
    expect((await userRow(ada.id)).email_verified_at).toBeNull();
    // Positive control: neither refusal spent the link.
    ok(await verifyEmailAction(null, { token }));

    const bob = await signUp();
    const late = await deliveredToken(bob.email);
    // Arranged by SQL: the link's lifetime is what this test is about, not the waiting.
    await (await db()).execute(sql`update email_tokens set expires_at = now() - interval '1 second' where user_id = ${bob.id}::uuid`);
    signInAs({ id: bob.id });
    const expired = refused(await verifyEmailAction(null, { token: late }));
    expect([expired.status, expired.error]).toEqual([410, "This verification link has expired. Send a new one from the banner at the top of the page."]);
    expect((await userRow(bob.id)).email_verified_at).toBeNull();
  });

  it("a re-sent link replaces the old one; re-sending is limited per account", async () => {
    const ada = await signUp();
    const first = await deliveredToken(ada.email);
    signInAs({ id: ada.id });
    expect(ok(await resendVerificationAction(null, {}))).toEqual({ sentTo: ada.email });
    const second = await deliveredToken(ada.email);
    expect(refused(await verifyEmailAction(null, { token: first })).status).toBe(404);
    // One delivery per re-send, so that the newest e-mail is the last one delivered.
    for (let i = 2; i <= 4; i++) {
      ok(await resendVerificationAction(null, {}));
      await deliverOutbox();
    }
    ok(await resendVerificationAction(null, {}));
    const limited = refused(await resendVerificationAction(null, {}));
    expect(limited.status).toBe(429);
    expect(limited.error).toBe("Too many attempts. Try again in 60 minutes.");
    const newest = await deliveredToken(ada.email);
    expect(newest).not.toBe(second);
    ok(await verifyEmailAction(null, { token: newest }));
    expect(refused(await resendVerificationAction(null, {})).error).toBe("Your e-mail address is already verified.");
  });

  it("an unverified account keeps to its personal workspace: it cannot create an organization until verified", async () => {
    const ada = await signUp();
    signInAs({ id: ada.id });
    const slug = unique("org");
    const refusal = refused(await createOrganizationAction(null, { slug, displayName: "Ada Labs", contactEmail: ada.email }));
    expect(refusal.status).toBe(403);
    expect(refusal.error).toMatch(/^Verify your e-mail address before creating an organization/);
    const [{ n }] = await rows<{ n: number }>(await db(), sql`select count(*)::int as n from organizations where slug = ${slug}`);
    expect(n).toBe(0);
    ok(await verifyEmailAction(null, { token: await deliveredToken(ada.email) }));
    ok(await createOrganizationAction(null, { slug, displayName: "Ada Labs", contactEmail: ada.email }));
  });
});

describe("changing the e-mail address", () => {
  it("keeps the old address until the new one is verified through its own link", async () => {
    const ada = await makeUser(unique("ada"));
    await (await db()).execute(sql`update users set password_hash = ${await hashPassword(PASSWORD)} where id = ${ada.id}::uuid`);
    const next = `${unique("next")}@example.test`;
    signInAs(ada);
    expect(refused(await changeEmailAction(null, { email: next, currentPassword: "wrong-password" })).fieldErrors?.currentPassword).toEqual(["That is not your current password."]);
    ok(await changeEmailAction(null, { email: next, currentPassword: PASSWORD }));
    expect(await userRow(ada.id)).toMatchObject({ email: ada.email, pending_email: next });
    // The old, verified address is told, without any link.
    const notice = (await outboxTo(ada.email)).at(-1)!;
    expect(notice.subject).toBe("Your Workbench e-mail address is being changed");
    // An invitation to the new address is not the account's until the address is proven.
    const owner = await makeUser();
    const org = await makeOrg(owner);
    signInAs(owner);
    const { invited } = ok(await inviteAction(null, { org: org.slug, invitees: next, role: "member" }));
    expect((await listNotifications(ada.id)).filter((n) => n.openInvitationId)).toEqual([]);
    signInAs(ada);
    ok(await verifyEmailAction(null, { token: await deliveredToken(next) }));
    const row = await userRow(ada.id);
    expect(row).toMatchObject({ email: next, pending_email: null });
    expect(row.email_verified_at).not.toBeNull();
    expect((await listNotifications(ada.id)).map((n) => n.openInvitationId)).toContain(invited[0].id);
  });

  it("a cancelled change kills its link; a taken address is refused at verification", async () => {
    const ada = await makeUser(unique("ada"));
    await (await db()).execute(sql`update users set password_hash = ${await hashPassword(PASSWORD)} where id = ${ada.id}::uuid`);
    signInAs(ada);
    ok(await changeEmailAction(null, { email: `${unique("next")}@example.test`, currentPassword: PASSWORD }));
    const pending = (await userRow(ada.id)).pending_email!;
    const token = await deliveredToken(pending);
    ok(await cancelEmailChangeAction(null, {}));
    expect(refused(await verifyEmailAction(null, { token })).status).toBe(410);
    expect((await userRow(ada.id)).email).toBe(ada.email);

    const bob = await makeUser();
    ok(await changeEmailAction(null, { email: bob.email, currentPassword: PASSWORD }));
    const taken = refused(await verifyEmailAction(null, { token: await deliveredToken(bob.email) }));
    expect([taken.status, taken.error]).toEqual([409, `Another account uses ${bob.email} now, so it cannot become yours.`]);
    expect((await userRow(ada.id)).email).toBe(ada.email);
  });
});
