import { expect, test } from "./fixtures";

// The watch in fixtures.ts is what makes every other spec fail on a browser error: this proves
// it sees each kind of error (and `allow` then keeps this test itself green).

test("the browser-error watch records a hydration mismatch, console and page errors, and a 5xx answer", async ({ page, browserErrors }) => {
  // Positive control: a clean page records nothing.
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(browserErrors.list()).toEqual([]);

  // The server's HTML says one thing and React renders another: a hydration mismatch.
  await page.route("**/signin", async (route) => {
    if (route.request().resourceType() !== "document") return route.continue();
    const response = await route.fetch();
    const html = (await response.text()).replace("Username or e-mail", "Username or email");
    await route.fulfill({ response, body: html });
  });
  await page.goto("/signin");
  await expect.poll(() => browserErrors.list().some((m) => /hydrat|Minified React error #418/i.test(m))).toBe(true);
  browserErrors.allow(/hydrat|Minified React error #418/i);
  await page.unroute("**/signin");

  await page.route("**/e2e-broken", (route) => route.fulfill({ status: 503, body: "down" }));
  await page.evaluate(async () => {
    console.error("something broke");
    await fetch("/e2e-broken");
    setTimeout(() => {
      throw new Error("uncaught in the page");
    });
  });
  const recorded = () => browserErrors.list().join("\n");
  await expect.poll(recorded).toMatch(/^console error on \S+: something broke$/m);
  await expect.poll(recorded).toMatch(/^HTTP 503 for GET \S+\/e2e-broken$/m);
  await expect.poll(recorded).toMatch(/^page error on \S+: Error: uncaught in the page/m);
  browserErrors.allow(/something broke|e2e-broken|status of 503|uncaught in the page/);
  expect(browserErrors.list()).toEqual([]);
});
