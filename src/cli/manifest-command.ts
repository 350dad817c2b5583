import { validate } from '@forge/manifest';

/**
 * `relay manifest`: validates manifest.yml offline with @forge/manifest (the full schema plus the
 * semantic validators: handler files, scopes, egress, timeouts). Fails on any error or warning.
 */
export async function manifestCommand(): Promise<number> {
  const result = await validate(false);
  const problems = result.errors ?? [];
  for (const problem of problems) {
    console.error(`manifest.yml:${problem.line ?? '?'} ${problem.level}: ${problem.message}`);
  }
  if (!result.success || problems.length > 0) {
    console.error(`manifest.yml: ${problems.length} problem(s)`);
    return 1;
  }
  console.log('manifest.yml: valid');
  return 0;
}
