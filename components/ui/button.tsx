"use client";

import type { ButtonHTMLAttributes } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonVariant } from "./button-styles";

export { buttonClass };

/** A submit button that shows it is working while its form's action runs. */
export function SubmitButton({
  children,
  variant = "primary",
  pendingLabel,
  pending: pendingProp,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; pendingLabel?: string; pending?: boolean }) {
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  return (
    <button type="submit" disabled={pending || props.disabled} className={buttonClass(variant)} {...props}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
