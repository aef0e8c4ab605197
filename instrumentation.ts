/**
 * Runs once per server process. The outbox sender lives here so that a plain `npm start` delivers
 * e-mail without a second process; it only starts in the Node.js runtime and with SMTP_URL set.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (!process.env.SMTP_URL) return;
  const { startOutboxSender } = await import("./lib/mail/sender-loop");
  startOutboxSender();
}
