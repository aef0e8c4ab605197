import Link from "next/link";
import type { ProjectListItem } from "@/lib/data/projects";
import { isResourceKind, KIND_LABELS } from "@/lib/resources/kinds";
import { formatDate } from "@/lib/format/dates";

export const VISIBILITY_LABELS = { private: "Private", organization: "Organization", public: "Public" } as const;

function countLabel(kind: string, n: number): string {
  const label = isResourceKind(kind) ? KIND_LABELS[kind][n === 1 ? "one" : "many"] : kind;
  return label.toLowerCase();
}

export function ProjectCard({ workspace, project }: { workspace: string; project: ProjectListItem }) {
  const counts = Object.entries(project.counts);
  return (
    <article className="h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={project.name}>
      <div className="flex items-start justify-between gap-2">
        <h3 className="font-semibold">
          <span aria-hidden className="mr-2 inline-block h-3 w-3 rounded-full" style={{ background: project.colour }} />
          <Link href={`/${workspace}/${project.slug}`}>{project.name}</Link>
        </h3>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{VISIBILITY_LABELS[project.visibility]}</span>
      </div>
      {project.description ? <p className="mt-1 line-clamp-2 text-sm text-slate-600">{project.description}</p> : null}
      <p className="mt-2 text-xs text-slate-600">Your access: <strong>{project.level}</strong></p>
      {project.tags.length ? (
        <ul className="mt-2 flex flex-wrap gap-1" aria-label="Tags">
          {project.tags.map((t) => (
            <li key={t} className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-800">{t}</li>
          ))}
        </ul>
      ) : null}
      <p className="mt-2 text-xs text-slate-500">
        {counts.length ? counts.map(([k, n]) => `${n} ${countLabel(k, n)}`).join(" · ") : "No resources yet"} · updated{" "}
        <time dateTime={project.updatedAt}>{formatDate(project.updatedAt)}</time>
      </p>
    </article>
  );
}
