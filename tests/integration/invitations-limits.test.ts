import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { acceptInvitationAction } from "@/lib/actions/invitations/accept";
import { inviteAction } from "@/lib/actions/invitations/invite";
import { resendInvitationAction } from "@/lib/actions/invitations/resend";
import { revokeInvitationAction } from "@/lib/actions/invitations/revoke";
import { addMember, db, makeOrg, makeUser, roleOf, unique } from "../factories";
import { as, signInAs } from "../setup/session";
import { invitationRow, ok, refused, tokenOf } from "./invitations-helpers";
import { queuedBehind, secondConnection } from "./race-helpers";

const pg = secondConnection();

const mail = () => `${unique("s")}@example.test`;

async function pendingCount(orgId: string): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(await db(), sql`select count(*)::int as n from invitations where org_id = ${orgId}::uuid and status = 'pending'`);
  return n;
}

describe("seats", () => {
  let owner: Awaited<ReturnType<typeof makeUser>>;
  let admin: Awaited<ReturnType<typeof makeUser>>;
  let org: Awaited<ReturnType<typeof makeOrg>>;

  beforeEach(async () => {
    // 1 + 5 = 6 seats; owner, admin, two members: 4 used.
    owner = await makeUser();
    admin = await makeUser();
    org = await makeOrg(owner, { additionalSeats: 5 });
    await addMember(org, admin, "admin");
    await addMember(org, await makeUser(), "member");
    await addMember(org, await makeUser(), "member");
    signInAs(admin);
  });

  it("pending invitations hold a seat: past the seat count nobody is invited, with the numbers and who can add seats", async () => {
    const tooMany = refused(await inviteAction(null, { org: org.slug, invitees: [mail(), mail(), mail()].join(","), role: "member" }));
    expect(tooMany.error).toBe("Only 2 of 6 seats are free (4 members, 0 pending invitations), and you are inviting 3 people. The owner can add seats in Billing.");
    expect(await pendingCount(org.id)).toBe(0);
    ok(await inviteAction(null, { org: org.slug, invitees: `${mail()}\n${mail()}`, role: "member" }));
    const full = refused(await inviteAction(null, { org: org.slug, invitees: mail(), role: "member" }));
    expect([full.status, full.error]).toEqual([409, "All 6 seats are in use (4 members, 2 pending invitations). The owner can add seats in Billing."]);
    signInAs(owner);
    expect(refused(await inviteAction(null, { org: org.slug, invitees: mail(), role: "member" })).error).toMatch(/You can add seats in Billing\.$/);
  });

  it("expired and revoked invitations give their seat back; re-sending an expired one takes it again", async () => {
    const { invited } = ok(await inviteAction(null, { org: org.slug, invitees: `${mail()},${mail()}`, role: "member" }));
    await (await db()).execute(sql`update invitations set expires_at = now() - interval '1 hour' where id = ${invited[0].id}::uuid`);
    ok(await revokeInvitationAction(null, { org: org.slug, invitationId: invited[1].id }));
    ok(await inviteAction(null, { org: org.slug, invitees: `${mail()},${mail()}`, role: "member" }));
    // Full again: the expired invitation cannot be revived past the seat count…
    expect(refused(await resendInvitationAction(null, { org: org.slug, invitationId: invited[0].id })).error).toMatch(/^All 6 seats are in use/);
    // …until a seat is free.
    await (await db()).execute(sql`update organizations set additional_seats = 6 where id = ${org.id}::uuid`);
    ok(await resendInvitationAction(null, { org: org.slug, invitationId: invited[0].id }));
  });

  it("accepting uses the seat the invitation held: a full organization still lets its invitees in", async () => {
    const carol = await makeUser();
    const { invited } = ok(await inviteAction(null, { org: org.slug, invitees: `${carol.email},${mail()}`, role: "member" }));
    signInAs(carol);
    ok(await acceptInvitationAction(null, { token: tokenOf(invited[0].link) }));
    expect(await roleOf(org.id, carol.id)).toBe("member");
  });

  it("refuses to accept when the owner cut the seats below what is used since", async () => {
    const dan = await makeUser();
    const { invited } = ok(await inviteAction(null, { org: org.slug, invitees: dan.email, role: "member" }));
    await (await db()).execute(sql`update organizations set additional_seats = 3 where id = ${org.id}::uuid`);
    signInAs(dan);
    const r = refused(await acceptInvitationAction(null, { token: tokenOf(invited[0].link) }));
    expect(r.error).toMatch(/has no free seat for you right now/);
    expect((await invitationRow(invited[0].id)).status).toBe("pending");
    await (await db()).execute(sql`update organizations set additional_seats = 4 where id = ${org.id}::uuid`);
    ok(await acceptInvitationAction(null, { token: tokenOf(invited[0].link) }));
  });

  it("two admins inviting at once cannot both take the last seat", async () => {
    const admin2 = await makeUser();
    await addMember(org, admin2, "admin");
    // 5 of 6 used now: one seat left.
    // Both wait on the organization row before either counts seats: the race really happens.
    const { waiting, results } = await queuedBehind(pg, org.id, async () => {},
      [admin, admin2].map((a) => () => as(a, () => inviteAction(null, { org: org.slug, invitees: mail(), role: "member" }))));
    expect(waiting).toBe(2);
    expect(results.map((r) => r.ok || r.status)).toEqual([true, 409]);
    expect(await pendingCount(org.id)).toBe(1);
  });
});

describe("rate limits", () => {
  it("refuses past the per-inviter limit for this hour, and another inviter still can", async () => {
    const owner = await makeUser();
    const [a, b] = [await makeUser(), await makeUser()];
    const org = await makeOrg(owner, { additionalSeats: 100 });
    await addMember(org, a, "admin");
    await addMember(org, b, "admin");
    await (await db()).execute(sql`insert into rate_limits (key, window_start, count) values (${`invite:user:${a.id}`}, now(), 19)`);
    signInAs(a);
    ok(await inviteAction(null, { org: org.slug, invitees: mail(), role: "member" }));
    const r = refused(await inviteAction(null, { org: org.slug, invitees: mail(), role: "member" }));
    expect([r.status, r.error]).toEqual([429, expect.stringMatching(/^You can send at most 20 invitations per hour\. Try again in \d+ minutes\.$/)]);
    // A refusal does not consume the allowance; re-sending counts like inviting.
    const [{ count }] = await rows<{ count: number }>(await db(), sql`select count from rate_limits where key = ${`invite:user:${a.id}`}`);
    expect(count).toBe(20);
    signInAs(b);
    ok(await inviteAction(null, { org: org.slug, invitees: mail(), role: "member" }));
  });

  it("refuses past the per-organization limit, whoever invites; an old window starts over", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner, { additionalSeats: 100 });
    await (await db()).execute(sql`insert into rate_limits (key, window_start, count) values (${`invite:org:${org.id}`}, now(), 49)`);
    signInAs(owner);
    expect(refused(await inviteAction(null, { org: org.slug, invitees: `${mail()},${mail()}`, role: "member" })).error).toMatch(
      /^This organization can send at most 50 invitations per hour/,
    );
    ok(await inviteAction(null, { org: org.slug, invitees: mail(), role: "member" }));
    await (await db()).execute(sql`update rate_limits set window_start = now() - interval '61 minutes' where key = ${`invite:org:${org.id}`}`);
    ok(await inviteAction(null, { org: org.slug, invitees: `${mail()},${mail()}`, role: "member" }));
  });
});
