import { expect, test } from "./fixtures";
import { e2eSql } from "./db";
import { createOrg, signUp, uniqueName } from "./helpers";
import { linkIn, mailTo } from "./mail";

// Issue 9's first hole: an account that only claims the invited address must neither see nor
// accept an e-mail invitation without its link; the verified owner of an address can.
test("an unverified squatter of the invited address sees no invitation and finds no usable link; the verified invitee accepts", async ({ page, browser }) => {
  // Several browsers and waits for delivered mail: more than the default minute on a busy machine.
  test.slow();
  const newhire = `${uniqueName("newhire")}@company.example`;
  const squatterName = uniqueName("squatter");
  const squatter = await (await browser.newContext()).newPage();
  await signUp(squatter, squatterName, newhire, { verify: false });

  const verifiedName = uniqueName("verified");
  const colleague = await (await browser.newContext()).newPage();
  await signUp(colleague, verifiedName);

  const owner = uniqueName("own");
  const slug = uniqueName("co").replace(/-/g, "_");
  await signUp(page, owner);
  await createOrg(page, slug, "Company");
  await page.goto(`/${slug}/settings/people`);
  await page.getByLabel("Usernames or e-mail addresses").fill(`${newhire}, ${verifiedName}@example.test`);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Admin" });
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByRole("status")).toContainText("Invited");
  // Delivered to the address's real inbox, which the squatter does not read.
  const link = linkIn(await mailTo(newhire, /invited you to join Company/), "invite");

  // By notification: nothing to see, nothing to accept.
  await squatter.goto("/notifications");
  await expect(squatter.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(squatter.getByRole("button", { name: /Accept the invitation/ })).toHaveCount(0);
  // Exact: the squatter's own address (…@company.example) is on the page and must not count.
  await expect(squatter.getByText("Company", { exact: true })).toHaveCount(0);
  await expect(squatter.getByText(/invited you to join/)).toHaveCount(0);

  // By link: no table holds it, and nothing token-shaped the outbox holds opens the invitation.
  const sql = e2eSql();
  try {
    const token = new URL(link).pathname.split("/").pop()!;
    const [{ n }] = await sql`select count(*)::int as n from email_outbox where text like ${`%${token}%`} or html like ${`%${token}%`} or sealed_token like ${`%${token}%`}`;
    expect(n).toBe(0);
    const stored = await sql`select coalesce(text, '') || ' ' || coalesce(html, '') as body from email_outbox where "to" = ${newhire}`;
    const candidates = stored.flatMap((r) => String(r.body).match(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g) ?? []);
    for (const candidate of candidates) {
      await squatter.goto(`/invite/${candidate}`);
      await expect(squatter.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
    }
  } finally {
    await sql.end();
  }
  await squatter.goto(`/${slug}`);
  await expect(squatter.getByText("Organization · you are admin")).toHaveCount(0);

  // Positive control: the account whose address is verified accepts from its notifications.
  await colleague.goto("/notifications");
  await colleague.getByRole("button", { name: "Accept the invitation to Company" }).click();
  await expect(colleague).toHaveURL(new RegExp(`/${slug}$`));
  await expect(colleague.getByText("Organization · you are admin")).toBeVisible();
});
