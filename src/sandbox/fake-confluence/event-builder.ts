import type { ConfluenceLabel, ConfluencePage, ConfluenceSpace } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';
import type {
  EventContent,
  EventImage,
  EventLabel,
  EventOptions,
  EventSpace,
  EventUser,
  PageEvent,
  PageEventType,
} from './event-payloads';

const DEFAULT_AVATAR: EventImage = {
  path: '/wiki/aa-avatar/default.png',
  width: 48,
  height: 48,
  isDefault: true,
};
const SPACE_ICON: EventImage = {
  path: '/wiki/images/logo/default-space-logo.svg',
  width: 48,
  height: 48,
  isDefault: false,
};

/** A User as events carry it: the doc says PII fields are filled with the accountId. */
export function eventUser(accountId: string): EventUser {
  return {
    type: 'known',
    username: accountId,
    accountId,
    accountType: 'atlassian',
    email: accountId,
    profilePicture: { ...DEFAULT_AVATAR },
    displayName: accountId,
    publicName: accountId,
    isExternalCollaborator: false,
  };
}

export function eventSpace(space: ConfluenceSpace): EventSpace {
  return {
    id: Number(space.id),
    key: space.key,
    alias: space.key,
    name: space.name,
    type: space.type,
    icon: { ...SPACE_ICON },
    status: space.status,
  };
}

export function eventLabel(label: ConfluenceLabel): EventLabel {
  return { id: label.id, name: label.name, prefix: label.prefix };
}

/** The `content` object of a page event, from the page as it is now. */
export function eventContent(store: ConfluenceStore, page: ConfluencePage): EventContent {
  return {
    id: page.id,
    type: 'page',
    ...(page.subType === undefined ? {} : { subType: page.subType }),
    status: page.status,
    title: page.title,
    space: eventSpace(store.requireSpace(page.spaceId)),
    history: {
      latest: true,
      createdBy: eventUser(page.authorId),
      ownedBy: eventUser(page.ownerId),
      createdDate: page.createdAt,
    },
    version: {
      by: eventUser(page.version.authorId),
      when: page.version.createdAt,
      number: page.version.number,
    },
  };
}

/** The envelope fields shared by every event: actor, time and the self-generated marker. */
export function envelope(
  store: ConfluenceStore,
  actorId: string,
  opts: EventOptions,
): { atlassianId: string; eventCreatedDate: string; selfGenerated?: true } {
  return {
    atlassianId: actorId,
    eventCreatedDate: store.nowIso(),
    ...(opts.selfGenerated === true ? { selfGenerated: true as const } : {}),
  };
}

export function pageEvent(
  store: ConfluenceStore,
  eventType: PageEventType,
  page: ConfluencePage,
  actorId: string,
  opts: EventOptions,
  extra: Pick<PageEvent, 'updateTrigger' | 'prevContent' | 'originContentId'> = {},
): PageEvent {
  return {
    eventType,
    ...envelope(store, actorId, opts),
    suppressNotifications: opts.suppressNotifications ?? false,
    ...extra,
    content: eventContent(store, page),
  };
}
