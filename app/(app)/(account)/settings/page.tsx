import type { Metadata } from "next";
import Link from "next/link";
import { DeleteAccountForm } from "@/components/account/delete-account-form";
import { EmailForm } from "@/components/account/email-form";
import { PasswordForm } from "@/components/account/password-form";
import { Section } from "@/components/ui/notice";
import { ROLE_LABELS } from "@/lib/authz/policy";
import { requireUser } from "@/lib/auth/current-user";
import { listWorkspaces } from "@/lib/data/workspaces";
import { formatDate } from "@/lib/format/dates";

export const metadata: Metadata = { title: "Your settings" };

export default async function ProfilePage() {
  const user = await requireUser();
  const workspaces = await listWorkspaces(user.id);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Your settings</h1>
      <Section title="Account">
        <dl className="grid grid-cols-2 gap-2 text-sm">
          <dt className="text-slate-600">Username</dt><dd className="font-medium">{user.username}</dd>
          <dt className="text-slate-600">E-mail</dt><dd className="font-medium">{user.email} <span className="font-normal text-slate-500">{user.emailVerifiedAt ? "(verified)" : "(not verified)"}</span></dd>
          <dt className="text-slate-600">Member since</dt><dd>{formatDate(user.createdAt)}</dd>
        </dl>
      </Section>
      <Section title="Workspaces" description="The starred one opens after sign-in; change it with the star in the workspace switcher.">
        <ul className="space-y-1 text-sm">
          {workspaces.map((w) => (
            <li key={w.id}>
              <Link href={`/${w.slug}`}>{w.displayName}</Link>{" "}
              <span className="text-slate-500">{w.kind === "personal" ? "personal workspace" : ROLE_LABELS[w.role].toLowerCase()}</span>
              {w.isDefault ? <span className="ml-2 text-amber-800">★ default</span> : null}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="E-mail address" description="A new address takes effect once you open the link we send to it.">
        <EmailForm pendingEmail={user.pendingEmail} />
      </Section>
      <Section title="Sessions" description="See where you are signed in and sign out other browsers.">
        <Link href="/settings/security">Security: where you are signed in</Link>
      </Section>
      <Section title="Password" description="Changing it signs you out everywhere else.">
        <PasswordForm />
      </Section>
      <Section
        title="Delete account"
        description="Deletes your account and personal workspace. Organizations where you are the only member are deleted too; if you own an organization with other members, transfer it first. What you created in other organizations stays there."
      >
        <DeleteAccountForm username={user.username} />
      </Section>
    </div>
  );
}
