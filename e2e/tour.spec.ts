import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { churnCsv, predictRiskyMember } from "./churn";
import { joinOrg } from "./db";
import { expect, test } from "./fixtures";
import { createOrg, createProject, signUp, uniqueName } from "./helpers";

/**
 * Every page of the app, opened by each kind of visitor: the answer each one must get, no
 * browser error (the fixture), no serious or critical accessibility violation, and every dialog
 * usable from the keyboard. The roles are arranged in the database (`joinOrg`): this tour is
 * about pages, not about how people joined (e2e/journey.spec.ts walks that through the UI).
 */

const ROLES = ["owner", "admin", "member", "restricted", "external", "outsider", "anonymous"] as const;
type Role = (typeof ROLES)[number];
/** 200: the page; 404: not found; "signin": sent to sign in and back. */
type Expected = 200 | 404 | "signin";
type Row = Record<Role, Expected>;

const row = (owner: Expected, admin: Expected, member: Expected, restricted: Expected, external: Expected, outsider: Expected, anonymous: Expected): Row =>
  ({ owner, admin, member, restricted, external, outsider, anonymous });

interface World {
  users: Record<Exclude<Role, "anonymous">, string>;
  sessions: Partial<Record<Role, Awaited<ReturnType<BrowserContext["storageState"]>>>>;
  slug: string;
  invitation: string;
  resources: { dataset: string; model: string; prediction: string; run: string; endpoint: string };
  openDataset: string;
}

// Project names, and who may see each: "Secret" is private with read grants for the restricted
// member and the external collaborator; "Shared" is organization-visible; "Open" is public.
function pages(w: World): [path: string, expected: Row][] {
  const o = `/${w.slug}`;
  const members = (rest: Expected) => row(200, 200, 200, 200, rest, rest, "signin");
  const secret = `${o}/secret`;
  const shared = `${o}/shared`;
  const open = `${o}/open`;
  const secretRow = row(200, 200, 404, 200, 200, 404, 404);
  const secretCreate = row(200, 200, 404, 200, 200, 404, "signin");
  const sharedRow = row(200, 200, 200, 200, 404, 404, 404);
  const sharedCreate = row(200, 200, 200, 200, 404, 404, "signin");
  const everyone = row(200, 200, 200, 200, 200, 200, 200);
  const signedIn = row(200, 200, 200, 200, 200, 200, "signin");
  const r = (id: string) => `${shared}/r/${id}`;
  return [
    ["/notifications", signedIn],
    ["/settings", signedIn],
    ["/organizations/new", signedIn],
    [`/invite/${w.invitation}`, everyone],
    // Someone else's personal workspace shows its public projects only, like an org page.
    [`/${w.users.owner}`, row(200, 200, 200, 200, 200, 200, "signin")],
    // A non-member sees the organization's public projects only (like a public org page).
    [o, row(200, 200, 200, 200, 200, 200, "signin")],
    [`${o}/new`, members(404)],
    [`${o}/settings`, members(404)],
    [`${o}/settings/people`, members(404)],
    [`${o}/settings/teams`, members(404)],
    [`${o}/settings/permissions`, members(404)],
    [`${o}/settings/billing`, members(404)],
    [`${o}/settings/audit`, members(404)],
    [`${o}/settings/roles`, members(404)],
    [`${o}/settings/danger`, members(404)],
    [secret, secretRow],
    [`${secret}/people`, secretRow],
    [`${secret}/settings`, secretRow],
    [`${secret}/new/dataset`, secretCreate],
    [`${secret}/new/model`, secretCreate],
    [`${secret}/new/run`, secretCreate],
    [shared, sharedRow],
    [`${shared}/people`, sharedRow],
    [`${shared}/settings`, sharedRow],
    [`${shared}/new/dataset`, sharedCreate],
    [`${shared}/new/model`, sharedCreate],
    [`${shared}/new/run`, sharedCreate],
    [r(w.resources.dataset), sharedRow],
    [`${r(w.resources.dataset)}/edit`, sharedRow],
    [`${r(w.resources.dataset)}/delete`, sharedRow],
    [r(w.resources.model), sharedRow],
    [r(w.resources.prediction), sharedRow],
    [r(w.resources.run), sharedRow],
    [r(w.resources.endpoint), sharedRow],
    [open, everyone],
    [`${open}/people`, everyone],
    [`${open}/settings`, everyone],
    [`${open}/new/dataset`, signedIn],
    [`${open}/r/${w.openDataset}`, everyone],
  ];
}

/** The id of the resource page the browser is on. */
const resourceId = (page: Page) => /\/r\/([^/?#]+)/.exec(page.url())![1];

async function buildWorld(browser: Browser): Promise<World> {
  const users = {
    owner: uniqueName("t-owner"), admin: uniqueName("t-admin"), member: uniqueName("t-member"),
    restricted: uniqueName("t-restr"), external: uniqueName("t-ext"), outsider: uniqueName("t-out"),
  };
  const sessions: World["sessions"] = {};
  let ownerContext: BrowserContext | null = null;
  for (const [role, username] of Object.entries(users) as [Exclude<Role, "anonymous">, string][]) {
    const context = await browser.newContext();
    await signUp(await context.newPage(), username);
    sessions[role] = await context.storageState();
    if (role === "owner") ownerContext = context;
    else await context.close();
  }
  const page = ownerContext!.pages()[0];
  const slug = uniqueName("tour").replace(/-/g, "_");
  await createOrg(page, slug, "Tour Org");
  await joinOrg(slug, [[users.admin, "admin"], [users.member, "member"], [users.restricted, "restricted"]]);

  await page.goto(`/${slug}/settings/permissions`);
  await page.getByRole("checkbox", { name: "Allow public projects" }).check();
  await page.getByRole("checkbox", { name: "Allow external collaborators" }).check();
  await page.getByRole("button", { name: "Save permissions" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await createProject(page, slug, "Secret", "Private");
  await expect(page).toHaveURL(new RegExp(`/${slug}/secret$`));
  await page.getByRole("link", { name: "People", exact: true }).click();
  await page.getByLabel("Organization member").selectOption({ label: users.restricted });
  await page.getByLabel("Level", { exact: true }).selectOption("read");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("row", { name: users.restricted })).toBeVisible();
  await page.getByLabel("Or an external collaborator's username").fill(users.external);
  await page.getByLabel("Level", { exact: true }).selectOption("read");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("row", { name: users.external })).toBeVisible();

  await createProject(page, slug, "Shared", "Organization");
  await expect(page).toHaveURL(new RegExp(`/${slug}/shared$`));
  await page.goto(`/${slug}/shared/new/dataset`);
  await page.getByLabel("CSV file").setInputFiles({ name: "churn.csv", mimeType: "text/csv", buffer: Buffer.from(churnCsv(120)) });
  await page.getByLabel("Name").fill("Churn");
  await page.getByRole("button", { name: "Upload dataset" }).click();
  await expect(page.getByRole("heading", { name: "Churn" })).toBeVisible();
  const dataset = resourceId(page);
  await page.getByRole("link", { name: "Train a model on it" }).click();
  await page.getByRole("button", { name: "Train model" }).click();
  await expect(page.getByRole("heading", { name: "Churn: churned tree" })).toBeVisible();
  const model = resourceId(page);
  await predictRiskyMember(page);
  await page.getByRole("button", { name: "Deploy as endpoint" }).click();
  await expect(page).toHaveURL((url) => url.pathname.includes("/r/") && !url.pathname.endsWith(model));
  const endpoint = resourceId(page);
  await page.goto(`/${slug}/shared/new/run`);
  await page.getByLabel("Name").fill("Baseline run");
  await page.getByRole("textbox", { name: "Metrics" }).fill("accuracy = 0.8");
  await page.getByRole("button", { name: "Record run" }).click();
  await expect(page.getByRole("heading", { name: "Baseline run" })).toBeVisible();
  const run = resourceId(page);
  await page.goto(`/${slug}/shared`);
  await page.getByRole("region", { name: /Predictions/ }).getByRole("link").first().click();
  const prediction = resourceId(page);

  await createProject(page, slug, "Open", "Public");
  await expect(page).toHaveURL(new RegExp(`/${slug}/open$`));
  await page.goto(`/${slug}/open/new/dataset`);
  await page.getByLabel("CSV file").setInputFiles({ name: "open.csv", mimeType: "text/csv", buffer: Buffer.from(churnCsv(40)) });
  await page.getByLabel("Name").fill("Open churn");
  await page.getByRole("button", { name: "Upload dataset" }).click();
  await expect(page.getByRole("heading", { name: "Open churn" })).toBeVisible();
  const openDataset = resourceId(page);

  await page.goto(`/${slug}/settings/people`);
  await page.getByLabel("Usernames or e-mail addresses").fill(`${uniqueName("guest")}@example.test`);
  await page.getByRole("button", { name: "Send invitations" }).click();
  const link = await page.getByRole("textbox", { name: /^Invitation link for / }).inputValue();
  await ownerContext!.close();
  return { users, sessions, slug, invitation: new URL(link).pathname.split("/").pop()!, resources: { dataset, model, prediction, run, endpoint }, openDataset };
}

/** Every modal dialog the page offers opens on its button, keeps focus inside, and Escape closes it. */
async function checkDialogs(page: Page) {
  const triggers = page.locator('button[aria-haspopup="dialog"]:enabled');
  const count = await triggers.count();
  for (let i = 0; i < count; i++) {
    const trigger = triggers.nth(i);
    const name = await trigger.textContent();
    await trigger.focus();
    await page.keyboard.press("Enter");
    const dialog = page.locator("dialog[open]");
    await expect(dialog, `dialog of “${name}”`).toBeVisible();
    for (let tab = 0; tab < 4; tab++) {
      expect(await dialog.evaluate((d) => d.contains(document.activeElement)), `focus stays in the dialog of “${name}”`).toBe(true);
      await page.keyboard.press(tab % 2 ? "Shift+Tab" : "Tab");
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(trigger).toBeFocused();
  }
}

let world: World;
// One world per worker, and the roles in order in that worker: the world takes a while to make.
test.describe.configure({ mode: "default" });
test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  world = await buildWorld(browser);
});

for (const role of ROLES) {
  test(`page tour as ${role}`, async ({ browser }) => {
    test.setTimeout(300_000);
    const context = await browser.newContext({ storageState: world.sessions[role] });
    const page = await context.newPage();
    const answers: string[] = [];
    const problems: string[] = [];
    for (const [path, expected] of pages(world)) {
      const want = expected[role];
      const response = await page.goto(path);
      const status = response?.status();
      const onSignin = new URL(page.url()).pathname === "/signin";
      const got = onSignin && path !== "/signin" ? "signin" : status;
      answers.push(`${path}: ${got}`);
      if (got !== want) problems.push(`${path}: expected ${want}, got ${got}`);
      const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      for (const v of scan.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
        problems.push(`${path}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      }
      if (want === 200) await checkDialogs(page);
    }
    if (role === "anonymous") {
      for (const path of ["/signin", "/signup"]) {
        expect((await page.goto(path))?.status()).toBe(200);
        const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        for (const v of scan.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) problems.push(`${path}: ${v.impact} ${v.id}`);
      }
    }
    await test.info().attach(`answers as ${role}`, { body: answers.join("\n"), contentType: "text/plain" });
    expect(problems).toEqual([]);
    await context.close();
  });
}
