import { expect, test, type APIRequestContext } from "@playwright/test";
import { PASSWORD, signUp, uniqueName } from "./helpers";

// Each test signs up (argon2) and drives several pages: on the shared 2-core machine that can
// take minutes, so these get more than the default minute.
test.describe.configure({ timeout: 240_000 });

// callbackUrl values an attacker might send, as they would be typed into the query string
// (each is percent-encoded once on the way, so raw control characters arrive as such).
const HOSTILE = [
  "/\t/evil.test/phish",
  "/%09/evil.test/phish",
  "/\r\n/evil.test",
  "/ok\r\nSet-Cookie: a=b",
  "/%0d%0aSet-Cookie:%20a=b",
  "//evil.test",
  "///evil.test",
  "/\\evil.test",
  "/\\/evil.test",
  "\\\\evil.test",
  "/%5C%5Cevil.test",
  "/%2F%2Fevil.test",
  "%2F%2Fevil.test",
  "/.//evil.test",
  "https://evil.test/",
  "https:/evil.test",
  "http:evil.test",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "/über/日本",
  "/\u2028evil",
  "\u0000/evil.test",
  "/%250D%250Aevil",
];

/** A same-origin path a browser cannot read as another site: ASCII, no controls, no "//" or "\". */
function expectSameOriginPath(target: string, baseURL: string) {
  expect(target, target).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
  expect(target).not.toContain("\\");
  expect(new URL(target, baseURL).origin).toBe(new URL(baseURL).origin);
}

const query = (value: string) => `callbackUrl=${encodeURIComponent(value)}`;

async function formTarget(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path, { maxRedirects: 0 });
  expect(response.status(), path).toBe(200);
  const match = (await response.text()).match(/name="callbackUrl" value="([^"]*)"/);
  expect(match, path).not.toBeNull();
  return match![1].replaceAll("&amp;", "&");
}

test("signed out: every hostile callbackUrl is answered without a 5xx and the forms carry a same-origin path", async ({ request, baseURL }) => {
  for (const value of HOSTILE) {
    expectSameOriginPath(await formTarget(request, `/signin?${query(value)}`), baseURL!);
    expectSameOriginPath(await formTarget(request, `/signup?${query(value)}`), baseURL!);
    const viaAuthJs = await request.get(`/api/auth/signin?${query(value)}`, { maxRedirects: 0 });
    expect(viaAuthJs.status(), value).toBeLessThan(500);
  }
});

test("signed in: every hostile callbackUrl redirects to a same-origin path, never a 5xx", async ({ page, baseURL }) => {
  const username = uniqueName("redir");
  await signUp(page, username);
  for (const value of HOSTILE) {
    for (const path of ["/signin", "/signup"]) {
      const response = await page.request.get(`${path}?${query(value)}`, { maxRedirects: 0 });
      expect(response.status(), `${path} ${JSON.stringify(value)}`).toBeGreaterThanOrEqual(300);
      expect(response.status(), `${path} ${JSON.stringify(value)}`).toBeLessThan(400);
      expectSameOriginPath(response.headers()["location"], baseURL!);
    }
  }
  // Positive control: a real same-origin callbackUrl is kept.
  const kept = await page.request.get(`/signin?${query(`/${username}?tab=projects`)}`, { maxRedirects: 0 });
  expect(kept.headers()["location"]).toBe(`/${username}?tab=projects`);
});

test("signing in through the form with the tab trick lands on this site", async ({ page, baseURL }) => {
  const username = uniqueName("tab");
  await signUp(page, username);
  await page.context().clearCookies();
  await page.goto(`/signin?${query("/\t/evil.test/phish")}`);
  await page.getByLabel("Username or e-mail").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});
