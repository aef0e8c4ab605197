import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; login?: string }> }) {
  const { callbackUrl, login } = await searchParams;
  const target = safeRedirectPath(callbackUrl);
  if (await currentUser()) redirect(target);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={target} defaultIdentifier={login} />
      <p className="mt-4 text-sm text-slate-600">
        New here? <Link href={`/signup?callbackUrl=${encodeURIComponent(target)}`}>Create an account</Link>
      </p>
    </>
  );
}
