import type { OrgRole } from "@/db/schema";
import type { SeatUsage } from "@/lib/data/seats";

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The refusal when invitations would exceed the seats: how many are used, and who can add more. */
export function seatsRefusal(seats: SeatUsage, inviting: number, viewerRole: OrgRole): string {
  const who = viewerRole === "owner" ? "You can add seats in Billing." : "The owner can add seats in Billing.";
  const breakdown = `${count(seats.members, "member", "members")}, ${count(seats.pending, "pending invitation", "pending invitations")}`;
  if (seats.free === 0) return `All ${seats.total} seats are in use (${breakdown}). ${who}`;
  return `Only ${seats.free} of ${seats.total} seats ${seats.free === 1 ? "is" : "are"} free (${breakdown}), and you are inviting ${inviting} people. ${who}`;
}
