import { expect, test } from "./fixtures";
import { churnCsv, predictRiskyMember } from "./churn";
import { createOrg, createProject, joinByInvitation, pickFrom, signUp, signUpFromInvitation, uniqueName } from "./helpers";
import { mailTo } from "./mail";

// Everything here goes through the pages, as people would: no database arranging at all.

test("from an e-mailed invitation to work in a private project, until the owner removes them", async ({ page, browser }) => {
  // The whole path from invitation to removal, with a training and a run: far longer than one step.
  test.setTimeout(180_000);
  const owner = uniqueName("owner");
  const slug = uniqueName("journey").replace(/-/g, "_");
  const username = uniqueName("analyst");
  const email = `${username}@example.test`;
  await signUp(page, owner);
  await createOrg(page, slug, "Journey Analytics");

  // The owner invites an e-mail address; the invitee reads the e-mail and signs up from its link.
  await page.goto(`/${slug}/settings/people`);
  await page.getByLabel("Usernames or e-mail addresses").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Member" });
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByRole("status")).toContainText(`Invited ${email}.`);
  const mail = await mailTo(email);
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/.exec(mail.body)?.[0];
  expect(link).toBeTruthy();

  const invitee = await (await browser.newContext()).newPage();
  await signUpFromInvitation(invitee, link!, username);
  await invitee.getByRole("button", { name: "Accept the invitation to Journey Analytics" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/${slug}$`));
  await expect(invitee.getByText("Organization · you are member")).toBeVisible();

  // The owner creates a private project and gives the new member write on it.
  await createProject(page, slug, "Member Churn", "Private");
  await expect(page).toHaveURL(new RegExp(`/${slug}/member-churn$`));
  await page.getByRole("link", { name: "People", exact: true }).click();
  await pickFrom(page, "Organization member", username);
  await page.getByLabel("Level", { exact: true }).selectOption("write");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("row", { name: username })).toContainText("direct grant (write)");

  // The member uploads a CSV, trains a model on it and predicts.
  const projectUrl = `/${slug}/member-churn`;
  await invitee.goto(`/${slug}`);
  await invitee.getByRole("article", { name: "Member Churn" }).getByRole("link", { name: "Member Churn" }).click();
  await expect(invitee.getByTestId("project-access")).toHaveText(/Your access: write — direct grant \(write\)/);
  await invitee.getByRole("link", { name: "Upload dataset" }).click();
  await invitee.getByLabel("CSV file").setInputFiles({ name: "gym-churn.csv", mimeType: "text/csv", buffer: Buffer.from(churnCsv()) });
  await invitee.getByLabel("Name").fill("Gym churn");
  await invitee.getByRole("button", { name: "Upload dataset" }).click();
  await expect(invitee.getByRole("heading", { name: "Gym churn" })).toBeVisible();
  // Each column drawn: a histogram for numbers, bars for categories.
  await expect(invitee.getByRole("img", { name: /^Histogram of visits_per_week\. 0 to / })).toBeVisible();
  await expect(invitee.getByRole("img", { name: /^plan\. (basic|standard|premium): \d+; / })).toBeVisible();
  await invitee.getByRole("link", { name: "Train a model on it" }).click();
  // A double click trains one model, not two.
  await invitee.getByRole("button", { name: "Train model" }).dblclick();
  await expect(invitee.getByRole("heading", { name: "Gym churn: churned tree" })).toBeVisible();
  await expect(invitee.getByText("240 rows of “Gym churn” (60 held out)")).toBeVisible();
  await expect(invitee.getByText(/fitted in \d+\.\d s/)).toBeVisible();
  await predictRiskyMember(invitee);
  await invitee.goto(`${projectUrl}/new/run`);
  await invitee.getByLabel("Name").fill("First run");
  await invitee.getByLabel("Take parameters and metrics from a model").selectOption({ label: "Gym churn: churned tree" });
  await invitee.getByRole("button", { name: "Record run" }).click();
  await expect(invitee.getByRole("heading", { name: "First run" })).toBeVisible();
  await expect(invitee.getByRole("img", { name: /^Metrics\. holdout_accuracy: 0\.\d+; baseline_accuracy: 0\.\d+$/ })).toBeVisible();
  await invitee.goto(projectUrl);
  await expect(invitee.getByRole("link", { name: "Gym churn: churned tree" })).toHaveCount(1);

  // The owner removes them from the People page.
  await page.goto(`/${slug}/settings/people`);
  await page.getByRole("row", { name: username }).getByRole("button", { name: `Remove ${username}` }).click();
  const dialog = page.getByRole("dialog", { name: `Remove ${username}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByRole("row", { name: username })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("row", { name: username })).toHaveCount(0);

  // Their next request finds nothing; what they made stays, marked as a former member's.
  expect((await invitee.goto(projectUrl))?.status()).toBe(404);
  // The organization's page shows an outsider only what is public: here, nothing.
  await invitee.goto(`/${slug}`);
  await expect(invitee.getByText("Organization · you are member")).toHaveCount(0);
  await expect(invitee.getByRole("article", { name: "Member Churn" })).toHaveCount(0);
  await page.goto(projectUrl);
  const datasetRow = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Gym churn", exact: true }) });
  await expect(datasetRow).toContainText(`by ${username} former member`);
  await expect(page.getByRole("link", { name: "Gym churn: churned tree" })).toBeVisible();
  await expect(page.getByRole("region", { name: /Predictions/ })).toContainText("former member");
});

test("a member leaves the organization from the People page; Escape first cancels", async ({ page, browser }) => {
  const member = uniqueName("leaver");
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signUp(memberPage, member);
  const owner = uniqueName("owner");
  const slug = uniqueName("leaving").replace(/-/g, "_");
  await signUp(page, owner);
  await createOrg(page, slug, "Leaving Labs");
  await joinByInvitation(page, slug, [[member, "Member"]]);

  await memberPage.goto(`/${slug}/settings/people`);
  const own = memberPage.getByRole("row", { name: member });
  const leave = own.getByRole("button", { name: "Leave organization" });
  const dialog = memberPage.getByRole("dialog", { name: "Leave this organization?" });
  // Escape closes the question and nothing is sent.
  await leave.click();
  await expect(dialog).toBeVisible();
  await memberPage.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(leave).toBeFocused();
  await memberPage.reload();
  await expect(memberPage.getByRole("row", { name: member })).toBeVisible();

  await memberPage.getByRole("row", { name: member }).getByRole("button", { name: "Leave organization" }).click();
  await dialog.getByRole("button", { name: "Leave", exact: true }).click();
  await expect(memberPage).toHaveURL((url) => !url.pathname.startsWith(`/${slug}`));
  expect((await memberPage.goto(`/${slug}/settings/people`))?.status()).toBe(404);

  await page.goto(`/${slug}/settings/people`);
  await expect(page.getByRole("row", { name: owner })).toBeVisible();
  await expect(page.getByRole("row", { name: member })).toHaveCount(0);
  // The owner cannot leave: the button says why instead of doing nothing.
  await expect(page.getByRole("row", { name: owner }).getByRole("button", { name: "Leave organization" })).toBeDisabled();
  await expect(page.getByText("The owner cannot leave: transfer ownership first.")).toBeVisible();
});
