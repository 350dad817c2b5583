import React, { useEffect, useState } from 'react';
import { Button, Code, SectionMessage, Stack, Text } from '@forge/react';
import { approveEgress, siteOffersEgressApproval } from './egress-approval';
import { useText } from './i18n';

type Approval = { kind: 'idle' } | { kind: 'approved' } | { kind: 'failed'; message: string };

/**
 * A target host outside the app's allowed domains: where the site offers customer-managed egress,
 * a button asks an admin to approve it; otherwise the private-deployment command.
 */
export function EgressHint({ targetId, host }: { targetId: string; host: string }) {
  const { t } = useText();
  const [offered, setOffered] = useState<boolean | undefined>();
  const [approval, setApproval] = useState<Approval>({ kind: 'idle' });
  useEffect(() => {
    void siteOffersEgressApproval().then(setOffered);
  }, []);

  const approve = () =>
    approveEgress(targetId, host).then(
      () => setApproval({ kind: 'approved' }),
      (error: unknown) =>
        setApproval({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );

  if (approval.kind === 'approved')
    return (
      <SectionMessage appearance="success">
        <Text>{t('egress.approved', { host })}</Text>
      </SectionMessage>
    );
  return (
    <SectionMessage appearance="warning" title={t('egress.title', { host })}>
      <Stack space="space.100">
        <Text>{t('egress.body', { host })}</Text>
        {offered === true && (
          <>
            <Text>{t('egress.approveBody', { host })}</Text>
            <Button appearance="primary" onClick={approve}>
              {t('egress.approve', { host })}
            </Button>
          </>
        )}
        {offered === false && (
          <>
            <Text>{t('egress.command')}</Text>
            <Code>{t('egress.commandLine', { host })}</Code>
          </>
        )}
        {approval.kind === 'failed' && (
          <Text>{t('egress.approvalFailed', { host, message: approval.message })}</Text>
        )}
      </Stack>
    </SectionMessage>
  );
}
