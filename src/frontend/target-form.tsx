import React, { useState } from 'react';
import { Form, FormHeader, FormSection, useForm } from '@forge/react';
import type { AnyTargetKind } from '../pipeline/settings/any-target';
import type { Outcome, TargetView } from '../pipeline/settings/settings-api';
import type { CallFailed } from './settings-client';
import { CheckInput, SaveOrCancel, SelectInput, TextInput, type FieldErrors } from './form-fields';
import { FormNoticeMessage, noticeOf, placeIssues, type FormNotice } from './form-notice';
import type { FormValues } from './form-values';
import { useText } from './i18n';
import { callSettings } from './settings-client';
import { BitrixFields, HaloFields, SecretFields, WebhookFields } from './target-fields';
import { targetDefaults, targetFieldOf, targetOptions, targetPayload } from './target-model';

interface Props {
  kind: AnyTargetKind;
  /** The target as loaded; undefined for a new one. */
  view?: TargetView;
  onSaved: (view: TargetView) => void;
  onCancel: () => void;
}

/**
 * Add or edit one target. On a lost compare-and-set the form starts again from the newer values
 * (it is keyed by `rev`, and useForm takes its defaults once) and says why.
 */
export function TargetForm(props: Props) {
  const [view, setView] = useState(props.view);
  const [notice, setNotice] = useState<FormNotice>({ kind: 'none' });
  return (
    <TargetFormBody
      key={view?.target.rev ?? 0}
      {...props}
      view={view}
      notice={notice}
      onOutcome={(outcome) => {
        if (outcome.status === 'conflict' && outcome.current) setView(outcome.current);
        setNotice(noticeOf(outcome));
      }}
      onNotice={setNotice}
    />
  );
}

interface BodyProps extends Props {
  notice: FormNotice;
  onOutcome: (outcome: Outcome<TargetView> | CallFailed) => void;
  onNotice: (notice: FormNotice) => void;
}

function TargetFormBody({ kind, view, notice, onSaved, onCancel, onOutcome, onNotice }: BodyProps) {
  const { t, issue } = useText();
  const options = targetOptions(t);
  const defaults = targetDefaults(kind, view?.target, options);
  const form = useForm({ defaultValues: defaults });
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = async (values: FormValues) => {
    const outcome = await callSettings<Outcome<TargetView>>(
      'saveTarget',
      targetPayload(kind, values, view?.target),
    );
    if ('refusal' in outcome) return onOutcome(outcome);
    if (outcome.status === 'invalid') {
      const placed = placeIssues(outcome.issues, targetFieldOf, new Set(Object.keys(defaults)), issue);
      setErrors(placed.errors);
      return onNotice({ kind: 'invalid', unplaced: placed.unplaced });
    }
    if (outcome.status === 'saved') return onSaved(outcome.value);
    onOutcome(outcome);
  };

  const f = { form, errors };
  const fields = { form, errors, t, options };
  return (
    <Form onSubmit={form.handleSubmit(submit)}>
      <FormHeader
        title={
          view
            ? t('form.titleEdit', { name: view.target.name })
            : t('form.titleNew', { kind: t(`kind.${kind}`) })
        }
      />
      <FormNoticeMessage notice={notice} />
      <FormSection>
        {!view && <TextInput {...f} name="id" label={t('form.id')} help={t('form.idHelp')} />}
        <TextInput {...f} name="name" label={t('form.name')} />
        <CheckInput {...f} name="enabled" label={t('form.enabled')} />
        <SelectInput
          {...f}
          name="whenIneligible"
          label={t('form.whenIneligible')}
          options={options.whenIneligible}
        />
        <TextInput {...f} name="selector" label={t('form.selector')} help={t('form.selectorHelp')} />
        <TextInput {...f} name="selectorVerifiedStates" label={t('form.selectorVerifiedStates')} />
      </FormSection>
      {kind === 'webhook' && <WebhookFields {...fields} />}
      {kind === 'halo' && <HaloFields {...fields} />}
      {kind === 'bitrix24' && <BitrixFields {...fields} />}
      <SecretFields form={form} errors={errors} t={t} kind={kind} secretSet={view?.secretSet ?? false} />
      <SaveOrCancel onCancel={onCancel} isSubmitting={form.formState.isSubmitting} t={t} />
    </Form>
  );
}
