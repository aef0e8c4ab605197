"use client";

import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/actions/notifications/mark-read";
import { SubmitButton } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

export function MarkReadButton({ notificationId, title }: { notificationId: string; title: string }) {
  const { formProps, pending, formError } = useActionForm(markNotificationReadAction);
  return (
    <form {...formProps}>
      <input type="hidden" name="notificationId" value={notificationId} />
      <SubmitButton variant="secondary" pending={pending} aria-label={`Mark “${title}” as read`}>Mark read</SubmitButton>
      <FormError message={formError} />
    </form>
  );
}

export function MarkAllReadButton() {
  const { formProps, pending, formError } = useActionForm(markAllNotificationsReadAction);
  return (
    <form {...formProps}>
      <SubmitButton variant="secondary" pending={pending} pendingLabel="Marking…">Mark all as read</SubmitButton>
      <FormError message={formError} />
    </form>
  );
}
