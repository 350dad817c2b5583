import type { SpaceMapping } from '../../domain/settings';
import type { AnyTarget, AnyTargetKind } from './any-target';

/**
 * What the settings pages and the admin resolver exchange. Types only: the frontend imports them,
 * never the code behind them. Secrets travel one way (page → resolver) and are never returned.
 */

/** Who may change what: a Confluence admin everything, a space admin the mapping of that space. */
export type SettingsScope = { kind: 'global' } | { kind: 'space'; spaceKey: string };

/** A field the page shows the message next to (`url`, `targets.0.labels.include`, `secret`). */
export interface FieldIssue {
  field: string;
  message: string;
  /** zod's issue code when the schema found it (`invalid_type`, `too_small`, …). */
  code?: string;
}

/** Why a call was not carried out; the page words each code in the viewer's language. */
export type Refusal =
  | { code: 'signIn' }
  | { code: 'notConfluenceAdmin' }
  | { code: 'notSpaceAdmin'; spaceKey: string }
  | { code: 'otherSpace'; spaceKey: string }
  | { code: 'targetInUse'; spaces: string[] }
  | { code: 'unknownTarget'; targetId: string }
  | { code: 'badRequest'; message: string };

/** A save: done, invalid fields, lost a compare-and-set (with the newer value, null if removed), refused. */
export type Outcome<T> =
  | { status: 'saved'; value: T }
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'conflict'; current: T | null }
  | { status: 'refused'; refusal: Refusal };

/** Whether the app may reach a URL field's host (manifest egress, or approved by an admin). */
export interface EgressCheck {
  field: string;
  host: string;
  allowed: boolean;
}

/** A target as a Confluence admin edits it: its settings, whether a secret is set, its hosts. */
export interface TargetView {
  target: AnyTarget;
  secretSet: boolean;
  egress: EgressCheck[];
}

/** A target a mapping may name; `faqLists` only for the spaces the viewer may see. */
export interface OfferedTarget {
  id: string;
  name: string;
  kind: AnyTargetKind;
  enabled: boolean;
  /** What happens to pages that stop matching (removed from the target, or kept): shown with mappings. */
  whenIneligible: 'remove' | 'keep';
  faqLists?: Record<string, number | 'auto'>;
}

export interface SettingsView {
  scope: SettingsScope;
  licensed: boolean;
  /** Global settings only (space admins do not see targets' settings). */
  targets: TargetView[];
  offered: OfferedTarget[];
  mappings: SpaceMapping[];
}

export type ConnectionResult =
  { ok: true; detail: string } | { ok: false; reason: string; field?: string; egressHost?: string };

export type Answer<T> = T | { status: 'refused'; refusal: Refusal };
