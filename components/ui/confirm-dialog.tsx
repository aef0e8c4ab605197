"use client";

import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { buttonClass } from "./button";

interface Props {
  /** The button that opens the dialog. */
  trigger: string;
  triggerVariant?: "primary" | "secondary" | "danger";
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Called on confirm; the dialog closes first. */
  onConfirm: () => void;
  disabled?: boolean;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab and Shift+Tab inside the dialog. A modal <dialog> makes the page behind it inert, but
 * Tab past its last button still leaves it for the browser's own controls.
 */
function trapTab(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== "Tab") return;
  const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
  if (!focusable.length) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !event.currentTarget.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !event.currentTarget.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * A modal question before an action that is hard to undo: a native <dialog>, so Esc closes it and
 * the page behind is inert; focus stays inside while it is open and goes back to the button that
 * opened it when it closes, however it closes.
 */
export function ConfirmDialog({ trigger, triggerVariant = "secondary", title, children, confirmLabel, onConfirm, disabled }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button ref={opener} type="button" aria-haspopup="dialog" className={buttonClass(triggerVariant)} onClick={() => ref.current?.showModal()} disabled={disabled}>
        {trigger}
      </button>
      <dialog
        ref={ref}
        aria-label={title}
        onKeyDown={trapTab}
        onClose={() => opener.current?.focus()}
        className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-3 p-5">
          <h2 className="text-lg font-semibold">{title}</h2>
          <div className="text-sm text-slate-700">{children}</div>
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass("secondary")} onClick={() => ref.current?.close()}>
              Cancel
            </button>
            <button
              type="button"
              className={buttonClass("danger")}
              onClick={() => {
                ref.current?.close();
                onConfirm();
              }}
            >
              {confirmLabel}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
