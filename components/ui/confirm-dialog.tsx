"use client";

import { useRef, type ReactNode } from "react";
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

/** A modal question before an action that is hard to undo (a native <dialog>: focus and Esc work). */
export function ConfirmDialog({ trigger, triggerVariant = "secondary", title, children, confirmLabel, onConfirm, disabled }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" aria-haspopup="dialog" className={buttonClass(triggerVariant)} onClick={() => ref.current?.showModal()} disabled={disabled}>
        {trigger}
      </button>
      <dialog ref={ref} aria-label={title} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
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
