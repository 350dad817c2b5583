/**
 * Reading UI Kit form values (react-hook-form through `useForm`): text fields give strings,
 * checkboxes booleans, selects `{label, value}` options (arrays when multi). Nothing is validated
 * here: the resolver does that with the settings schemas and names the field.
 */
export type FormValues = Record<string, unknown>;

export function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export function optionalText(value: unknown): string | undefined {
  return text(value) || undefined;
}

/** Comma-separated entries, trimmed, empty ones dropped. */
export function list(value: unknown): string[] {
  return text(value)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export function choice(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && 'value' in value && typeof value.value === 'string')
    return value.value;
  return undefined;
}

export function choices(value: unknown): string[] {
  return Array.isArray(value) ? value.map(choice).filter((v): v is string => v !== undefined) : [];
}

/** Digits become a number; anything else is sent as typed, so the resolver names the field. */
export function wholeNumber(value: unknown): number | string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** A FAQ list: an id, `auto`, or empty (null: the target's default). */
export function faqListChoice(value: unknown): number | string | null {
  const raw = text(value);
  if (!raw) return null;
  return raw === 'auto' ? 'auto' : (wholeNumber(raw) ?? null);
}

/** Team ids typed as `3, 5`: numbers where they are numbers. */
export function numberList(value: unknown): Array<number | string> {
  return list(value).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
