import React from 'react';
import {
  Box,
  Button,
  ButtonGroup,
  Checkbox,
  FormFooter,
  LoadingButton,
  ErrorMessage,
  HelperMessage,
  Label,
  Select,
  TextArea,
  Textfield,
  type useForm,
} from '@forge/react';

export type FormHandle = Pick<ReturnType<typeof useForm>, 'register' | 'getFieldId'>;
export interface Option {
  label: string;
  value: string;
}

/** Errors by form field name, as the resolver named them (see form-values.ts for the mapping). */
export type FieldErrors = Record<string, string>;

interface FieldProps {
  form: FormHandle;
  name: string;
  label: string;
  help?: string;
  errors: FieldErrors;
}

function Messages({ help, error }: { help?: string; error?: string }) {
  if (error) return <ErrorMessage>{error}</ErrorMessage>;
  return help ? <HelperMessage>{help}</HelperMessage> : null;
}

export function TextInput({ form, name, label, help, errors, secret }: FieldProps & { secret?: boolean }) {
  return (
    <Box>
      <Label labelFor={form.getFieldId(name)}>{label}</Label>
      <Textfield
        {...form.register(name)}
        isInvalid={Boolean(errors[name])}
        type={secret ? 'password' : 'text'}
      />
      <Messages help={help} error={errors[name]} />
    </Box>
  );
}

export function TextAreaInput({ form, name, label, help, errors }: FieldProps) {
  return (
    <Box>
      <Label labelFor={form.getFieldId(name)}>{label}</Label>
      <TextArea {...form.register(name)} isInvalid={Boolean(errors[name])} minimumRows={2} />
      <Messages help={help} error={errors[name]} />
    </Box>
  );
}

export function CheckInput({ form, name, label, help, errors }: FieldProps) {
  return (
    <Box>
      <Checkbox {...form.register(name)} label={label} isInvalid={Boolean(errors[name])} />
      <Messages help={help} error={errors[name]} />
    </Box>
  );
}

export function SelectInput({
  form,
  name,
  label,
  help,
  errors,
  options,
  isMulti,
}: FieldProps & { options: Option[]; isMulti?: boolean }) {
  return (
    <Box>
      <Label labelFor={form.getFieldId(name)}>{label}</Label>
      <Select
        {...form.register(name)}
        options={options}
        isMulti={isMulti}
        isInvalid={Boolean(errors[name])}
      />
      <Messages help={help} error={errors[name]} />
    </Box>
  );
}

/** The footer of every settings form: Cancel, and Save (busy while the resolver answers). */
export function SaveOrCancel({
  onCancel,
  isSubmitting,
  t,
}: {
  onCancel: () => void;
  isSubmitting: boolean;
  t: (key: string) => string;
}) {
  return (
    <FormFooter>
      <ButtonGroup>
        <Button appearance="subtle" onClick={onCancel}>
          {t('form.cancel')}
        </Button>
        <LoadingButton appearance="primary" type="submit" isLoading={isSubmitting}>
          {t('form.save')}
        </LoadingButton>
      </ButtonGroup>
    </FormFooter>
  );
}
