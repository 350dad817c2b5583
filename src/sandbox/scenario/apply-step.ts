import { assertNever } from '../../domain/assert-never';
import { haloFaults } from './halo-sandbox-target';
import type { SandboxEnv } from './sandbox-env';
import type { Step } from './scenario-schema';
import { contentState, resolveRef, spaceId } from './seed-confluence';

/**
 * Applies one scenario step to the fake Confluence and returns the product event Confluence would
 * emit (undefined for steps that emit none; `reconcile` and `backfill` run in sweep-steps.ts).
 */
export function applyStep(
  env: SandboxEnv,
  step: Step,
  body: (v: string) => string,
  previous: unknown,
): unknown {
  const { state, refs } = env;
  const id = (ref: string) => resolveRef(refs, ref);
  switch (step.do) {
    case 'create-page': {
      const event = state.createPage({
        spaceId: spaceId(state, step.space),
        parentId: step.parent ? id(step.parent) : undefined,
        title: step.title,
        body: body(step.body),
        authorId: step.author,
        labels: step.labels.map((name) => ({ name })),
        contentState: contentState(step.state),
        restrictions: step.restrictions && {
          read: { users: step.restrictions.read, groups: [] },
          update: { users: step.restrictions.update, groups: [] },
        },
      });
      refs.set(step.ref, event.content.id);
      return event;
    }
    case 'update-page':
      return state.updatePage(id(step.page), {
        title: step.title,
        body: step.body === undefined ? undefined : body(step.body),
        minorEdit: step.minorEdit,
        by: step.by,
        suppressNotifications: step.suppressNotifications,
      });
    case 'trash-page':
      return state.trashPage(id(step.page));
    case 'restore-page':
      return state.restorePage(id(step.page));
    case 'delete-page':
      return state.deletePage(id(step.page));
    case 'archive-page':
      return state.archivePage(id(step.page));
    case 'unarchive-page':
      return state.unarchivePage(id(step.page));
    case 'move-page':
      return state.movePage(id(step.page), {
        parentId: step.parent ? id(step.parent) : undefined,
        spaceId: step.space ? spaceId(state, step.space) : undefined,
      });
    case 'copy-page': {
      const event = state.copyPage(id(step.page), { title: step.title });
      refs.set(step.ref, event.content.id);
      return event;
    }
    case 'set-restrictions':
      return state.setRestrictions(id(step.page), {
        read: { users: step.read, groups: [] },
        update: { users: step.update, groups: [] },
      });
    case 'add-label':
      return state.addLabel(id(step.page), { name: step.label });
    case 'remove-label':
      return state.removeLabel(id(step.page), { name: step.label });
    case 'set-state':
      return state.setContentState(id(step.page), { state: contentState(step.state) });
    case 'add-comment': {
      const event = state.addComment({
        pageId: id(step.page),
        body: body(step.body),
        authorId: step.author,
        location: step.location,
      });
      refs.set(step.ref, event.content.id);
      return event;
    }
    case 'update-comment':
      return state.updateComment(id(step.comment), { body: body(step.body) });
    case 'delete-comment':
      return state.deleteComment(id(step.comment));
    case 'set-faults': {
      const halo = env.halos.get(step.target);
      if (halo) {
        halo.injectFaults(haloFaults(step.faults));
        return undefined;
      }
      const receiver = env.receivers.get(step.target);
      if (!receiver) throw new Error(`set-faults: unknown target "${step.target}"`);
      receiver.setFaults(env.toReceiverFaults(step.faults));
      return undefined;
    }
    case 'wait':
    case 'reconcile':
    case 'backfill':
      return undefined;
    case 'raw-event':
      return step.payload;
    case 'redeliver':
      return previous;
    default:
      return assertNever(step, 'scenario step');
  }
}
