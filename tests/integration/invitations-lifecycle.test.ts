import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { acceptInvitationAction } from "@/lib/actions/invitations/accept";
import { declineInvitationAction } from "@/lib/actions/invitations/decline";
import { inviteAction } from "@/lib/actions/invitations/invite";
import { resendInvitationAction } from "@/lib/actions/invitations/resend";
import { revokeInvitationAction } from "@/lib/actions/invitations/revoke";
import { hashInvitationToken } from "@/lib/actions/invitations/token";
import { addMember, db, makeUser, makeWorld, roleOf, unique } from "../factories";
import { signInAs } from "../setup/session";
import { auditActions, deliverOutbox, invitationRow, notificationsOf, ok, outboxTo, refused, tokenOf } from "./invitations-helpers";

type World = Awaited<ReturnType<typeof makeWorld>>;
let w: World;

beforeEach(async () => {
  w = await makeWorld();
  signInAs(w.admin);
});

async function invite(invitees: string, role = "member") {
  return inviteAction(null, { org: w.org.slug, invitees, role });
}

async function inviteOne(invitee: string, role = "member") {
  const { invited } = ok(await invite(invitee, role));
  expect(invited).toHaveLength(1);
  return { id: invited[0].id, token: tokenOf(invited[0].link), link: invited[0].link };
}

async function defaultOrgOf(userId: string) {
  const [row] = await rows<{ default_org_id: string | null }>(await db(), sql`select default_org_id from users where id = ${userId}::uuid`);
  return row.default_org_id;
}

describe("inviting", () => {
  it("stores only the token's hash, queues the e-mail and notifies a registered invitee", async () => {
    const bob = await makeUser();
    const email = `${unique("new")}@example.test`;
    const { invited, emailConfigured } = ok(await invite(`${email.toUpperCase()}, ${bob.username}`, "admin"));
    expect(emailConfigured).toBe(false);
    expect(invited.map((i) => i.invitee)).toEqual([email, bob.username]);
    for (const i of invited) {
      const token = tokenOf(i.link);
      expect(i.link).toBe(`http://localhost:3000/invite/${token}`);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const row = await invitationRow(i.id);
      expect(row.token_hash).toBe(hashInvitationToken(token));
      expect(row.token_hash).not.toContain(token);
      expect(row.role).toBe("admin");
    }
    const [mail] = await outboxTo(email);
    expect(mail.subject).toBe(`${w.admin.username} invited you to join Test org on Workbench`);
    // Queued, the e-mail holds no usable link: the token is filled in only when it is sent.
    expect(mail.text).not.toContain(tokenOf(invited[0].link));
    expect(mail.text).toContain("as admin");
    const delivered = (await deliverOutbox()).find((m) => m.to === email)!;
    expect(delivered.text).toContain(invited[0].link);
    expect(delivered.html).toContain(invited[0].link);
    expect(await outboxTo(bob.email)).toHaveLength(1);
    expect((await notificationsOf(bob.id)).map((n) => [n.kind, n.invitation_id])).toEqual([["invitation", invited[1].id]]);
    expect(await auditActions(w.org.id)).toEqual(["invitation.create", "invitation.create"]);
  });

  it("checks each entry on its own and invites nobody when one is wrong", async () => {
    const good = `${unique("ok")}@example.test`;
    const r = refused(await invite(`${good}\nnot an email@, no-such-user-${unique("x")}, ${w.member.username}, bad@@x`));
    expect(r.error).toMatch(/Nobody was invited/);
    const errors = r.fieldErrors?.invitees ?? [];
    expect(errors).toHaveLength(4);
    expect(errors.join("\n")).toMatch(/“not an email@”: Enter a valid e-mail address/);
    expect(errors.join("\n")).toMatch(/no account has this username/);
    expect(errors.join("\n")).toMatch(new RegExp(`“${w.member.username}”: ${w.member.username} is already a member`));
    expect(await outboxTo(good)).toHaveLength(0);
    // The positive control: the same good address alone goes through.
    ok(await invite(good));
  });

  it("refuses a second pending invitation to the same person, under either of their names", async () => {
    const bob = await makeUser();
    ok(await invite(bob.email));
    expect(refused(await invite(bob.username)).fieldErrors?.invitees?.[0]).toMatch(/already has a pending invitation/);
    expect(refused(await invite(bob.email.toUpperCase())).fieldErrors?.invitees?.[0]).toMatch(/already has a pending invitation/);
  });

  it("never invites as owner; admins and owners may invite as admin; members and outsiders may not invite", async () => {
    const email = () => `${unique("r")}@example.test`;
    expect(refused(await invite(email(), "owner")).fieldErrors?.role?.[0]).toMatch(/Nobody can be invited as owner/);
    signInAs(w.owner);
    expect(refused(await invite(email(), "owner")).status).toBe(400);
    ok(await invite(email(), "admin"));
    signInAs(w.member);
    expect(refused(await invite(email())).status).toBe(403);
    signInAs(w.outsider);
    expect(refused(await invite(email())).status).toBe(404);
    signInAs(null);
    expect(refused(await invite(email())).status).toBe(401);
    const [{ n }] = await rows<{ n: number }>(await db(), sql`select count(*)::int as n from invitations where org_id = ${w.org.id}::uuid`);
    expect(n).toBe(1);
  });

  it("refuses invitations into a personal workspace, which has no members", async () => {
    signInAs(w.owner);
    const r = refused(await inviteAction(null, { org: w.owner.username, invitees: `${unique("p")}@example.test`, role: "member" }));
    expect(r.error).toMatch(/personal workspace has no members/);
  });
});

describe("accepting and declining", () => {
  it("accepts: membership with the invited role, audit, default workspace, token used once", async () => {
    const carol = await makeUser();
    const { id, token } = await inviteOne(carol.email, "admin");
    signInAs(carol);
    const data = ok(await acceptInvitationAction(null, { token }));
    expect(data).toMatchObject({ org: w.org.slug, role: "admin", redirectTo: `/${w.org.slug}` });
    expect(await roleOf(w.org.id, carol.id)).toBe("admin");
    expect(await invitationRow(id)).toMatchObject({ status: "accepted", accepted_by: carol.id });
    expect(await defaultOrgOf(carol.id)).toBe(w.org.id);
    expect(await auditActions(w.org.id)).toEqual(["invitation.create", "invitation.accept"]);
    expect((await notificationsOf(w.admin.id)).map((n) => n.kind)).toEqual(["invitation.accepted"]);
    // Reuse: the link is dead, and nothing changes.
    const again = refused(await acceptInvitationAction(null, { token }));
    expect([again.status, again.error]).toEqual([409, "This invitation has already been used."]);
  });

  it("keeps a default workspace the user chose, or the organization they joined first", async () => {
    const chooser = await makeUser();
    await (await db()).execute(sql`update users set default_chosen = true, default_org_id = ${chooser.personalOrgId}::uuid where id = ${chooser.id}::uuid`);
    const member = await makeUser();
    await addMember(w.otherOrg, member, "member");
    const a = await inviteOne(chooser.email);
    const b = await inviteOne(member.username);
    signInAs(chooser);
    ok(await acceptInvitationAction(null, { token: a.token }));
    signInAs(member);
    ok(await acceptInvitationAction(null, { token: b.token }));
    expect(await defaultOrgOf(chooser.id)).toBe(chooser.personalOrgId);
    expect(await defaultOrgOf(member.id)).toBeNull();
  });

  it("declines: no membership, the inviter is told, the link is dead", async () => {
    const dave = await makeUser();
    const { id, token } = await inviteOne(dave.username);
    signInAs(dave);
    ok(await declineInvitationAction(null, { token }));
    expect(await roleOf(w.org.id, dave.id)).toBeNull();
    expect((await invitationRow(id)).status).toBe("declined");
    const told = await notificationsOf(w.admin.id);
    expect(told.map((n) => n.title)).toEqual([`${dave.username} declined your invitation to Test org`]);
    expect(refused(await acceptInvitationAction(null, { token })).error).toMatch(/was declined/);
    expect(await auditActions(w.org.id)).toEqual(["invitation.create", "invitation.decline"]);
  });

  it("refuses the wrong account, by e-mail or username; the right accounts then can", async () => {
    const [erin, fred, eve] = [await makeUser(), await makeUser(), await makeUser()];
    const byEmail = await inviteOne(`  ${erin.email.toUpperCase()} `);
    const byName = await inviteOne(fred.username.toUpperCase());
    signInAs(eve);
    for (const token of [byEmail.token, byName.token]) {
      const r = refused(await acceptInvitationAction(null, { token }));
      expect(r.status).toBe(403);
      expect(r.error).toMatch(/you are signed in as/);
      expect(refused(await declineInvitationAction(null, { token })).status).toBe(403);
    }
    expect(await roleOf(w.org.id, eve.id)).toBeNull();
    signInAs(erin);
    ok(await acceptInvitationAction(null, { token: byEmail.token }));
    expect(await roleOf(w.org.id, erin.id)).toBe("member");
    signInAs(fred);
    ok(await acceptInvitationAction(null, { token: byName.token }));
    expect(await roleOf(w.org.id, fred.id)).toBe("member");
  });

  it("an invitee who joined meanwhile uses the invitation up and keeps their role", async () => {
    const ida = await makeUser();
    const { id, token } = await inviteOne(ida.username, "admin");
    await addMember(w.org, ida, "restricted");
    signInAs(ida);
    expect(ok(await acceptInvitationAction(null, { token })).role).toBe("restricted");
    expect(await roleOf(w.org.id, ida.id)).toBe("restricted");
    expect((await invitationRow(id)).status).toBe("accepted");
  });

  it("expired, revoked, re-sent (old link) and unknown tokens are refused with their own reason", async () => {
    const frank = await makeUser();
    const expired = await inviteOne(frank.email);
    await (await db()).execute(sql`update invitations set expires_at = now() - interval '1 minute' where id = ${expired.id}::uuid`);
    signInAs(frank);
    const r1 = refused(await acceptInvitationAction(null, { token: expired.token }));
    expect([r1.status, r1.error]).toEqual([410, expect.stringMatching(/^This invitation expired on .* Ask an admin of Test org to re-send it\.$/)]);

    signInAs(w.admin);
    const revoked = await inviteOne(`${unique("rv")}@example.test`);
    ok(await revokeInvitationAction(null, { org: w.org.slug, invitationId: revoked.id }));
    expect(refused(await acceptInvitationAction(null, { token: revoked.token })).error).toMatch(/withdrawn/);
    expect(refused(await revokeInvitationAction(null, { org: w.org.slug, invitationId: revoked.id })).status).toBe(409);

    expect(refused(await acceptInvitationAction(null, { token: "x".repeat(43) })).status).toBe(404);
    expect(refused(await acceptInvitationAction(null, { token: "not-a-token" })).status).toBe(404);
    expect(refused(await acceptInvitationAction(null, {})).status).toBe(404);
    expect(await auditActions(w.org.id)).toEqual(["invitation.create", "invitation.create", "invitation.revoke"]);
  });

  it("re-sending makes a new token and expiry: the old link dies, the new one works, even after expiry", async () => {
    const gina = await makeUser();
    const first = await inviteOne(gina.email);
    expect((await deliverOutbox()).filter((m) => m.to === gina.email).map((m) => m.text.includes(first.link))).toEqual([true]);
    await (await db()).execute(sql`update invitations set expires_at = now() - interval '1 day' where id = ${first.id}::uuid`);
    const re = ok(await resendInvitationAction(null, { org: w.org.slug, invitationId: first.id }));
    const token = tokenOf(re.link);
    expect(token).not.toBe(first.token);
    expect(new Date((await invitationRow(first.id)).expires_at).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86400_000);
    expect((await deliverOutbox()).filter((m) => m.to === gina.email).map((m) => m.text.includes(re.link))).toEqual([true]);
    signInAs(gina);
    expect(refused(await acceptInvitationAction(null, { token: first.token })).status).toBe(404);
    ok(await acceptInvitationAction(null, { token }));
    expect(await roleOf(w.org.id, gina.id)).toBe("member");
    expect(await auditActions(w.org.id)).toEqual(["invitation.create", "invitation.resend", "invitation.accept"]);
  });

  it("answers from the notification by id, only for the user it was sent to", async () => {
    const hal = await makeUser();
    const { id } = await inviteOne(hal.username);
    signInAs(w.member);
    expect(refused(await acceptInvitationAction(null, { invitationId: id })).status).toBe(404);
    signInAs(hal);
    ok(await acceptInvitationAction(null, { invitationId: id }));
    expect(await roleOf(w.org.id, hal.id)).toBe("member");
    expect((await notificationsOf(hal.id))[0].read_at).not.toBeNull();
  });
});

describe("revoking and re-sending", () => {
  it("only owners and admins of this organization can revoke or re-send", async () => {
    const { id } = await inviteOne(`${unique("p")}@example.test`);
    signInAs(w.member);
    expect(refused(await revokeInvitationAction(null, { org: w.org.slug, invitationId: id })).status).toBe(403);
    expect(refused(await resendInvitationAction(null, { org: w.org.slug, invitationId: id })).status).toBe(403);
    // Another org's admin, through their own org: not found.
    signInAs(w.outsider);
    expect(refused(await revokeInvitationAction(null, { org: w.otherOrg.slug, invitationId: id })).status).toBe(404);
    expect(refused(await resendInvitationAction(null, { org: w.otherOrg.slug, invitationId: id })).status).toBe(404);
    expect((await invitationRow(id)).status).toBe("pending");
    signInAs(w.owner);
    ok(await resendInvitationAction(null, { org: w.org.slug, invitationId: id }));
    ok(await revokeInvitationAction(null, { org: w.org.slug, invitationId: id }));
    expect((await invitationRow(id)).status).toBe("revoked");
  });
});
