import { ROLE_LABELS } from "@/lib/authz/policy";
import { invitationState, inviteeLabel, type InvitationView } from "@/lib/data/invitations";
import { InvitationActions } from "./invitation-actions";
import { formatDate } from "@/lib/format/dates";

function day(date: Date) {
  return <time dateTime={date.toISOString()}>{formatDate(date)}</time>;
}

export function PendingInvitations({ org, invitations, manage }: { org: string; invitations: InvitationView[]; manage: boolean }) {
  if (invitations.length === 0) return <p className="text-sm text-slate-600">No pending invitations.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label="Pending invitations">
      <thead className="border-b border-slate-200 text-slate-600">
        <tr>
          <th scope="col" className="py-2">Invitee</th>
          <th scope="col">Role</th>
          <th scope="col">Invited by</th>
          <th scope="col">Sent</th>
          <th scope="col">Expires</th>
          {manage ? <th scope="col"><span className="sr-only">Actions</span></th> : null}
        </tr>
      </thead>
      <tbody>
        {invitations.map((inv) => {
          const invitee = inviteeLabel(inv);
          const expired = invitationState(inv) === "expired";
          return (
            <tr key={inv.id} aria-label={invitee} className="border-b border-slate-100 align-top">
              <td className="py-2 font-medium">{invitee}</td>
              <td className="py-2">{ROLE_LABELS[inv.role]}</td>
              <td className="py-2">{inv.inviterName}</td>
              <td className="py-2">{day(inv.createdAt)}</td>
              <td className={`py-2 ${expired ? "text-red-700" : ""}`}>{expired ? <>Expired {day(inv.expiresAt)}</> : day(inv.expiresAt)}</td>
              {manage ? (
                <td className="py-2"><InvitationActions org={org} invitationId={inv.id} invitee={invitee} /></td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
