import React, { useState } from 'react';
import {
  Button,
  ButtonGroup,
  DynamicTable,
  EmptyState,
  Inline,
  Lozenge,
  SectionMessage,
  Stack,
  Text,
} from '@forge/react';
import type { SpaceMapping } from '../domain/settings';
import type { OfferedTarget, Outcome, SettingsScope } from '../pipeline/settings/settings-api';
import { FormNoticeMessage, noticeOf, type FormNotice } from './form-notice';
import { useText, type Translate } from './i18n';
import { MappingForm, type MappingEdit } from './mapping-form';
import type { MappingEntry } from './mapping-model';
import { Notice, type NoticeText } from './notice';
import { callSettings, type CallFailed } from './settings-client';

interface Props {
  scope: SettingsScope;
  mappings: SpaceMapping[];
  offered: OfferedTarget[];
  policies: Record<string, 'remove' | 'keep'>;
  reload: () => Promise<void>;
}

function pagesText(t: Translate, entry: MappingEntry): string {
  const labels = [...(entry.labels?.include ?? []), ...(entry.labels?.exclude ?? []).map((l) => `-${l}`)];
  return labels.length > 0 ? t('spaces.labels', { labels: labels.join(', ') }) : t('spaces.allPages');
}

function optionLozenges(t: Translate, entry: MappingEntry) {
  const options = [
    entry.verifiedOnly && t('spaces.verified'),
    entry.subtreeRootId && t('spaces.subtree', { id: entry.subtreeRootId }),
    entry.pushRestricted && t('spaces.restricted'),
  ].filter((o): o is string => Boolean(o));
  return (
    <Inline space="space.050">
      {options.map((o) => (
        <Lozenge key={o} appearance={o === t('spaces.restricted') ? 'moved' : 'default'}>
          {o}
        </Lozenge>
      ))}
    </Inline>
  );
}

/** Which pages of which space go to which target: one row per space ↔ target entry. */
export function MappingsTab({ scope, mappings, offered, policies, reload }: Props) {
  const { t } = useText();
  const [edit, setEdit] = useState<MappingEdit | undefined>();
  const [notice, setNotice] = useState<NoticeText | undefined>();
  const [problem, setProblem] = useState<FormNotice>({ kind: 'none' });
  const inSpace = scope.kind === 'space' ? scope.spaceKey : undefined;
  const nameOf = (id: string) => offered.find((o) => o.id === id)?.name ?? id;

  if (edit)
    return (
      <MappingForm
        edit={edit}
        mappings={mappings}
        offered={offered}
        policies={policies}
        onCancel={() => setEdit(undefined)}
        onSaved={(saved) => {
          setEdit(undefined);
          setNotice({ key: 'spaces.saved', params: { spaceKey: saved.spaceKey } });
          void reload();
        }}
      />
    );

  const remove = async (mapping: SpaceMapping, index: number) => {
    const rest = mapping.targets.filter((_, i) => i !== index);
    const outcome: Outcome<unknown> | CallFailed =
      rest.length === 0
        ? await callSettings<Outcome<null>>('deleteMapping', { spaceKey: mapping.spaceKey, rev: mapping.rev })
        : await callSettings<Outcome<SpaceMapping>>('saveMapping', {
            mapping: { spaceKey: mapping.spaceKey, targets: rest },
            rev: mapping.rev,
          });
    setProblem(noticeOf(outcome));
    const target = nameOf(mapping.targets[index]?.targetId ?? '');
    setNotice(
      outcome.status === 'saved'
        ? { key: 'spaces.removed', params: { spaceKey: mapping.spaceKey, target } }
        : undefined,
    );
    await reload();
  };

  const add = (
    <Button
      appearance="primary"
      isDisabled={offered.length === 0}
      onClick={() => setEdit({ spaceKey: inSpace })}
    >
      {inSpace ? t('spaces.addToSpace') : t('spaces.add')}
    </Button>
  );
  const noTargets =
    offered.length === 0 ? (
      <SectionMessage appearance="information">
        <Text>{inSpace ? t('spaces.noTargetsSpace') : t('spaces.noTargets')}</Text>
      </SectionMessage>
    ) : null;
  const entries = mappings.flatMap((m) => m.targets.map((entry, index) => ({ mapping: m, entry, index })));
  if (entries.length === 0)
    return (
      <Stack space="space.200">
        <Notice notice={notice} />
        <FormNoticeMessage notice={problem} />
        {noTargets}
        <EmptyState
          header={inSpace ? t('spaces.spaceEmptyTitle') : t('spaces.emptyTitle')}
          description={inSpace ? t('spaces.spaceEmptyBody') : t('spaces.emptyBody')}
        />
        <Inline alignInline="center">{add}</Inline>
      </Stack>
    );

  const head = {
    cells: ['space', 'target', 'pages', 'options', 'actions'].map((key) => ({
      key,
      content: t(`spaces.column.${key}`),
    })),
  };
  const rows = entries.map(({ mapping, entry, index }) => {
    const key = `${mapping.spaceKey}-${index}`;
    return {
      key,
      cells: [
        { key: `${key}-space`, content: mapping.spaceKey },
        { key: `${key}-target`, content: nameOf(entry.targetId) },
        { key: `${key}-pages`, content: pagesText(t, entry) },
        { key: `${key}-options`, content: optionLozenges(t, entry) },
        {
          key: `${key}-actions`,
          content: (
            <ButtonGroup label={`${mapping.spaceKey} ${nameOf(entry.targetId)}`}>
              <Button onClick={() => setEdit({ spaceKey: mapping.spaceKey, index })}>
                {t('spaces.edit')}
              </Button>
              <Button appearance="danger" onClick={() => void remove(mapping, index)}>
                {t('spaces.remove')}
              </Button>
            </ButtonGroup>
          ),
        },
      ],
    };
  });
  return (
    <Stack space="space.200">
      <Text>{inSpace ? t('spaces.spaceIntro') : t('spaces.intro')}</Text>
      <Notice notice={notice} />
      <FormNoticeMessage notice={problem} />
      {noTargets}
      <DynamicTable caption={t('app.tabs.spaces')} head={head} rows={rows} />
      <Inline>{add}</Inline>
    </Stack>
  );
}
