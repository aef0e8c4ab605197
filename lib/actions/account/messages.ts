/** Answers of the account-link actions, shared by the pages that show them and by the tests. */

export const VERIFY_REFUSALS = {
  unknown: "This verification link is not valid. It may be mistyped, or replaced by a newer one: use the newest e-mail, or send a new link.",
  used: "This verification link has already been used. Each link works once.",
  expired: "This verification link has expired. Send a new one from the banner at the top of the page.",
} as const;

export const RESET_REFUSALS = {
  unknown: "This reset link is not valid. It may be mistyped, or replaced by a newer one: use the newest e-mail, or ask for a new link.",
  used: "This reset link has already been used. Each link works once: ask for a new one if you need to.",
  expired: "This reset link has expired. Ask for a new one.",
} as const;

/** The one answer, whether or not an account uses the address: it must not tell which. */
export const RESET_SENT = "If an account uses this address, we have sent it a link to choose a new password. Check your inbox.";

export const UNVERIFIED_ORG_REFUSAL =
  "Verify your e-mail address before creating an organization: use the link we sent you, or send a new one from the banner.";

export function resetPasswordPath(token: string): string {
  return `/reset-password/${token}`;
}

export function verifyEmailPath(token: string): string {
  return `/verify-email/${token}`;
}
