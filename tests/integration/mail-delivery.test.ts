import { createServer, type AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { acceptInvitationAction } from "@/lib/actions/invitations/accept";
import { inviteAction } from "@/lib/actions/invitations/invite";
import { enqueueEmail } from "@/lib/mail/outbox";
import { deliverDue, smtpTransport } from "@/lib/mail/sender";
import { startOutboxSender } from "@/lib/mail/sender-loop";
import { db, makeOrg, makeUser, roleOf, unique } from "../factories";
import { signInAs } from "../setup/session";
import { ok } from "./invitations-helpers";

interface Received {
  to: string[];
  subject: string;
  body: string;
}

/** Header unfolding, RFC 2047 words and quoted-printable: enough to read what nodemailer sends. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
  );
}

function parse(raw: string, to: string[]): Received {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, " ");
  const subject = decodeWords(/^subject: (.*)$/im.exec(headers)?.[1] ?? "");
  const body = Buffer.from(rest.join("\n\n").replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
  return { to, subject, body };
}

function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("latin1")));
      stream.on("end", () => {
        received.push(parse(raw, session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.server.address() as AddressInfo;
      resolve({ url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/** A loopback port with nothing listening: every connection is refused. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return `smtp://127.0.0.1:${port}`;
}

async function outboxRow(to: string) {
  const [row] = await rows<{ status: string; attempts: number; last_error: string | null; due_in: number }>(
    await db(),
    sql`select status, attempts, last_error, extract(epoch from next_attempt_at - now())::float as due_in from email_outbox where "to" = ${to}`,
  );
  return row;
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;
const FROM = "Workbench <no-reply@example.test>";

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  // Each test delivers only its own messages.
  await (await db()).execute(sql`update email_outbox set status = 'sent' where status = 'pending'`);
  smtp.received.length = 0;
});

describe("delivery through SMTP", () => {
  it("an invitation arrives with the right recipient, subject and link, and the link works", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner, { displayName: "Café Ünïon <R&D>" });
    const invitee = await makeUser();
    signInAs(owner);
    const { invited } = ok(await inviteAction(null, { org: org.slug, invitees: invitee.email, role: "admin" }));
    const report = await deliverDue(await db(), { transport: smtpTransport(smtp.url), from: FROM, maxAttempts: 3 });
    expect(report).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message.to).toEqual([invitee.email]);
    expect(message.subject).toBe(`${owner.username} invited you to join Café Ünïon <R&D> on Workbench`);
    const link = /http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}/.exec(message.body)?.[0];
    expect(link).toBe(invited[0].link);
    // The HTML part escapes names: an org name is user input.
    expect(message.body).toContain("<strong>Café Ünïon &lt;R&amp;D&gt;</strong>");
    expect(await outboxRow(invitee.email)).toMatchObject({ status: "sent", attempts: 1, last_error: null });
    // Nothing is sent twice.
    expect(await deliverDue(await db(), { transport: smtpTransport(smtp.url), from: FROM, maxAttempts: 3 })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    signInAs(invitee);
    ok(await acceptInvitationAction(null, { token: link!.split("/").pop() }));
    expect(await roleOf(org.id, invitee.id)).toBe("admin");
  });

  it("a refused connection backs off exponentially, loses nothing, and is delivered once the server answers", async () => {
    const to = `${unique("retry")}@example.test`;
    await enqueueEmail(await db(), { to, subject: "Retry me", text: "hello" });
    const down = smtpTransport(await closedPortUrl());
    expect(await deliverDue(await db(), { transport: down, from: FROM, maxAttempts: 5 })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const first = await outboxRow(to);
    expect(first).toMatchObject({ status: "pending", attempts: 1 });
    expect(first.last_error).toMatch(/ECONNREFUSED/);
    expect(first.due_in).toBeGreaterThan(25);
    expect(first.due_in).toBeLessThanOrEqual(30);
    // Not due yet: a second round leaves it alone.
    expect((await deliverDue(await db(), { transport: down, from: FROM, maxAttempts: 5 })).retrying).toBe(0);
    await (await db()).execute(sql`update email_outbox set next_attempt_at = now() where "to" = ${to}`);
    await deliverDue(await db(), { transport: down, from: FROM, maxAttempts: 5 });
    const second = await outboxRow(to);
    expect(second.attempts).toBe(2);
    expect(second.due_in).toBeGreaterThan(55);
    await (await db()).execute(sql`update email_outbox set next_attempt_at = now() where "to" = ${to}`);
    expect((await deliverDue(await db(), { transport: smtpTransport(smtp.url), from: FROM, maxAttempts: 5 })).sent).toBe(1);
    expect(smtp.received.map((m) => [m.to, m.subject])).toEqual([[[to], "Retry me"]]);
    expect(await outboxRow(to)).toMatchObject({ status: "sent", attempts: 3, last_error: null });
  });

  it("gives up after the last attempt and marks the message failed, kept for an operator", async () => {
    const to = `${unique("fail")}@example.test`;
    await enqueueEmail(await db(), { to, subject: "Doomed", text: "x" });
    const down = smtpTransport(await closedPortUrl());
    for (const expected of [{ retrying: 1, failed: 0 }, { retrying: 0, failed: 1 }]) {
      await (await db()).execute(sql`update email_outbox set next_attempt_at = now() where "to" = ${to}`);
      expect(await deliverDue(await db(), { transport: down, from: FROM, maxAttempts: 2 })).toMatchObject(expected);
    }
    expect(await outboxRow(to)).toMatchObject({ status: "failed", attempts: 2 });
    await (await db()).execute(sql`update email_outbox set next_attempt_at = now() where "to" = ${to}`);
    expect((await deliverDue(await db(), { transport: smtpTransport(smtp.url), from: FROM, maxAttempts: 2 })).sent).toBe(0);
  });

  it("a sender that dies mid-send loses nothing: the claim's lease runs out and another sender delivers", async () => {
    const to = `${unique("crash")}@example.test`;
    await enqueueEmail(await db(), { to, subject: "Survivor", text: "x" });
    // The first sender claims the message and never comes back, as if its process had died.
    const hung = { sendMail: () => new Promise<never>(() => {}) };
    void deliverDue(await db(), { transport: hung, from: FROM, maxAttempts: 5, leaseSeconds: 1 });
    await new Promise((r) => setTimeout(r, 200));
    expect(await outboxRow(to)).toMatchObject({ status: "pending", attempts: 1 });
    expect((await deliverDue(await db(), { transport: smtpTransport(smtp.url), from: FROM, maxAttempts: 5 })).sent).toBe(0);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await deliverDue(await db(), { transport: smtpTransport(smtp.url), from: FROM, maxAttempts: 5 })).sent).toBe(1);
    expect(smtp.received.map((m) => m.to[0])).toEqual([to]);
  });

  it("two senders at once deliver every message exactly once", async () => {
    const recipients = Array.from({ length: 12 }, () => `${unique("many")}@example.test`);
    for (const to of recipients) await enqueueEmail(await db(), { to, subject: "Once", text: "x" });
    // Each sender's first message waits (10 s at most) until the other sender is sending too: the
    // race is real only if both held claimed messages at the same time, which `overlapped` records.
    const entered = [false, false];
    let overlapped = false;
    let release!: () => void;
    const together = new Promise<void>((r) => (release = r));
    const sentBy: string[][] = [[], []];
    const sender = async (k: number) => {
      const smtpOut = smtpTransport(smtp.url);
      const transport: Pick<typeof smtpOut, "sendMail"> = {
        sendMail: async (message) => {
          entered[k] = true;
          if (entered[0] && entered[1]) {
            overlapped = true;
            release();
          }
          await Promise.race([together, new Promise((r) => setTimeout(r, 10_000))]);
          const info = await smtpOut.sendMail(message);
          sentBy[k].push(String(message.to));
          return info;
        },
      };
      return deliverDue(await db(), { transport, from: FROM, maxAttempts: 3, batchSize: 7 });
    };
    const reports = await Promise.all([sender(0), sender(1)]);
    expect(overlapped).toBe(true);
    // Both claimed a share: batches of 7, so one took 7 and the other the remaining 5.
    expect(sentBy.map((list) => list.length).sort()).toEqual([5, 7]);
    expect(reports.map((r) => r.sent).sort()).toEqual([5, 7]);
    expect(new Set([...sentBy[0], ...sentBy[1]]).size).toBe(12);
    // Each message went out exactly once, on its first attempt.
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([...recipients].sort());
    const outbox = await rows<{ to: string; status: string; attempts: number }>(
      await db(),
      sql`select "to", status, attempts from email_outbox where "to" = any(${sql.param(recipients)}::text[]) order by "to"`,
    );
    expect(outbox).toEqual([...recipients].sort().map((to) => ({ to, status: "sent", attempts: 1 })));
  });

  it("the server's own loop delivers queued invitations when SMTP_URL is set", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner);
    const to = `${unique("loop")}@example.test`;
    signInAs(owner);
    ok(await inviteAction(null, { org: org.slug, invitees: to, role: "member" }));
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_POLL_SECONDS = "0.2";
    const stop = startOutboxSender();
    try {
      await expect.poll(() => smtp.received.map((m) => m.to[0]), { timeout: 5000 }).toEqual([to]);
    } finally {
      stop();
      delete process.env.SMTP_URL;
      delete process.env.MAIL_POLL_SECONDS;
    }
  });
});
