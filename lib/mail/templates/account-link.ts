import type { OutgoingEmail } from "../outbox";
import { escapeHtml } from "./escape";

interface AccountLinkInput {
  to: string;
  subject: string;
  /** Why the e-mail was sent, one sentence. */
  reason: string;
  /** The link's words, e.g. "Verify this address". */
  action: string;
  link: string;
  /** How long the link works, e.g. "24 hours". */
  validFor: string;
  /** What to do when the reader did not ask for this. */
  ifNotYou: string;
}

function accountLinkEmail(input: AccountLinkInput): OutgoingEmail {
  const after = `The link works once, for ${input.validFor}. ${input.ifNotYou}`;
  const text = ["Hello,", "", input.reason, "", `${input.action}:`, input.link, "", after, ""].join("\n");
  const html = `<p>Hello,</p>
<p>${escapeHtml(input.reason)}</p>
<p><a href="${escapeHtml(input.link)}">${escapeHtml(input.action)}</a></p>
<p>Or open this link: ${escapeHtml(input.link)}</p>
<p>${escapeHtml(after)}</p>`;
  return { to: input.to, subject: input.subject, text, html };
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? "one hour" : `${hours} hours`;
}

export function verifyEmailEmail(input: { to: string; username: string; link: string; ttlMs: number; newAddress: boolean }): OutgoingEmail {
  return accountLinkEmail({
    to: input.to,
    subject: "Verify your e-mail address on Workbench",
    reason: input.newAddress
      ? `The Workbench account ${input.username} asked to use this address instead of its current one.`
      : `Welcome to Workbench, ${input.username}. Please confirm that this address is yours.`,
    action: "Verify this address",
    link: input.link,
    validFor: duration(input.ttlMs),
    ifNotYou: "If this was not you, ignore this e-mail: the address stays unverified.",
  });
}

export function resetPasswordEmail(input: { to: string; username: string; link: string; ttlMs: number }): OutgoingEmail {
  return accountLinkEmail({
    to: input.to,
    subject: "Reset your Workbench password",
    reason: `Someone asked to reset the password of the Workbench account ${input.username}, which uses this address.`,
    action: "Choose a new password",
    link: input.link,
    validFor: duration(input.ttlMs),
    ifNotYou: "If this was not you, ignore this e-mail: your password stays as it is.",
  });
}

export function emailChangeNoticeEmail(input: { to: string; username: string; newEmail: string }): OutgoingEmail {
  const text = [
    "Hello,",
    "",
    `The Workbench account ${input.username} asked to change its e-mail address from this one to ${input.newEmail}.`,
    "Nothing changes until the new address is verified through the link sent to it.",
    "",
    "If this was not you, sign in and change your password.",
    "",
  ].join("\n");
  return { to: input.to, subject: "Your Workbench e-mail address is being changed", text };
}
