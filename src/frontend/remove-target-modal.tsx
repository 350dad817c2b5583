import React from 'react';
import {
  Button,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  Text,
} from '@forge/react';
import { useText } from './i18n';

/** Removing a target also forgets its secret: asked once more, with what it means. */
export function RemoveTargetModal({
  name,
  onConfirm,
  onClose,
}: {
  name: string | undefined;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useText();
  return (
    <ModalTransition>
      {name !== undefined && (
        <Modal onClose={onClose}>
          <ModalHeader>
            <ModalTitle appearance="danger">{t('targets.removeTitle', { name })}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <Text>{t('targets.removeBody')}</Text>
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={onClose}>
              {t('form.cancel')}
            </Button>
            <Button appearance="danger" onClick={onConfirm}>
              {t('targets.removeConfirm')}
            </Button>
          </ModalFooter>
        </Modal>
      )}
    </ModalTransition>
  );
}
