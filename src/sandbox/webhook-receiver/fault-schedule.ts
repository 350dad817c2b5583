import type { FaultStep } from './receiver-types';

export type FaultAction = { kind: 'status'; status: number; retryAfterSeconds?: number } | { kind: 'hang' };

interface Pending {
  step: FaultStep;
  left: number;
}

/** Applies fault steps, in order, to successive requests; undefined means "answer normally". */
export class FaultSchedule {
  private pending: Pending[] = [];

  constructor(steps: readonly FaultStep[] = []) {
    this.replace(steps);
  }

  replace(steps: readonly FaultStep[]): void {
    this.pending = steps.map((step) => {
      if ('times' in step && (!Number.isInteger(step.times) || step.times < 1)) {
        throw new Error(`fault step times must be an integer ≥ 1: ${JSON.stringify(step)}`);
      }
      return { step: { ...step }, left: 'times' in step ? step.times : Infinity };
    });
  }

  next(now: number): FaultAction | undefined {
    for (let head = this.pending[0]; head !== undefined; head = this.pending[0]) {
      const { step } = head;
      if ('gone' in step) return { kind: 'status', status: 410 };
      if ('downUntil' in step) {
        if (now < step.downUntil) return { kind: 'status', status: step.status ?? 503 };
        this.pending.shift();
        continue;
      }
      head.left -= 1;
      if (head.left <= 0) this.pending.shift();
      if ('hang' in step) return { kind: 'hang' };
      return { kind: 'status', status: step.status, retryAfterSeconds: step.retryAfterSeconds };
    }
    return undefined;
  }
}
