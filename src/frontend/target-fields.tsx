import React from 'react';
import { FormSection, Inline, Lozenge, Stack, Text } from '@forge/react';
import type { AnyTargetKind } from '../pipeline/settings/any-target';
import {
  CheckInput,
  SelectInput,
  TextAreaInput,
  TextInput,
  type FieldErrors,
  type FormHandle,
} from './form-fields';
import type { Translate } from './i18n';
import type { TargetOptions } from './target-model';

interface Props {
  form: FormHandle;
  errors: FieldErrors;
  t: Translate;
  options: TargetOptions;
}

export function WebhookFields({ form, errors, t, options }: Props) {
  const f = { form, errors };
  return (
    <FormSection>
      <TextInput {...f} name="url" label={t('form.url')} help={t('form.urlHelp')} />
      <SelectInput {...f} name="formats" label={t('form.formats')} options={options.formats} isMulti />
      <CheckInput {...f} name="sendRemovals" label={t('form.sendRemovals')} />
      <CheckInput {...f} name="sendComments" label={t('form.sendComments')} />
      <TextInput {...f} name="timeoutSeconds" label={t('form.timeoutSeconds')} />
    </FormSection>
  );
}

export function HaloFields({ form, errors, t, options }: Props) {
  const f = { form, errors };
  return (
    <FormSection>
      <TextInput {...f} name="baseUrl" label={t('form.baseUrl')} help={t('form.baseUrlHelp')} />
      <TextInput {...f} name="authUrl" label={t('form.authUrl')} />
      <TextInput {...f} name="tenant" label={t('form.tenant')} />
      <TextInput {...f} name="clientId" label={t('form.clientId')} />
      <TextInput {...f} name="scope" label={t('form.scope')} />
      <TextInput {...f} name="defaultFaqList" label={t('form.defaultFaqList')} help={t('form.faqListHelp')} />
      <SelectInput
        {...f}
        name="onMissingFaqList"
        label={t('form.onMissingFaqList')}
        options={options.onMissingFaqList}
      />
      <SelectInput {...f} name="handEdits" label={t('form.handEdits')} options={options.handEdits} />
      <SelectInput {...f} name="onRemove" label={t('form.onRemove')} options={options.onRemove} />
      <SelectInput {...f} name="visibility" label={t('form.visibility')} options={options.visibility} />
      <TextInput {...f} name="teams" label={t('form.teams')} />
    </FormSection>
  );
}

export function BitrixFields({ form, errors, t, options }: Props) {
  const f = { form, errors };
  return (
    <FormSection>
      <TextInput {...f} name="portalUrl" label={t('form.portalUrl')} help={t('form.portalUrlHelp')} />
      <TextInput {...f} name="userField" label={t('form.userField')} />
      <SelectInput {...f} name="language" label={t('form.language')} options={options.language} />
      <SelectInput
        {...f}
        name="commentRecipient"
        label={t('form.commentRecipient')}
        options={options.commentRecipient}
      />
      <CheckInput {...f} name="notifyWatchers" label={t('form.notifyWatchers')} />
      <TextAreaInput
        {...f}
        name="updateTemplate"
        label={t('form.updateTemplate')}
        help={t('form.templateHelp')}
      />
      <TextAreaInput
        {...f}
        name="removeTemplate"
        label={t('form.removeTemplate')}
        help={t('form.templateHelp')}
      />
      <TextAreaInput {...f} name="userMap" label={t('form.userMap')} help={t('form.userMapHelp')} />
      <SelectInput
        {...f}
        name="serverSideFilter"
        label={t('form.serverSideFilter')}
        options={options.serverSideFilter}
      />
    </FormSection>
  );
}

/** Write-only: the page only knows whether a secret is set; a new one replaces it. */
export function SecretFields({
  form,
  errors,
  t,
  kind,
  secretSet,
}: Omit<Props, 'options'> & { kind: AnyTargetKind; secretSet: boolean }) {
  const f = { form, errors };
  return (
    <FormSection>
      <Inline space="space.100" alignBlock="center">
        <Text>{t('form.secretState')}</Text>
        <Lozenge appearance={secretSet ? 'success' : 'moved'}>
          {secretSet ? t('form.secretSet') : t('form.secretNotSet')}
        </Lozenge>
      </Inline>
      <Stack space="space.050">
        <TextInput
          {...f}
          name="secret"
          secret
          label={
            secretSet ? `${t(`form.secret.${kind}`)} — ${t('form.replaceSecret')}` : t(`form.secret.${kind}`)
          }
          help={t(`form.secretHelp.${kind}`)}
        />
        {kind === 'webhook' && secretSet && (
          <CheckInput {...f} name="keepPrevious" label={t('form.keepPrevious')} />
        )}
      </Stack>
    </FormSection>
  );
}
