import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; login?: string; reset?: string }> }) {
  const { callbackUrl, login, reset } = await searchParams;
  const target = safeRedirectPath(callbackUrl);
  if (await currentUser()) redirect(target);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      {reset ? <p role="status" className="mb-4 text-sm text-green-700">Your password was changed and every session signed out. Sign in with the new password.</p> : null}
      <SignInForm callbackUrl={target} defaultIdentifier={login} />
      <p className="mt-4 text-sm text-slate-600">
        <Link href="/forgot-password">Forgot password?</Link>
      </p>
      <p className="mt-2 text-sm text-slate-600">
        New here? <Link href={`/signup?callbackUrl=${encodeURIComponent(target)}`}>Create an account</Link>
      </p>
    </>
  );
}
