import { TableSkeleton } from "@/components/ui/skeleton";

// Only the overview streams behind a skeleton: a loading boundary above the resource pages would
// send the page's status before a missing resource is known, and its 404 would arrive as a 200.
export default function Loading() {
  return <TableSkeleton label="Loading the project…" />;
}
