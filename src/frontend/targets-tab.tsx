import React, { useState } from 'react';
import { Button, ButtonGroup, DynamicTable, EmptyState, Inline, Lozenge, Stack, Text } from '@forge/react';
import { TARGET_KINDS, type AnyTargetKind } from '../pipeline/settings/any-target';
import type { ConnectionResult, Outcome, TargetView } from '../pipeline/settings/settings-api';
import { ConnectionMessage } from './connection-message';
import { EgressHint } from './egress-hint';
import { FormNoticeMessage, noticeOf, type FormNotice } from './form-notice';
import { useText } from './i18n';
import { Notice, type NoticeText } from './notice';
import { RemoveTargetModal } from './remove-target-modal';
import { callSettings } from './settings-client';
import { TargetForm } from './target-form';

type Mode =
  { kind: 'list' } | { kind: 'add'; targetKind: AnyTargetKind } | { kind: 'edit'; view: TargetView };
type Tested = Record<string, ConnectionResult | 'testing'>;

/** Targets of the site: a table with Edit, Test connection and Remove, the forms, egress hints. */
export function TargetsTab({ targets, reload }: { targets: TargetView[]; reload: () => Promise<void> }) {
  const { t } = useText();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [tested, setTested] = useState<Tested>({});
  const [notice, setNotice] = useState<NoticeText | undefined>();
  const [problem, setProblem] = useState<FormNotice>({ kind: 'none' });
  const [removing, setRemoving] = useState<TargetView | undefined>();

  if (mode.kind !== 'list')
    return (
      <TargetForm
        kind={mode.kind === 'add' ? mode.targetKind : mode.view.target.kind}
        view={mode.kind === 'edit' ? mode.view : undefined}
        onCancel={() => setMode({ kind: 'list' })}
        onSaved={(saved) => {
          setMode({ kind: 'list' });
          setNotice({ key: 'targets.saved', params: { name: saved.target.name } });
          void reload();
        }}
      />
    );

  const test = async (id: string) => {
    setTested((all) => ({ ...all, [id]: 'testing' }));
    const result = await callSettings<ConnectionResult>('testConnection', { id });
    if ('status' in result) {
      setTested(({ [id]: _dropped, ...others }) => others);
      return setProblem(noticeOf(result));
    }
    setTested((all) => ({ ...all, [id]: result }));
  };
  const remove = async ({ target }: TargetView) => {
    const outcome = await callSettings<Outcome<null>>('deleteTarget', { id: target.id, rev: target.rev });
    setProblem(noticeOf(outcome));
    if (outcome.status === 'saved') setNotice({ key: 'targets.removed', params: { name: target.name } });
    else setNotice(undefined);
    await reload();
  };

  const addButtons = (
    <ButtonGroup label={t('targets.addKind')}>
      {TARGET_KINDS.map((kind) => (
        <Button key={kind} appearance="primary" onClick={() => setMode({ kind: 'add', targetKind: kind })}>
          {`${t('targets.add')}: ${t(`kind.${kind}`)}`}
        </Button>
      ))}
    </ButtonGroup>
  );
  if (targets.length === 0)
    return (
      <Stack space="space.200">
        <Notice notice={notice} />
        <EmptyState header={t('targets.emptyTitle')} description={t('targets.emptyBody')} />
        <Inline alignInline="center">{addButtons}</Inline>
      </Stack>
    );

  const head = {
    cells: ['name', 'kind', 'status', 'secret', 'actions'].map((key) => ({
      key,
      content: t(`targets.column.${key}`),
    })),
  };
  const rows = targets.map((view) => {
    const { target } = view;
    const cell = (key: string, content: React.ReactNode) => ({ key: `${target.id}-${key}`, content });
    return {
      key: target.id,
      cells: [
        cell('name', target.name),
        cell('kind', t(`kind.${target.kind}`)),
        cell(
          'status',
          <Stack space="space.050">
            <Lozenge appearance={target.enabled ? 'success' : 'removed'}>
              {target.enabled ? t('targets.enabled') : t('targets.disabled')}
            </Lozenge>
            {target.disabledReason && <Text>{target.disabledReason}</Text>}
          </Stack>,
        ),
        cell(
          'secret',
          <Lozenge appearance={view.secretSet ? 'success' : 'moved'}>
            {view.secretSet ? t('targets.secretSet') : t('targets.secretNotSet')}
          </Lozenge>,
        ),
        cell(
          'actions',
          <ButtonGroup label={target.name}>
            <Button onClick={() => setMode({ kind: 'edit', view })}>{t('targets.edit')}</Button>
            <Button onClick={() => void test(target.id)} isDisabled={tested[target.id] === 'testing'}>
              {t('targets.test')}
            </Button>
            <Button appearance="danger" onClick={() => setRemoving(view)}>
              {t('targets.remove')}
            </Button>
          </ButtonGroup>,
        ),
      ],
    };
  });

  return (
    <Stack space="space.200">
      <Text>{t('targets.intro')}</Text>
      <Notice notice={notice} />
      <FormNoticeMessage notice={problem} />
      <DynamicTable caption={t('app.tabs.targets')} head={head} rows={rows} />
      {targets.map(({ target, egress }) =>
        egress
          .filter((check) => !check.allowed)
          .map((check) => (
            <EgressHint key={`${target.id}-${check.field}`} targetId={target.id} host={check.host} />
          )),
      )}
      {targets.map(({ target }) => {
        const result = tested[target.id];
        return result && result !== 'testing' ? (
          <ConnectionMessage key={`test-${target.id}`} name={target.name} result={result} />
        ) : null;
      })}
      <Inline>{addButtons}</Inline>
      <RemoveTargetModal
        name={removing?.target.name}
        onClose={() => setRemoving(undefined)}
        onConfirm={() => {
          if (removing) void remove(removing);
          setRemoving(undefined);
        }}
      />
    </Stack>
  );
}
