import type { Metadata } from "next";
import { CreateOrgForm } from "@/components/org/create-org-form";
import { Notice } from "@/components/ui/notice";
import { UNVERIFIED_ORG_REFUSAL } from "@/lib/actions/account/messages";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "New organization" };

export default async function NewOrganizationPage() {
  const user = await requireUser();
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">Create an organization</h1>
      <p className="mb-4 text-sm text-slate-600">
        Projects and resources created in an organization belong to it, not to you. You become its owner.
      </p>
      {user.emailVerifiedAt ? <CreateOrgForm defaultEmail={user.email} /> : <Notice>{UNVERIFIED_ORG_REFUSAL}</Notice>}
    </div>
  );
}
