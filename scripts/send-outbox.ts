// One delivery pass over the e-mail outbox, for operators: after fixing SMTP_URL, or from cron
// when the server's own loop is not wanted. Run: node --conditions=react-server --import tsx scripts/send-outbox.ts
// (With the embedded PGlite database, stop the server first: only one process may open it.)
import { openDb } from "../db/client";
import { deliverDue, smtpTransport } from "../lib/mail/sender";
import { mailSettings } from "../lib/mail/settings";

const settings = mailSettings();
if (!settings.smtpUrl) {
  console.error("SMTP_URL is not set: messages stay in the outbox until it is.");
  process.exit(1);
}
const handle = await openDb();
const transport = smtpTransport(settings.smtpUrl);
try {
  const total = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const report = await deliverDue(handle.db, { transport, from: settings.from, maxAttempts: settings.maxAttempts });
    total.sent += report.sent;
    total.retrying += report.retrying;
    total.failed += report.failed;
    if (report.sent + report.retrying + report.failed === 0) break;
  }
  console.log(`Outbox: ${total.sent} sent, ${total.retrying} to retry later, ${total.failed} given up.`);
} finally {
  transport.close();
  await handle.close();
}
