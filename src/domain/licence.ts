/**
 * Marketplace licensing. Forge passes `license` in the invocation context of production
 * installations of paid apps; development and staging installations carry none and are treated as
 * licensed. Only an explicit inactive licence stops Relay (shape per Forge docs; UNVERIFIED live).
 */
export interface LicenceContext {
  license?: { isActive?: boolean } | null;
}

export function isLicensed(context: LicenceContext | undefined): boolean {
  return context?.license?.isActive !== false;
}
