import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; email?: string }> }) {
  const { callbackUrl, email } = await searchParams;
  const target = safeRedirectPath(callbackUrl);
  if (await currentUser()) redirect(target);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Create your account</h1>
      <SignUpForm callbackUrl={target} defaultEmail={email} />
      <p className="mt-4 text-sm text-slate-600">
        Already have an account? <Link href={`/signin?callbackUrl=${encodeURIComponent(target)}`}>Sign in</Link>
      </p>
    </>
  );
}
