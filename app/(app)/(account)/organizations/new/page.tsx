import type { Metadata } from "next";
import { CreateOrgForm } from "@/components/org/create-org-form";
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
      <CreateOrgForm defaultEmail={user.email} />
    </div>
  );
}
