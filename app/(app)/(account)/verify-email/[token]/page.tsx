import type { Metadata } from "next";
import { VerifyEmailForm } from "@/components/account/verify-email-form";
import { Section } from "@/components/ui/notice";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = {
  title: "Verify your e-mail address",
  // The token is in the URL: never send it on to another site, never index it.
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, user] = await Promise.all([params, requireUser()]);
  const address = user.pendingEmail ?? user.email;
  return (
    <Section title="Verify your e-mail address" description={`Signed in as ${user.username}. Confirm that the address this link was sent to is yours.`}>
      {user.emailVerifiedAt && !user.pendingEmail ? (
        <p className="text-sm text-slate-700">Your address {user.email} is already verified.</p>
      ) : (
        <p className="text-sm text-slate-700">Address waiting for verification: <strong>{address}</strong></p>
      )}
      <VerifyEmailForm token={token} home={`/${user.username}`} />
    </Section>
  );
}
