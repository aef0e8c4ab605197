import { dbHandle } from "@/lib/db";
import { mailSettings } from "./settings";
import { deliverDue, smtpTransport } from "./sender";

const key = Symbol.for("workbench.outboxSender");
type Holder = { [key]?: () => void };

/**
 * Delivers the outbox every few seconds inside the server process. Every instance may run one:
 * claims skip rows another instance holds, so nothing is sent twice by two senders.
 */
export function startOutboxSender(): () => void {
  const holder = globalThis as Holder;
  if (holder[key]) return holder[key]!;
  const settings = mailSettings();
  if (!settings.smtpUrl) return () => {};
  const transport = smtpTransport(settings.smtpUrl);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const { db } = await dbHandle();
      // Drain what is due now rather than one batch per tick, so a burst of invitations goes out quickly.
      for (let round = 0; round < 10; round++) {
        const report = await deliverDue(db, { transport, from: settings.from, maxAttempts: settings.maxAttempts });
        if (report.sent + report.retrying + report.failed === 0) break;
        if (report.retrying + report.failed > 0) console.warn("outbox: some messages could not be delivered", report);
      }
    } catch (err) {
      console.error("outbox: delivery round failed", err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, settings.pollMs);
  timer.unref();
  void tick();
  holder[key] = () => {
    clearInterval(timer);
    transport.close();
    delete holder[key];
  };
  return holder[key]!;
}
