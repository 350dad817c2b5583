/** Resolver answers the pages are rendered with (shapes of src/pipeline/settings/settings-api.ts). */
export const hooksView = {
  target: {
    kind: 'webhook',
    id: 'hooks',
    name: 'Knowledge hooks',
    url: 'https://hooks.example.com/relay',
    enabled: true,
    formats: ['storage'],
    sendRemovals: true,
    sendComments: true,
    timeoutSeconds: 15,
    whenIneligible: 'remove',
    rev: 3,
    updatedAt: 1,
  },
  secretSet: true,
  egress: [{ field: 'url', host: 'hooks.example.com', allowed: true }],
};

export const partnerView = {
  target: {
    kind: 'webhook',
    id: 'partner',
    name: 'Partner portal',
    url: 'https://receiver.partner.example.org/hook',
    enabled: false,
    disabledReason: 'receiver.partner.example.org answered 410 Gone: the endpoint is retired',
    formats: ['storage'],
    sendRemovals: true,
    sendComments: true,
    timeoutSeconds: 15,
    whenIneligible: 'keep',
    rev: 1,
    updatedAt: 1,
  },
  secretSet: false,
  egress: [{ field: 'url', host: 'receiver.partner.example.org', allowed: false }],
};

export const kbOffered = {
  id: 'kb',
  name: 'Service desk KB',
  kind: 'halo',
  enabled: true,
  whenIneligible: 'keep',
  faqLists: { QM: 31 },
};
export const hooksOffered = {
  id: 'hooks',
  name: 'Knowledge hooks',
  kind: 'webhook',
  enabled: true,
  whenIneligible: 'remove',
};

export const qmMapping = {
  spaceKey: 'QM',
  targets: [
    {
      targetId: 'hooks',
      pushRestricted: false,
      labels: { include: ['kb'], exclude: ['draft'], match: 'any' },
      verifiedOnly: true,
      verifiedStates: ['Verified'],
      bitrixNotifyUpdates: false,
    },
  ],
  rev: 2,
  updatedAt: 1,
};

export const globalView = (extra: Record<string, unknown> = {}) => ({
  scope: { kind: 'global' },
  licensed: true,
  targets: [hooksView, partnerView],
  offered: [
    hooksOffered,
    { id: 'partner', name: 'Partner portal', kind: 'webhook', enabled: false, whenIneligible: 'keep' },
  ],
  mappings: [qmMapping],
  ...extra,
});

export const spaceView = (extra: Record<string, unknown> = {}) => ({
  scope: { kind: 'space', spaceKey: 'QM' },
  licensed: true,
  targets: [],
  offered: [hooksOffered, kbOffered],
  mappings: [qmMapping],
  ...extra,
});
