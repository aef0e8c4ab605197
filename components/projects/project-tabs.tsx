"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function ProjectTabs({ tabs }: { tabs: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Project" className="border-b border-slate-200">
      <ul className="flex gap-1">
        {tabs.map((t) => {
          const active = pathname === t.href;
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={`block border-b-2 px-3 py-2 text-sm hover:no-underline ${active ? "border-indigo-600 font-medium text-indigo-800" : "border-transparent text-slate-700 hover:border-slate-300"}`}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
