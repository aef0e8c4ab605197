"use client";

import { useRef } from "react";
import { createTeamAction } from "@/lib/actions/teams/create-team";
import { SubmitButton } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

export function CreateTeamForm({ org }: { org: string }) {
  const ref = useRef<HTMLFormElement>(null);
  const { formProps, pending, errors, formError } = useActionForm(createTeamAction, { onSuccess: () => ref.current?.reset() });
  return (
    <form ref={ref} {...formProps} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="org" value={org} />
      <Field label="Team name" name="name" errors={errors.name} />
      <Field label="Description (optional)" name="description" />
      <SubmitButton pending={pending}>Create team</SubmitButton>
      <FormError message={formError && !errors.name ? formError : null} />
    </form>
  );
}
