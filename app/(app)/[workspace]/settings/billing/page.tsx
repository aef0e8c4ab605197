import type { Metadata } from "next";
import { BillingForm } from "@/components/org/billing-form";
import { PLAN_LABELS } from "@/components/org/plans";
import { Notice, Section } from "@/components/ui/notice";
import { ORG_ACTIONS, orgAllows } from "@/lib/authz/policy";
import { orgSeatUsage } from "@/lib/data/orgs";
import { settingsContext } from "../org-context";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { org, role } = await settingsContext((await params).workspace);
  const seats = await orgSeatUsage(org.id);
  const canManage = orgAllows(role, "org.billing");
  return (
    <Section title="Billing" description="Plan and seats. Members and pending invitations count against seats.">
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        <div><dt className="text-slate-600">Plan</dt><dd className="font-medium">{PLAN_LABELS[org.plan]}</dd></div>
        <div><dt className="text-slate-600">Seats</dt><dd className="font-medium">{seats.total}</dd></div>
        <div><dt className="text-slate-600">Used</dt><dd className="font-medium">{seats.used} ({seats.members} members, {seats.pending} pending)</dd></div>
        <div><dt className="text-slate-600">Free</dt><dd className="font-medium">{seats.free}</dd></div>
      </dl>
      {canManage ? <BillingForm org={org} /> : <Notice>{ORG_ACTIONS["org.billing"].why}</Notice>}
    </Section>
  );
}
