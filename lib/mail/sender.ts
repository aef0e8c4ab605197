import nodemailer, { type Transporter } from "nodemailer";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import { openToken } from "@/lib/crypto/sealed-token";
import { fillTokenSlot } from "./link-slot";

export interface DeliveryOptions {
  transport: Pick<Transporter, "sendMail">;
  from: string;
  maxAttempts: number;
  batchSize?: number;
  /**
   * How long a claimed message is kept from other senders. It must outlast one SMTP exchange
   * (the transport's timeouts), or a slow send could be claimed and sent twice.
   */
  leaseSeconds?: number;
  /** Seconds to wait before the next try after a failed attempt number `attempt` (1-based). */
  backoffSeconds?: (attempt: number) => number;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

interface Claimed {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  sealed_token: string | null;
  attempts: number;
}

/** 30 s, 1 min, 2 min … capped at one hour. */
export function defaultBackoff(attempt: number): number {
  return Math.min(30 * 2 ** (attempt - 1), 3600);
}

/** A transport with timeouts short enough for the lease, unless the URL sets its own. */
export function smtpTransport(smtpUrl: string): Transporter {
  const url = new URL(smtpUrl);
  for (const [key, ms] of [["connectionTimeout", 10_000], ["greetingTimeout", 10_000], ["socketTimeout", 30_000]] as const) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(ms));
  }
  return nodemailer.createTransport(url.toString());
}

/**
 * Delivers the outbox messages that are due, then returns.
 *
 * A message is claimed in its own short transaction (`FOR UPDATE SKIP LOCKED`, so several app
 * servers never claim the same row): the claim counts the attempt and pushes `next_attempt_at`
 * past a lease. The SMTP exchange happens outside any transaction, so no row lock (and, on
 * PGlite, no database-wide lock) is held while talking to the network. Then the row is marked
 * sent, or given a backoff, or marked failed after `maxAttempts`.
 *
 * Warning: delivery is at-least-once. If the process dies after the SMTP server accepted a
 * message and before it is marked sent, the lease runs out and the message is sent again. It is
 * never lost: a crash before or during the send leaves the row pending for the next claim.
 */
export async function deliverDue(db: Executor, opts: DeliveryOptions): Promise<DeliveryReport> {
  const lease = opts.leaseSeconds ?? 300;
  const backoff = opts.backoffSeconds ?? defaultBackoff;
  const claimed = await rows<Claimed>(
    db,
    sql`update email_outbox set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${lease})
        where id in (
          select id from email_outbox
          where status = 'pending' and next_attempt_at <= now()
          order by next_attempt_at, created_at
          limit ${opts.batchSize ?? 20}
          for update skip locked)
        returning id, "to", subject, text, html, sealed_token, attempts`,
  );
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  for (const message of claimed) {
    const token = message.sealed_token ? openToken(message.sealed_token, message.id) : undefined;
    if (token === null) {
      // Sealed under another AUTH_SECRET: no retry can open it, and the link must not go out broken.
      await db.execute(
        sql`update email_outbox set status = 'failed', sealed_token = null,
                last_error = 'the link token cannot be opened with this AUTH_SECRET; send the link again'
            where id = ${message.id}::uuid and attempts = ${message.attempts}`,
      );
      report.failed += 1;
      continue;
    }
    const fill = (body: string) => (token ? fillTokenSlot(body, token) : body);
    try {
      await opts.transport.sendMail({
        from: opts.from,
        to: message.to,
        subject: message.subject,
        text: fill(message.text),
        ...(message.html ? { html: fill(message.html) } : {}),
      });
    } catch (err) {
      const gaveUp = message.attempts >= opts.maxAttempts;
      // The attempts check fences off a sender whose lease ran out: its late failure must not
      // overwrite what the sender that re-claimed the row has written since.
      await db.execute(
        sql`update email_outbox
            set status = ${gaveUp ? "failed" : "pending"}::outbox_status,
                sealed_token = ${gaveUp ? sql`null` : sql`sealed_token`},
                next_attempt_at = now() + make_interval(secs => ${backoff(message.attempts)}),
                last_error = ${describe(err)}
            where id = ${message.id}::uuid and attempts = ${message.attempts} and status = 'pending'`,
      );
      if (gaveUp) report.failed += 1;
      else report.retrying += 1;
      continue;
    }
    await db.execute(sql`update email_outbox set status = 'sent', sent_at = now(), last_error = null, sealed_token = null where id = ${message.id}::uuid`);
    report.sent += 1;
  }
  return report;
}

function describe(err: unknown): string {
  const e = err as { message?: string; code?: string; responseCode?: number };
  return [e?.code, e?.responseCode, e?.message ?? String(err)].filter(Boolean).join(" ").slice(0, 1000);
}
