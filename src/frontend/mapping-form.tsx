import React, { useState } from 'react';
import { Form, FormHeader, FormSection, Text, useForm } from '@forge/react';
import type { SpaceMapping } from '../domain/settings';
import type { OfferedTarget, Outcome } from '../pipeline/settings/settings-api';
import type { CallFailed } from './settings-client';
import { CheckInput, SaveOrCancel, SelectInput, TextInput, type FieldErrors } from './form-fields';
import { FormNoticeMessage, noticeOf, placeIssues, type FormNotice } from './form-notice';
import { choice, text, type FormValues } from './form-values';
import { useText } from './i18n';
import { KindFields, TargetChoice } from './mapping-fields';
import { mappingDefaults, mappingFieldOf, mappingOptions, mappingPayload } from './mapping-model';
import { callSettings } from './settings-client';

export interface MappingEdit {
  /** The space: fixed in space settings and when editing; typed for a new mapping in global settings. */
  spaceKey?: string;
  /** Index of the entry in the space's mapping; undefined for a new entry. */
  index?: number;
}

interface Props {
  edit: MappingEdit;
  mappings: SpaceMapping[];
  offered: OfferedTarget[];
  /** What each target does with pages that stop matching (global settings only). */
  policies: Record<string, 'remove' | 'keep'>;
  onSaved: (mapping: SpaceMapping) => void;
  onCancel: () => void;
}

/**
 * One space ↔ target entry with every option its target's kind offers. On a lost compare-and-set
 * the form starts again from the newer mapping (re-keyed: useForm takes its defaults once).
 */
export function MappingForm(props: Props) {
  const [mappings, setMappings] = useState(props.mappings);
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<FormNotice>({ kind: 'none' });
  const edited =
    props.edit.index === undefined ? undefined : mappings.find((m) => m.spaceKey === props.edit.spaceKey);
  const [targetId, setTargetId] = useState(
    edited?.targets[props.edit.index ?? 0]?.targetId ?? props.offered[0]?.id,
  );
  const onOutcome = (outcome: Outcome<SpaceMapping> | CallFailed) => {
    if (outcome.status === 'conflict') {
      const spaceKey = outcome.current?.spaceKey ?? props.edit.spaceKey;
      const others = mappings.filter((m) => m.spaceKey !== spaceKey);
      setMappings(outcome.current ? [...others, outcome.current] : others);
      setRound((n) => n + 1);
    }
    setNotice(noticeOf(outcome));
  };
  return (
    <MappingFormBody
      key={`${round}-${targetId}`}
      {...props}
      targetId={targetId}
      onTarget={setTargetId}
      mappings={mappings}
      notice={notice}
      onOutcome={onOutcome}
      onNotice={setNotice}
    />
  );
}

interface BodyProps extends Props {
  /** The target is chosen first: the form starts again (with that kind's fields) when it changes. */
  targetId: string | undefined;
  onTarget: (targetId: string | undefined) => void;
  notice: FormNotice;
  onOutcome: (outcome: Outcome<SpaceMapping> | CallFailed) => void;
  onNotice: (notice: FormNotice) => void;
}

function MappingFormBody({
  edit,
  mappings,
  offered,
  policies,
  notice,
  targetId,
  onTarget,
  onSaved,
  onCancel,
  onOutcome,
  onNotice,
}: BodyProps) {
  const { t, issue } = useText();
  const options = mappingOptions(t, offered);
  const existing = mappings.find((m) => m.spaceKey === edit.spaceKey);
  const entry = edit.index === undefined ? undefined : existing?.targets[edit.index];
  const target = offered.find((o) => o.id === targetId);
  const spaceKey = edit.spaceKey ?? '';
  const defaults = mappingDefaults(spaceKey, entry, target?.faqLists?.[spaceKey], options);
  const form = useForm({ defaultValues: defaults });
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = async (values: FormValues) => {
    if (!target) return;
    const key = edit.spaceKey ?? text(values.spaceKey);
    const loaded = mappings.find((m) => m.spaceKey === key);
    const index = edit.index ?? loaded?.targets.length ?? 0;
    const payload = mappingPayload({ ...values, spaceKey: key }, loaded, index, target);
    const outcome = await callSettings<Outcome<SpaceMapping>>('saveMapping', payload);
    if (outcome.status === 'invalid') {
      const fields = new Set([...Object.keys(defaults), 'targetId']);
      const placed = placeIssues(outcome.issues, (path) => mappingFieldOf(path, index), fields, issue);
      setErrors(placed.errors);
      return onNotice({ kind: 'invalid', unplaced: placed.unplaced });
    }
    if (outcome.status === 'saved') return onSaved(outcome.value);
    onOutcome(outcome);
  };

  const f = { form, errors };
  const policy = target ? policies[target.id] : undefined;
  const targetOption = options.targets.find((o) => o.value === targetId);
  return (
    <Form onSubmit={form.handleSubmit(submit)}>
      <FormHeader
        title={
          entry && edit.spaceKey
            ? t('spaces.titleEdit', { spaceKey: edit.spaceKey, target: target?.name ?? entry.targetId })
            : t('spaces.titleNew')
        }
      />
      <FormNoticeMessage notice={notice} />
      <FormSection>
        {edit.spaceKey === undefined ? (
          <TextInput {...f} name="spaceKey" label={t('spaces.spaceKey')} />
        ) : (
          <Text>{`${t('spaces.spaceKey')}: ${edit.spaceKey}`}</Text>
        )}
        <TargetChoice
          t={t}
          options={options.targets}
          value={targetOption}
          fixed={entry !== undefined}
          error={errors.targetId}
          onChange={(option) => onTarget(choice(option))}
        />
        <TextInput {...f} name="labelsInclude" label={t('spaces.labelsInclude')} />
        <TextInput {...f} name="labelsExclude" label={t('spaces.labelsExclude')} />
        <SelectInput
          {...f}
          name="labelsMatch"
          label={t('spaces.labelsMatch')}
          options={options.labelsMatch}
        />
        <CheckInput {...f} name="verifiedOnly" label={t('spaces.verifiedOnly')} />
        <TextInput {...f} name="verifiedStates" label={t('spaces.verifiedStates')} />
        <TextInput {...f} name="subtreeRootId" label={t('spaces.subtreeRootId')} />
        <CheckInput
          {...f}
          name="pushRestricted"
          label={t('spaces.pushRestricted')}
          help={t('spaces.pushRestrictedHelp')}
        />
        {policy && (
          <Text>{t(policy === 'keep' ? 'spaces.whenIneligibleKeep' : 'spaces.whenIneligibleRemove')}</Text>
        )}
      </FormSection>
      {target && <KindFields kind={target.kind} form={form} errors={errors} t={t} options={options} />}
      <SaveOrCancel onCancel={onCancel} isSubmitting={form.formState.isSubmitting} t={t} />
    </Form>
  );
}
