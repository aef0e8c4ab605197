import type { Creator } from "@/lib/data/resources";

/** Who made it; people who left keep their name on their work but are marked as gone. */
export function CreatorLabel({ creator }: { creator: Creator }) {
  if (!creator.username) return <span className="text-slate-500">a former member</span>;
  if (!creator.current) {
    return (
      <span>
        {creator.username} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">former member</span>
      </span>
    );
  }
  return <span>{creator.username}</span>;
}
