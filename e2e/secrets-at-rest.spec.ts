import { createHash } from "node:crypto";
import { expect, test } from "./fixtures";
import { scanAtRest, tokenForms } from "../tests/at-rest-scan";
import { e2eSql } from "./db";
import { createOrg, signUp, uniqueName } from "./helpers";
import { linkIn, mailTo } from "./mail";

test("after delivery through SMTP, no table holds a usable invitation, verification or reset link", async ({ page, browser }) => {
  // Several browsers and waits for delivered mail: more than the default minute on a busy machine.
  test.slow();
  const username = uniqueName("rest");
  const email = `${username}@example.test`;
  await signUp(page, username, email, { verify: false });
  const verify = linkIn(await mailTo(email, /^Verify your e-mail address/), "verify-email");
  await page.goto(verify);
  await page.getByRole("button", { name: "Verify my e-mail address" }).click();
  await expect(page.getByRole("status")).toContainText("is verified");

  const slug = uniqueName("rest").replace(/-/g, "_");
  await page.goto(`/${username}`);
  await createOrg(page, slug, "At Rest");
  const invitee = `${uniqueName("inv")}@example.test`;
  await page.goto(`/${slug}/settings/people`);
  await page.getByLabel("Usernames or e-mail addresses").fill(invitee);
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByRole("status")).toContainText(`Invited ${invitee}.`);
  const invite = linkIn(await mailTo(invitee), "invite");

  const guest = await (await browser.newContext()).newPage();
  await guest.goto("/forgot-password");
  await guest.getByLabel("E-mail").fill(email);
  await guest.getByRole("button", { name: "Send reset link" }).click();
  const reset = linkIn(await mailTo(email, /^Reset your Workbench password/), "reset-password");

  const sql = e2eSql();
  try {
    const query = (text: string, params: unknown[]) => sql.unsafe(text, params as never[]) as unknown as Promise<Record<string, unknown>[]>;
    const links = [verify, invite, reset];
    const tokens = links.map((l) => new URL(l).pathname.split("/").pop()!);
    // The sender marks a message sent right after the SMTP server took it: wait for that.
    await expect.poll(async () => (await sql`select count(*)::int as n from email_outbox where sealed_token is not null and "to" in (${email}, ${invitee})`)[0].n).toBe(0);
    const { findings, columnsScanned } = await scanAtRest(query, [...links, ...tokens.flatMap(tokenForms)]);
    expect(findings).toEqual([]);
    expect(columnsScanned).toBeGreaterThan(20);
    // The scan's positive control: the invitation's hash, which is meant to be stored, is found.
    const hash = createHash("sha256").update(tokens[1]).digest("hex");
    expect((await scanAtRest(query, [hash])).findings).toEqual([{ table: "invitations", column: "token_hash", needle: hash }]);
  } finally {
    await sql.end();
  }
  // And the links still work for the people they were sent to: the reset link, for one.
  await guest.goto(reset);
  await guest.getByLabel("New password").fill("a-brand-new-password");
  await guest.getByRole("button", { name: "Set new password" }).click();
  await expect(guest).toHaveURL(/\/signin\?reset=1$/);
});
