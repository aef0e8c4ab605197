"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface SettingsTab {
  href: string;
  label: string;
}

export function SettingsNav({ tabs }: { tabs: SettingsTab[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Organization settings" className="w-full shrink-0 md:w-48">
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {tabs.map((tab) => {
          const active = pathname === tab.href;
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-3 py-2 text-sm hover:no-underline ${active ? "bg-indigo-50 font-medium text-indigo-800" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
