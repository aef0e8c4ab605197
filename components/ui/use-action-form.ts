"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { ActionResult, FieldErrors } from "@/lib/actions/result";

type Action<T> = (prev: unknown, formData: FormData) => Promise<ActionResult<T>>;

/**
 * useActionState plus what every form here does with the answer: field errors for the inputs,
 * a message for the form, and navigation when the action names where to go next. Submitting
 * through onSubmit (not the form's action prop) keeps what the user typed when the answer is an
 * error: React resets forms after an action prop runs.
 */
export function useActionForm<T>(action: Action<T>, opts: { onSuccess?: (data: T) => void } = {}) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(action, null);
  const { onSuccess } = opts;
  useEffect(() => {
    if (!state?.ok) return;
    onSuccess?.(state.data);
    const target = (state.data as { redirectTo?: string } | null)?.redirectTo;
    if (target) router.push(target);
    else router.refresh();
  }, [state, router, onSuccess]);
  // A second submit before the first answer (double click, Enter twice) is dropped: the button's
  // disabled state only arrives with the next render, too late for a fast second click.
  const inFlight = useRef(false);
  useEffect(() => {
    if (!pending) inFlight.current = false;
  }, [pending, state]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(data));
  };
  const errors: FieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const formError = state && !state.ok ? state.error : null;
  return { state, pending, errors, formError, succeeded: !!state?.ok, formProps: { onSubmit, noValidate: true } };
}
