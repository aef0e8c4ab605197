import { markRequestFailed } from "./lib/page-cache/verified-session";

/**
 * Runs once per server process: hands the page cache its session check (scripts/page-cache.mjs),
 * and starts the outbox sender so that a plain `npm start` delivers e-mail without a second
 * process (only in the Node.js runtime and with SMTP_URL set).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { registerPageCheck } = await import("./lib/page-cache/check");
  registerPageCheck();
  if (!process.env.SMTP_URL) return;
  const { startOutboxSender } = await import("./lib/mail/sender-loop");
  startOutboxSender();
}

/**
 * A page whose rendering failed anywhere, even inside a streamed part, is never kept. Marked at
 * once (no import to wait for), before the response can finish.
 */
export function onRequestError(): void {
  markRequestFailed();
}
