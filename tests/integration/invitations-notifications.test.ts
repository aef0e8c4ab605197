import { describe, expect, it } from "vitest";
import { declineInvitationAction } from "@/lib/actions/invitations/decline";
import { inviteAction } from "@/lib/actions/invitations/invite";
import { revokeInvitationAction } from "@/lib/actions/invitations/revoke";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/actions/notifications/mark-read";
import { listNotifications, unreadNotificationCount } from "@/lib/data/notifications";
import { makeOrg, makeUser, makeWorld } from "../factories";
import { signInAs } from "../setup/session";
import { ok, refused } from "./invitations-helpers";

describe("notifications", () => {
  it("lists newest first with the unread count; an invitation offers its answer only while it is open", async () => {
    const w = await makeWorld();
    const other = await makeOrg(w.outsider, { displayName: "Second org" });
    const kim = await makeUser();
    signInAs(w.admin);
    const first = ok(await inviteAction(null, { org: w.org.slug, invitees: kim.username, role: "member" })).invited[0];
    signInAs(w.outsider);
    const second = ok(await inviteAction(null, { org: other.slug, invitees: kim.email, role: "admin" })).invited[0];

    expect(await unreadNotificationCount(kim.id)).toBe(2);
    let list = await listNotifications(kim.id);
    expect(list.map((n) => [n.title, n.openInvitationId, n.invitationOrgName])).toEqual([
      [`${w.outsider.username} invited you to join Second org`, second.id, "Second org"],
      [`${w.admin.username} invited you to join Test org`, first.id, "Test org"],
    ]);

    signInAs(w.admin);
    ok(await revokeInvitationAction(null, { org: w.org.slug, invitationId: first.id }));
    list = await listNotifications(kim.id);
    expect(list.map((n) => n.openInvitationId)).toEqual([second.id, null]);
  });

  it("marks one as read only for its owner, and all at once", async () => {
    const w = await makeWorld();
    const [lee, max] = [await makeUser(), await makeUser()];
    signInAs(w.admin);
    ok(await inviteAction(null, { org: w.org.slug, invitees: `${lee.username}, ${max.username}`, role: "member" }));
    const [leeNote] = await listNotifications(lee.id);
    signInAs(max);
    expect(refused(await markNotificationReadAction(null, { notificationId: leeNote.id })).status).toBe(404);
    expect(await unreadNotificationCount(lee.id)).toBe(1);
    signInAs(lee);
    ok(await markNotificationReadAction(null, { notificationId: leeNote.id }));
    expect(await unreadNotificationCount(lee.id)).toBe(0);
    expect((await listNotifications(lee.id))[0].readAt).not.toBeNull();
    // Max declines: the inviter hears about it, and reads everything in one go.
    signInAs(max);
    ok(await declineInvitationAction(null, { invitationId: (await listNotifications(max.id))[0].openInvitationId! }));
    expect(await unreadNotificationCount(max.id)).toBe(0);
    expect(await unreadNotificationCount(w.admin.id)).toBe(1);
    signInAs(w.admin);
    expect(ok(await markAllNotificationsReadAction(null, {})).marked).toBe(1);
    expect(await unreadNotificationCount(w.admin.id)).toBe(0);
  });
});
