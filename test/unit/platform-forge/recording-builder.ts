/** A fluent kvs builder stub that records every call in order; getMany/execute are plain mocks. */
export interface RecordingBuilder {
  builder: Record<string, jest.Mock> & { getMany: jest.Mock; execute: jest.Mock };
  calls: Array<[string, ...unknown[]]>;
}

export function recordingBuilder(methods: string[], page: unknown = { results: [] }): RecordingBuilder {
  const calls: Array<[string, ...unknown[]]> = [];
  const builder: RecordingBuilder['builder'] = {
    getMany: jest.fn(async () => page),
    execute: jest.fn(async () => undefined),
  };
  for (const method of methods) {
    builder[method] = jest.fn((...args: unknown[]) => {
      calls.push([method, ...args]);
      return builder;
    });
  }
  return { builder, calls };
}

/** A kvs Filter as its wire form `{and|or: [...]}`, for comparing builder arguments. */
export function filterWire(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('operator' in value) || !('filters' in value))
    return value;
  const { operator, filters } = value;
  if (typeof operator !== 'function' || typeof filters !== 'function') return value;
  return { [operator.call(value)]: filters.call(value) };
}
