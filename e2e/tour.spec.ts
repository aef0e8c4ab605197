import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { arrangeOrg, type ArrangedOrg } from "./arranged-org";
import { expect, test } from "./fixtures";
import { signIn } from "./helpers";
import { shapeOf } from "./page-shape";

/**
 * Every page of the app, opened by every kind of visitor, against one organization arranged
 * directly in the database (e2e/tour-arrange.ts says why). For each page the table says what
 * that visitor meets, transcribed from SPEC §2, §3 and §9:
 *   "200"    the page answers (read-only pages say there why a control is missing, SPEC §9),
 *   "404"    it answers 404, the same as a page that does not exist,
 *   "signin" a signed-out visitor is sent to the sign-in page.
 * Every page every visitor meets is also scanned with axe: no serious or critical accessibility
 * violation. A scan costs seconds here and most pages render alike for several visitors (the
 * account pages for anyone signed in, a project page for every admin of it, the 404 for everyone),
 * so a page is scanned once per way it renders: its shape (e2e/page-shape.ts) is the key, and a
 * shape a worker has already scanned is not scanned again. A role that sees a page with other
 * controls, notices or lists renders another shape, and that is scanned.
 *
 * The org: owner, admin, member (in the team "Analysts"), restricted member; a public project
 * "open-data" (baseline write for members, read for anyone) and a private one "secret-lab"
 * (owner admin, the team read, the external collaborator write); the churn example's resources of
 * every kind in each; a pending invitation. The outsider is signed in with no relation to it.
 */
type Outcome = "200" | "404" | "signin";
const ROLES = ["owner", "admin", "member", "restricted", "external", "outsider", "signed-out"] as const;

// One row per page: the outcome for owner, admin, member, restricted, external, outsider, signed-out.
// prettier-ignore
const TOUR: [page: string, ...outcomes: Outcome[]][] = [
  // The front door: "/" sends a signed-in visitor to their default workspace. The sign-in and
  // sign-up pages answer everyone; e-mailed links answer too, and say when they are not valid.
  ["/",                               "200",  "200",  "200",  "200",  "200",  "200",  "signin"],
  ["/signin",                         "200",  "200",  "200",  "200",  "200",  "200",  "200"],
  ["/signup",                         "200",  "200",  "200",  "200",  "200",  "200",  "200"],
  ["/forgot-password",                "200",  "200",  "200",  "200",  "200",  "200",  "200"],
  ["/reset-password/{stale}",         "200",  "200",  "200",  "200",  "200",  "200",  "200"],
  ["/verify-email/{stale}",           "200",  "200",  "200",  "200",  "200",  "200",  "signin"],
  // Organization pages. Outsiders and external collaborators see the public projects of /<org>.
  ["/{org}",                          "200",  "200",  "200",  "200",  "200",  "200",  "signin"],
  ["/{org}/new",                      "200",  "200",  "200",  "200", "404",  "404",  "signin"],
  ["/{org}/settings",                 "200",  "200", "200", "200", "404",  "404",  "signin"],
  ["/{org}/settings/people",          "200",  "200",  "200", "200", "404",  "404",  "signin"],
  ["/{org}/settings/teams",           "200",  "200",  "200", "200", "404",  "404",  "signin"],
  ["/{org}/settings/permissions",     "200",  "200",  "200", "200", "404",  "404",  "signin"],
  ["/{org}/settings/roles",           "200",  "200",  "200",  "200",  "404",  "404",  "signin"],
  ["/{org}/settings/billing",         "200",  "200", "200", "200", "404",  "404",  "signin"],
  ["/{org}/settings/audit",           "200",  "200",  "200", "200", "404",  "404",  "signin"],
  ["/{org}/settings/danger",          "200",  "200", "200", "200", "404",  "404",  "signin"],
  // A personal workspace answers any signed-in visitor (its projects are private to its owner).
  ["/{personal}",                     "200",  "200",  "200",  "200",  "200",  "200",  "signin"],
  // The public project: members (restricted too) get the baseline, write; anyone else reads.
  ["/{org}/open-data",                "200",  "200",  "200",  "200",  "200",  "200",  "200"],
  ["/{org}/open-data/people",         "200",  "200",  "200", "200", "200",  "200",  "200"],
  ["/{org}/open-data/settings",       "200",  "200",  "200", "200", "200", "200", "200"],
  ["/{org}/open-data/new/dataset",    "200",  "200",  "200",  "200",  "200", "200", "signin"],
  ["/{org}/open-data/new/model",      "200",  "200",  "200",  "200",  "200", "200", "signin"],
  ["/{org}/open-data/new/run",        "200",  "200",  "200",  "200",  "200", "200", "signin"],
  ["/{org}/open-data/r/{open:dataset}",        "200", "200", "200", "200", "200",  "200",  "200"],
  ["/{org}/open-data/r/{open:dataset}/edit",   "200", "200", "200", "200", "200", "200", "200"],
  ["/{org}/open-data/r/{open:dataset}/delete", "200", "200", "200", "200", "200", "200", "200"],
  // The private project: org owner/admin as admins, the member through the team (read), the
  // external collaborator by a direct grant (write); nobody else learns it exists, not even by
  // being asked to sign in first.
  ["/{org}/secret-lab",               "200",  "200",  "200",  "404",  "200",  "404",  "404"],
  ["/{org}/secret-lab/people",        "200",  "200",  "200", "404",  "200",  "404",  "404"],
  ["/{org}/secret-lab/settings",      "200",  "200",  "200", "404",  "200", "404",  "404"],
  ["/{org}/secret-lab/new/dataset",   "200",  "200",  "200", "404",  "200",  "404",  "404"],
  ["/{org}/secret-lab/new/model",     "200",  "200",  "200", "404",  "200",  "404",  "404"],
  ["/{org}/secret-lab/new/run",       "200",  "200",  "200", "404",  "200",  "404",  "404"],
  ["/{org}/secret-lab/r/{secret:dataset}",     "200", "200", "200", "404", "200",  "404",  "404"],
  ["/{org}/secret-lab/r/{secret:model}",       "200", "200", "200", "404", "200",  "404",  "404"],
  ["/{org}/secret-lab/r/{secret:run}",         "200", "200", "200", "404", "200",  "404",  "404"],
  ["/{org}/secret-lab/r/{secret:endpoint}",    "200", "200", "200", "404", "200",  "404",  "404"],
  ["/{org}/secret-lab/r/{secret:prediction}",  "200", "200", "200", "404", "200",  "404",  "404"],
  ["/{org}/secret-lab/r/{secret:model}/edit",  "200", "200", "200", "404", "200", "404",  "404"],
  ["/{org}/secret-lab/r/{secret:model}/delete","200", "200", "200", "404", "200", "404",  "404"],
  // Account pages are the signed-in user's own.
  ["/notifications",                  "200",  "200",  "200",  "200",  "200",  "200",  "signin"],
  ["/settings",                       "200",  "200",  "200",  "200",  "200",  "200",  "signin"],
  ["/settings/security",              "200",  "200",  "200",  "200",  "200",  "200",  "signin"],
  ["/settings/tokens",                "200",  "200",  "200",  "200",  "200",  "200",  "signin"],
  ["/organizations/new",              "200",  "200",  "200",  "200",  "200",  "200",  "signin"],
  // An invitation link opens for anyone (it then tells them whether it is theirs); so do the docs.
  ["{invite}",                        "200",  "200",  "200",  "200",  "200",  "200",  "200"],
  ["/docs/api",                       "200",  "200",  "200",  "200",  "200",  "200",  "200"],
];

let org: ArrangedOrg;
/** The shapes this worker has scanned, across every role's walk. */
const scannedShapes = new Set<string>();

// The two halves of the tour run side by side.
test.describe.configure({ mode: "parallel" });

// Each worker arranges an org of its own, so no test waits for another's.
test.beforeAll(() => {
  org = arrangeOrg();
});

function fill(path: string): string {
  return path
    .replace("{org}", org.slug)
    .replace("{personal}", org.users.owner.username)
    .replace("{invite}", org.invitePath)
    .replace("{stale}", "A".repeat(43))
    .replace(/\{(open|secret):(\w+)\}/, (_, p: string, kind: string) => org.resources[p === "open" ? "open-data" : "secret-lab"][kind as "dataset"]);
}

async function outcomeOf(page: Page, path: string, expected: Outcome): Promise<string> {
  const response = await page.goto(path);
  const atSignIn = (url = new URL(page.url())) => url.pathname === "/signin";
  // Below a layout that has already streamed (a public project's), the redirect to sign in is
  // carried out by the browser after the 200 answer: wait for it when it is the expected outcome.
  if (expected === "signin" && !atSignIn()) await page.waitForURL(atSignIn, { timeout: 5_000 }).catch(() => undefined);
  if (atSignIn() && path !== "/signin") return "signin";
  return String(response?.status());
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    // Violations only: collecting every passing node costs seconds per page on this machine.
    .options({ resultTypes: ["violations"] })
    .analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

// The tour in two halves, one a worker. Within a half the roles walk in turn, in one worker,
// the owner (who meets every control) first: a shape another role has already shown that worker
// is then not scanned again, and the halves share no page but the sign-in and 404 pages.
const GROUPS = [
  { name: "project pages", has: (template: string) => /open-data|secret-lab/.test(template) },
  { name: "organization, account and public pages", has: (template: string) => !/open-data|secret-lab/.test(template) },
];

for (const group of GROUPS) {
  test.describe(group.name, () => {
    test.describe.configure({ mode: "default" });
    for (const [column, role] of ROLES.entries()) {
      test(`the ${role} meets the ${group.name} as the table says, with no serious accessibility violation`, async ({ page }) => {
        // Twenty-odd pages, loaded and scanned: longer than one ordinary step.
        test.setTimeout(180_000);
        if (role !== "signed-out") await signIn(page, org.users[role as keyof ArrangedOrg["users"]].username);
        for (const [template, ...outcomes] of TOUR.filter(([t]) => group.has(t))) {
          // A row that lost a column would shift every visitor after it.
          expect(outcomes, template).toHaveLength(ROLES.length);
          const outcome = await outcomeOf(page, fill(template), outcomes[column]);
          expect.soft(outcome, `${role} on ${template}`).toBe(outcomes[column]);
          const shape = await shapeOf(page);
          if (scannedShapes.has(shape)) continue;
          scannedShapes.add(shape);
          expect.soft(await seriousViolations(page), `axe on ${template} as ${role}`).toEqual([]);
        }
      });
    }
  });
}
