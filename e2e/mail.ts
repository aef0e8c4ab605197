import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "./fixtures";

// scripts/e2e-server.mjs runs a loopback SMTP server that writes every message here.
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

/** Waits for the app's outbox sender to hand a message for `to` to the test SMTP server. */
export async function mailTo(to: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      () => {
        if (!existsSync(MAIL_DIR)) return false;
        found = readdirSync(MAIL_DIR)
          .sort()
          .map((f) => readMail(path.join(MAIL_DIR, f)))
          .find((m) => m.to.includes(to));
        return !!found;
      },
      { timeout: 20_000, message: `an e-mail to ${to}` },
    )
    .toBe(true);
  return found!;
}

