import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/**
 * The `test` every spec imports: on every page opened in any browser context of the test (the
 * default one and those made with `browser.newContext()` / `browser.newPage()`), it records
 * - console errors, and React hydration warnings at any console level,
 * - uncaught page errors (React reports production hydration mismatches this way: #418 …),
 * - responses with status ≥ 500, and 4xx answers for scripts, styles, fonts and images,
 * and fails the test at its end if anything was recorded. A test that provokes an error on
 * purpose says which one with `browserErrors.allow(/pattern/)`.
 */
export interface BrowserErrors {
  /** Errors whose text matches `pattern` no longer fail this test. */
  allow(pattern: RegExp): void;
  /** What has been recorded so far (minus allowed ones). */
  list(): string[];
}

// A document answering 4xx is an expected page (404 for what one may not see) and Chromium logs
// it as a console error; broken assets are caught from the responses below instead.
const EXPECTED_CONSOLE = [/^Failed to load resource: the server responded with a status of 4\d\d/];
const HYDRATION = /hydrat|did not match|Minified React error #(418|419|421|422|423|425)\b/i;
const ASSET_TYPES = new Set(["script", "stylesheet", "font", "image"]);

function watch(context: BrowserContext, record: (message: string) => void) {
  const where = (page: Page | null) => (page ? ` on ${page.url()}` : "");
  context.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" && !EXPECTED_CONSOLE.some((re) => re.test(text))) record(`console error${where(msg.page())}: ${text}`);
    else if (msg.type() !== "error" && HYDRATION.test(text)) record(`hydration warning${where(msg.page())}: ${text}`);
  });
  context.on("weberror", (err) => record(`page error${where(err.page())}: ${err.error().stack ?? err.error().message}`));
  context.on("response", (res) => {
    const status = res.status();
    const type = res.request().resourceType();
    if (status >= 500) record(`HTTP ${status} for ${res.request().method()} ${res.url()}`);
    else if (status >= 400 && ASSET_TYPES.has(type)) record(`HTTP ${status} for ${type} ${res.url()}`);
  });
}

export const test = base.extend<{ browserErrors: BrowserErrors }>({
  browserErrors: [
    async ({ browser, context }, use, testInfo) => {
      const recorded: string[] = [];
      const allowed: RegExp[] = [];
      const record = (message: string) => {
        if (!allowed.some((re) => re.test(message))) recorded.push(message);
      };
      watch(context, record);
      // Contexts a test opens itself (a second person's browser) are watched the same way.
      const original = browser.newContext.bind(browser);
      const patched: Browser["newContext"] = async (options) => {
        const created = await original(options);
        watch(created, record);
        return created;
      };
      browser.newContext = patched;
      // `use` returns when the test has finished, passed or failed.
      await use({
        allow: (pattern) => {
          allowed.push(pattern);
          recorded.splice(0, recorded.length, ...recorded.filter((m) => !pattern.test(m)));
        },
        list: () => [...recorded],
      });
      browser.newContext = original;
      if (!recorded.length) return;
      await testInfo.attach("browser-errors", { body: recorded.join("\n"), contentType: "text/plain" });
      if (testInfo.status === testInfo.expectedStatus) {
        throw new Error(`The browser reported ${recorded.length} error(s):\n- ${recorded.join("\n- ")}`);
      }
    },
    { auto: true },
  ],
});

export { expect };
