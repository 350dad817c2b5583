import React from 'react';
import { Box, ErrorMessage, FormSection, Label, Select } from '@forge/react';
import type { AnyTargetKind } from '../pipeline/settings/any-target';
import {
  CheckInput,
  SelectInput,
  TextInput,
  type FieldErrors,
  type FormHandle,
  type Option,
} from './form-fields';
import type { Translate } from './i18n';
import type { MappingOptions } from './mapping-model';

/**
 * The target of a mapping entry, chosen first (outside the form's registered fields: the form
 * starts again with that kind's fields); fixed when editing an entry.
 */
export function TargetChoice(props: {
  t: Translate;
  options: Option[];
  value: Option | undefined;
  fixed: boolean;
  error?: string;
  onChange: (option: Option) => void;
}) {
  return (
    <Box>
      <Label labelFor="relay-mapping-target">{props.t('spaces.target')}</Label>
      <Select
        id="relay-mapping-target"
        name="targetId"
        options={props.options}
        value={props.value}
        isDisabled={props.fixed}
        isInvalid={Boolean(props.error)}
        onChange={props.onChange}
      />
      {props.error && <ErrorMessage>{props.error}</ErrorMessage>}
    </Box>
  );
}

/** Per-mapping options only one kind of target understands. */
export function KindFields({
  kind,
  form,
  errors,
  t,
  options,
}: {
  kind: AnyTargetKind;
  form: FormHandle;
  errors: FieldErrors;
  t: Translate;
  options: MappingOptions;
}) {
  const f = { form, errors };
  if (kind === 'halo')
    return (
      <FormSection>
        <TextInput {...f} name="faqList" label={t('spaces.faqList')} help={t('spaces.faqListHelp')} />
        <SelectInput
          {...f}
          name="haloVisibility"
          label={t('spaces.haloVisibility')}
          options={options.haloVisibility}
        />
        <TextInput {...f} name="haloTeams" label={t('form.teams')} />
      </FormSection>
    );
  if (kind === 'bitrix24')
    return (
      <FormSection>
        <TextInput {...f} name="bitrixDialogId" label={t('spaces.bitrixDialogId')} />
        <CheckInput {...f} name="bitrixNotifyUpdates" label={t('spaces.bitrixNotifyUpdates')} />
        <TextInput {...f} name="bitrixUserField" label={t('spaces.bitrixUserField')} />
      </FormSection>
    );
  return null;
}
