import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

export const metadata: Metadata = {
  title: "Choose a new password",
  // The token is in the URL: never send it on to another site, never index it.
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">Choose a new password</h1>
      <p className="mb-4 text-sm text-slate-600">Setting it signs your account out everywhere; then sign in with the new password.</p>
      <ResetPasswordForm token={token} />
      <p className="mt-4 text-sm text-slate-600">
        Link not working? <Link href="/forgot-password">Ask for a new one</Link>
      </p>
    </>
  );
}
