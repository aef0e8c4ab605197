import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT || 3100);
const chromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    // A browser far from the server's UTC and English: anything rendered from the clock, the
    // time zone or the locale then differs from the server HTML, and the hydration error fails
    // the test (e2e/fixtures.ts).
    timezoneId: "Pacific/Kiritimati",
    locale: "de-DE",
    launchOptions: existsSync(chromium)
      ? {
          executablePath: chromium,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        }
      : undefined,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://localhost:${PORT}/signin`,
    timeout: 600_000, // the build runs first when sources changed: minutes on a busy 2-core machine
    reuseExistingServer: false,
    env: { PORT: String(PORT), HOST: "127.0.0.1" },
    stdout: "pipe",
  },
});
