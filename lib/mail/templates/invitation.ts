import { formatDate } from "@/lib/format/dates";
import type { OutgoingEmail } from "../outbox";
import { escapeHtml } from "./escape";

export interface InvitationEmailInput {
  to: string;
  orgName: string;
  inviterName: string;
  roleLabel: string;
  link: string;
  expiresAt: Date;
}

/** The invitation e-mail: who invites whom to what, and the single-use link. */
export function invitationEmail(input: InvitationEmailInput): OutgoingEmail {
  const expires = formatDate(input.expiresAt, "long");
  const subject = `${input.inviterName} invited you to join ${input.orgName} on Workbench`;
  const text = [
    "Hello,",
    "",
    `${input.inviterName} invited you to join ${input.orgName} on Workbench as ${input.roleLabel}.`,
    "",
    "Accept or decline the invitation here:",
    input.link,
    "",
    `The link works once and expires on ${expires}. If you did not expect this invitation, you can ignore this e-mail.`,
    "",
  ].join("\n");
  const html = `<p>Hello,</p>
<p>${escapeHtml(input.inviterName)} invited you to join <strong>${escapeHtml(input.orgName)}</strong> on Workbench as ${escapeHtml(input.roleLabel)}.</p>
<p><a href="${escapeHtml(input.link)}">Accept or decline the invitation</a></p>
<p>Or open this link: ${escapeHtml(input.link)}</p>
<p>The link works once and expires on ${escapeHtml(expires)}. If you did not expect this invitation, you can ignore this e-mail.</p>`;
  return { to: input.to, subject, text, html };
}
