import React from 'react';
import { SectionMessage, Text } from '@forge/react';
import { assertNever } from '../domain/assert-never';
import type { FieldIssue, Outcome, Refusal } from '../pipeline/settings/settings-api';
import type { FieldErrors } from './form-fields';
import type { CallFailed } from './settings-client';
import { useText, type Translate } from './i18n';

/** What a form shows above its fields after a save that did not go through. */
export type FormNotice =
  | { kind: 'none' }
  | { kind: 'invalid'; unplaced: string[] }
  | { kind: 'conflict'; removed: boolean }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'failed'; message: string };

export function refusalText(t: Translate, refusal: Refusal): string {
  switch (refusal.code) {
    case 'signIn':
    case 'notConfluenceAdmin':
      return t(`refusal.${refusal.code}`);
    case 'notSpaceAdmin':
    case 'otherSpace':
      return t(`refusal.${refusal.code}`, { spaceKey: refusal.spaceKey });
    case 'targetInUse':
      return t('refusal.targetInUse', { spaces: refusal.spaces.join(', ') });
    case 'unknownTarget':
      return t('refusal.unknownTarget', { targetId: refusal.targetId });
    case 'badRequest':
      return t('refusal.badRequest', { message: refusal.message });
    default:
      return assertNever(refusal, 'refusal');
  }
}

/**
 * Sorts a resolver's field issues onto the form's fields (translated); the ones no field shows are
 * listed above the form, so no error is ever lost.
 */
export function placeIssues(
  issues: FieldIssue[],
  fieldOf: (path: string) => string | undefined,
  known: ReadonlySet<string>,
  issue: (message: string, code?: string) => string,
): { errors: FieldErrors; unplaced: string[] } {
  const errors: FieldErrors = {};
  const unplaced: string[] = [];
  for (const { field, message, code } of issues) {
    const name = fieldOf(field);
    if (name && known.has(name)) errors[name] ??= issue(message, code);
    else unplaced.push(`${field}: ${issue(message, code)}`);
  }
  return { errors, unplaced };
}

/** The outcome of a save, for a form: done, or what to show. */
export function noticeOf<T>(outcome: Outcome<T> | CallFailed): FormNotice {
  switch (outcome.status) {
    case 'saved':
    case 'invalid':
      return { kind: 'none' };
    case 'conflict':
      return { kind: 'conflict', removed: outcome.current === null };
    case 'refused':
      return { kind: 'refused', refusal: outcome.refusal };
    case 'failed':
      return { kind: 'failed', message: outcome.message };
    default:
      return assertNever(outcome, 'outcome');
  }
}

export function FormNoticeMessage({ notice }: { notice: FormNotice }) {
  const { t } = useText();
  switch (notice.kind) {
    case 'none':
      return null;
    case 'invalid':
      return (
        <SectionMessage appearance="error" title={t('form.invalid')}>
          {notice.unplaced.map((line) => (
            <Text key={line}>{line}</Text>
          ))}
        </SectionMessage>
      );
    case 'conflict':
      return (
        <SectionMessage appearance="warning" title={t('form.conflictTitle')}>
          <Text>{notice.removed ? t('form.conflictRemoved') : t('form.conflictBody')}</Text>
        </SectionMessage>
      );
    case 'refused':
      return (
        <SectionMessage appearance="error" title={t('refusal.title')}>
          <Text>{refusalText(t, notice.refusal)}</Text>
        </SectionMessage>
      );
    case 'failed':
      return (
        <SectionMessage appearance="error">
          <Text>{t('refusal.failed', { message: notice.message })}</Text>
        </SectionMessage>
      );
    default:
      return assertNever(notice, 'notice');
  }
}
