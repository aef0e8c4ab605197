import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { linkButton } from "@/components/ui/button-styles";
import { RespondButtons } from "@/components/invitations/respond-buttons";
import { AppHeader } from "@/components/shell/app-header";
import { switchAccountAction } from "@/lib/actions/invitations/switch-account";
import { ROLE_LABELS } from "@/lib/authz/policy";
import { currentUser } from "@/lib/auth/current-user";
import { findInvitationByToken, invitationIsFor, invitationState, inviteeLabel, type InvitationView } from "@/lib/data/invitations";
import { formatDate } from "@/lib/format/dates";

export const metadata: Metadata = {
  title: "Invitation",
  // The token is in the URL: never send it on to another site, never index it.
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby="invite-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 id="invite-title" className="text-xl font-semibold">{title}</h1>
      {children}
    </section>
  );
}

function Summary({ inv }: { inv: InvitationView }) {
  return (
    <p className="text-sm text-slate-700">
      <strong>{inv.inviterName}</strong> invited {inviteeLabel(inv)} to join <strong>{inv.orgName}</strong> as{" "}
      <strong>{ROLE_LABELS[inv.role].toLowerCase()}</strong>. The invitation expires on {formatDate(inv.expiresAt, "long")}.
    </p>
  );
}

const ASK_AGAIN = "Ask an admin of the organization to re-send the invitation: you will get a new link.";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [inv, user] = await Promise.all([findInvitationByToken(token), currentUser()]);
  const self = `/invite/${token}`;
  let body: ReactNode;

  if (!inv) {
    body = (
      <Card title="This invitation link is not valid">
        <p className="text-sm text-slate-700">It may be mistyped or cut short, or the invitation was re-sent and this older link replaced by a newer one.</p>
        <p className="text-sm text-slate-700">{ASK_AGAIN}</p>
      </Card>
    );
  } else {
    const state = invitationState(inv);
    if (state === "expired") {
      body = (
        <Card title="This invitation has expired">
          <p className="text-sm text-slate-700">The invitation to join <strong>{inv.orgName}</strong> expired on {formatDate(inv.expiresAt, "long")}.</p>
          <p className="text-sm text-slate-700">{ASK_AGAIN}</p>
        </Card>
      );
    } else if (state === "revoked") {
      body = (
        <Card title="This invitation was withdrawn">
          <p className="text-sm text-slate-700">An admin of <strong>{inv.orgName}</strong> revoked this invitation, so the link no longer works.</p>
          <p className="text-sm text-slate-700">If you still expect to join, {ASK_AGAIN.charAt(0).toLowerCase() + ASK_AGAIN.slice(1)}</p>
        </Card>
      );
    } else if (state === "declined") {
      body = (
        <Card title="This invitation was declined">
          <p className="text-sm text-slate-700">The invitation to join <strong>{inv.orgName}</strong> was declined, so the link no longer works.</p>
          <p className="text-sm text-slate-700">Changed your mind? {ASK_AGAIN}</p>
        </Card>
      );
    } else if (state === "accepted") {
      const mine = !!user && inv.acceptedBy === user.id;
      body = (
        <Card title="This invitation has already been used">
          <p className="text-sm text-slate-700">
            {mine ? <>You accepted it and are a member of <strong>{inv.orgName}</strong>.</> : <>Each invitation link works once, and this one was accepted.</>}
          </p>
          {mine ? (
            <Link href={`/${inv.orgSlug}`} className={linkButton.primary}>Open {inv.orgName}</Link>
          ) : (
            <p className="text-sm text-slate-700">If you need access too, {ASK_AGAIN.charAt(0).toLowerCase() + ASK_AGAIN.slice(1)}</p>
          )}
        </Card>
      );
    } else if (!user) {
      const login = inviteeLabel(inv);
      const signIn = `/signin?${new URLSearchParams({ callbackUrl: self, login })}`;
      const signUp = `/signup?${new URLSearchParams({ callbackUrl: self, ...(inv.email ? { email: inv.email } : {}) })}`;
      body = (
        <Card title={`Join ${inv.orgName}`}>
          <Summary inv={inv} />
          <p className="text-sm text-slate-700">Sign in as {login} to accept or decline it{inv.email ? ", or create an account with that e-mail address" : ""}.</p>
          <div className="flex flex-wrap gap-2">
            <Link href={signIn} className={linkButton.primary}>Sign in to accept</Link>
            {inv.email ? <Link href={signUp} className={linkButton.secondary}>Create an account</Link> : null}
          </div>
        </Card>
      );
    } else if (!invitationIsFor(inv, user)) {
      body = (
        <Card title="This invitation is for another account">
          <Summary inv={inv} />
          <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            This invitation is for <strong>{inviteeLabel(inv)}</strong>, and you are signed in as <strong>{user.username}</strong>. Only
            the account it was sent to can accept it.
          </p>
          <form action={switchAccountAction}>
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="login" value={inviteeLabel(inv)} />
            <button type="submit" className={linkButton.primary}>Sign out and switch account</button>
          </form>
        </Card>
      );
    } else {
      body = (
        <Card title={`Join ${inv.orgName}`}>
          <Summary inv={inv} />
          <RespondButtons token={token} orgName={inv.orgName} />
        </Card>
      );
    }
  }

  return (
    <>
      <AppHeader user={user} />
      <main className="mx-auto max-w-xl px-4 py-10">{body}</main>
    </>
  );
}
