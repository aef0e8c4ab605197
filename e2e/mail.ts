import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "./fixtures";

/** Where the e2e server's loopback SMTP server writes every message it receives. */
const MAIL_DIR = "e2e/.state/mail";

export interface Mail {
  to: string[];
  subject: string;
  body: string;
}

/** Unfolds headers, decodes RFC 2047 words and quoted-printable: what a mail client would show. */
function readMail(file: string): Mail {
  const { to, raw } = JSON.parse(readFileSync(file, "utf8")) as { to: string[]; raw: string };
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, " ");
  const qp = (s: string) => Buffer.from(s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
  const subject = (/^subject: (.*)$/im.exec(headers)?.[1] ?? "").replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === "b" ? Buffer.from(text, "base64").toString("utf8") : qp(text.replace(/_/g, " ")),
  );
  return { to, subject, body: qp(rest.join("\n\n")) };
}

/** Every message delivered to `to` so far, oldest first. */
export function mailsTo(to: string): Mail[] {
  if (!existsSync(MAIL_DIR)) return [];
  return readdirSync(MAIL_DIR)
    .sort()
    .map((f) => readMail(path.join(MAIL_DIR, f)))
    .filter((m) => m.to.includes(to));
}

/**
 * Waits for the app's outbox sender to hand the `nth` (1-based) message for `to` whose subject
 * matches to the test SMTP server, the way a person waits for their inbox.
 */
export async function mailTo(to: string, subject: RegExp = /./, nth = 1): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      () => {
        found = mailsTo(to).filter((m) => subject.test(m.subject))[nth - 1];
        return !!found;
      },
      { timeout: 20_000, message: `e-mail ${nth} to ${to} with subject ${subject}` },
    )
    .toBe(true);
  return found!;
}

/** The link of a given kind ("invite", "verify-email", "reset-password") in a delivered message. */
export function linkIn(mail: Mail, kind: string): string {
  const link = new RegExp(`https?://\\S+/${kind}/[A-Za-z0-9_-]{43}`).exec(mail.body)?.[0];
  if (!link) throw new Error(`no /${kind}/ link in the e-mail “${mail.subject}”`);
  return link;
}
