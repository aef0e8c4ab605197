"use client";

import type { ButtonHTMLAttributes } from "react";
import { useFormStatus } from "react-dom";

const styles = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700 disabled:bg-indigo-300",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-300",
} as const;

export function buttonClass(variant: keyof typeof styles = "primary") {
  return `inline-flex items-center justify-center rounded-md px-3 py-2 text-sm font-medium shadow-sm disabled:cursor-not-allowed ${styles[variant]}`;
}

/** A submit button that shows it is working while its form's action runs. */
export function SubmitButton({
  children,
  variant = "primary",
  pendingLabel,
  pending: pendingProp,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof styles; pendingLabel?: string; pending?: boolean }) {
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  return (
    <button type="submit" disabled={pending || props.disabled} className={buttonClass(variant)} {...props}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
