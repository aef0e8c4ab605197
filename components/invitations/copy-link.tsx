"use client";

import { useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";

/** A link (or a token's secret) shown once, since only its hash is stored, with a button that copies it. */
export function CopyLink({ label, link, copyText = "Copy link" }: { label: string; link: string; copyText?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard permission (or not a secure context): select it for Ctrl+C instead.
      input.current?.select();
    }
  };
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">{label}</label>
      <div className="flex gap-2">
        <input
          id={id}
          ref={input}
          readOnly
          value={link}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full rounded-md border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs"
        />
        <button type="button" className={buttonClass("secondary")} onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
          {copied ? "Copied" : copyText}
        </button>
      </div>
    </div>
  );
}
