import type { ConvertOptions, ImageSource, LinkTarget, PageRef } from './convert-options';
import { safeUrl } from './safe-url';
import type { Warnings } from './warning-log';

const enc = encodeURIComponent;

/** Confluence's title URL (`/display/KEY/Page+Title`), which Cloud and Data Center both redirect. */
function titlePath(spaceKey: string, title: string): string {
  return `/display/${enc(spaceKey)}/${enc(title).replace(/%20/g, '+')}`;
}

/** Turns references into URLs: the caller's resolvers first, then Confluence's own URL patterns. */
export class UrlResolver {
  private readonly base: string | undefined;
  private readonly origin: string | undefined;

  constructor(
    private readonly options: ConvertOptions,
    private readonly warnings: Warnings,
  ) {
    this.base = options.baseUrl?.replace(/\/+$/, '') || undefined;
    this.origin = this.base === undefined ? undefined : /^https?:\/\/[^/]+/i.exec(this.base)?.[0];
  }

  /** Where readers see this page; dynamic macros point here. */
  pageUrl(): string | undefined {
    const url =
      this.options.pageUrl ??
      this.join(this.options.pageId, (id) => `/pages/viewpage.action?pageId=${enc(id)}`);
    return url === undefined ? undefined : safeUrl(url, 'link');
  }

  link(target: LinkTarget, anchor?: string): string | undefined {
    const raw = this.options.resolveLink?.(target) ?? this.defaultLink(target);
    if (raw === undefined) {
      // An anchor on a page whose URL is unknown is not an anchor of this page: no link at all.
      this.warnings.add('unresolved-link', `no URL for ${describe(target)}`);
      return undefined;
    }
    const url = this.checked(raw, 'link');
    return url === undefined || anchor === undefined || target.kind === 'anchor'
      ? url
      : `${url}#${fragment(anchor)}`;
  }

  image(source: ImageSource): string | undefined {
    const raw =
      this.options.resolveImage?.(source) ??
      (source.kind === 'url' ? source.url : this.attachment(source.filename, source.page));
    if (raw === undefined) {
      this.warnings.add('unresolved-image', `no URL for image ${describeImage(source)}`);
      return undefined;
    }
    return this.checked(this.absolute(raw), 'image');
  }

  /** For a plain `<a href>`: site-relative Confluence paths become absolute when the site is known. */
  href(raw: string): string | undefined {
    return this.checked(this.absolute(raw), 'link');
  }

  /** A site-relative path (`/wiki/…`) on the site's origin, when the site is known. */
  private absolute(raw: string): string {
    return raw.startsWith('/') && !raw.startsWith('//') && this.origin !== undefined
      ? this.origin + raw
      : raw;
  }

  userName(accountId: string): string {
    const name = this.options.resolveUser?.(accountId);
    if (name !== undefined && name.trim() !== '') return name.trim();
    this.warnings.add('unresolved-user', `no display name for user ${accountId || '(no account id)'}`);
    return 'Unknown user';
  }

  private defaultLink(target: LinkTarget): string | undefined {
    switch (target.kind) {
      case 'page':
      case 'blogpost':
        return this.titleUrl(target);
      case 'attachment':
        return this.attachment(target.filename, target.page);
      case 'user':
        return this.join(target.accountId, (id) => `/people/${enc(id)}`);
      case 'space':
        return this.join(target.spaceKey, (key) => `/display/${enc(key)}`);
      case 'content':
        return this.join(target.contentId, (id) => `/pages/viewpage.action?pageId=${enc(id)}`);
      case 'url':
        return target.url;
      case 'anchor':
        return `#${fragment(target.anchor)}`;
      case 'jira': {
        const jira = this.options.jiraBaseUrl?.replace(/\/+$/, '') ?? this.origin;
        return jira === undefined ? undefined : `${jira}/browse/${enc(target.key)}`;
      }
    }
  }

  private titleUrl(target: { title: string; spaceKey?: string; postingDay?: string }): string | undefined {
    const space = target.spaceKey ?? this.options.spaceKey;
    if (space === undefined || target.title === '') return undefined;
    const day = target.postingDay === undefined ? '' : `/${target.postingDay.split('/').map(enc).join('/')}`;
    if (day === '') return this.join(space, (key) => titlePath(key, target.title));
    return this.join(space, (key) => `/display/${enc(key)}${day}/${enc(target.title).replace(/%20/g, '+')}`);
  }

  private attachment(filename: string, page: PageRef | undefined): string | undefined {
    if (page !== undefined) return undefined;
    return this.join(this.options.pageId, (id) => `/download/attachments/${enc(id)}/${enc(filename)}`);
  }

  private join(value: string | undefined, path: (value: string) => string): string | undefined {
    return this.base === undefined || value === undefined || value === ''
      ? undefined
      : this.base + path(value);
  }

  private checked(raw: string, use: 'link' | 'image'): string | undefined {
    const url = safeUrl(raw, use);
    if (url === undefined)
      this.warnings.add('unsafe-url', `dropped unsafe URL ${JSON.stringify(raw.slice(0, 80))}`);
    return url;
  }
}

/** A fragment that survives HTML attributes and Markdown link destinations. */
export function fragment(anchor: string): string {
  return anchor.replace(/[\s"'<>()\\`[\]#]/g, (c) => enc(c));
}

function describe(target: LinkTarget): string {
  switch (target.kind) {
    case 'page':
    case 'blogpost':
      return `${target.kind} "${target.title}"${target.spaceKey === undefined ? '' : ` in space ${target.spaceKey}`}`;
    case 'attachment':
      return `attachment "${target.filename}"${target.page === undefined ? '' : ` of page "${target.page.title}"`}`;
    case 'user':
      return `user ${target.accountId}`;
    case 'space':
      return `space ${target.spaceKey}`;
    case 'content':
      return `content ${target.contentId}`;
    case 'url':
      return target.url;
    case 'anchor':
      return `#${target.anchor}`;
    case 'jira':
      return `Jira issue ${target.key}`;
  }
}

function describeImage(source: ImageSource): string {
  return source.kind === 'url' ? source.url : `"${source.filename}"`;
}
