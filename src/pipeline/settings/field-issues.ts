import type { z } from 'zod';
import { describeIssues } from '../../domain/settings';
import type { FieldIssue } from './settings-api';

/**
 * Validation errors for the settings pages: the field, the schema's message, and zod's issue code,
 * so a page can word a generic problem (a missing value, a wrong kind of value) in the viewer's
 * language when the message itself has no translation.
 */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  const described = describeIssues(error);
  return described.map((issue, i) => ({ ...issue, code: error.issues[i]?.code ?? 'custom' }));
}
