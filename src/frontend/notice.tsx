import React from 'react';
import { SectionMessage, Text } from '@forge/react';
import { useText, type Params } from './i18n';

/** A done-and-said message ("Target CRM saved."), kept as a key so it follows the language. */
export interface NoticeText {
  key: string;
  params?: Params;
}

export function Notice({ notice }: { notice: NoticeText | undefined }) {
  const { t } = useText();
  if (!notice) return null;
  return (
    <SectionMessage appearance="success">
      <Text>{t(notice.key, notice.params)}</Text>
    </SectionMessage>
  );
}
