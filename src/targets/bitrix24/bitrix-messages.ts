import { escapeBbcode } from '../../convert/bbcode-dialect';
import type { BitrixTargetSettings } from '../../domain/settings';

/** Message texts per language; placeholders {title}, {author}, {date}, {url}. */
export const DEFAULT_TEMPLATES = {
  en: {
    update: 'Page "{title}" was updated by {author}, {date}. Link: {url}',
    remove: 'Page "{title}" was removed from Confluence by {author}, {date}. It was at: {url}',
    someone: 'a Confluence user',
    newPage: 'New page in Confluence',
    updatedPage: 'Page updated in Confluence',
    newComment: 'New comment in Confluence',
    by: 'by',
    on: 'on',
  },
  ru: {
    update: 'Страница "{title}" обновлена {author}, {date}. Ссылка: {url}',
    remove: 'Страница "{title}" удалена из Confluence {author}, {date}. Была по адресу: {url}',
    someone: 'пользователем Confluence',
    newPage: 'Новая страница в Confluence',
    updatedPage: 'Страница обновлена в Confluence',
    newComment: 'Новый комментарий в Confluence',
    by: 'автор:',
    on: 'к странице',
  },
} as const;

/** B.4: 20,000 characters per message (UNVERIFIED for im.message.add; stated for bots). */
export const MESSAGE_LIMIT = 20_000;
const SUMMARY_CHARS = 500;

export interface MessageFacts {
  title: string;
  author?: string;
  /** ISO time of the change. */
  at: string;
  url: string;
}

/** `2026-01-05 09:00 UTC`: portals show users their own zone, a message cannot. */
export function formatDate(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A template filled in: values are escaped so that a title cannot inject BB-code. */
export function fillTemplate(template: string, facts: MessageFacts, settings: BitrixTargetSettings): string {
  const words = DEFAULT_TEMPLATES[settings.language];
  const values: Record<string, string> = {
    title: escapeBbcode(facts.title),
    author: escapeBbcode(facts.author ?? words.someone),
    date: formatDate(facts.at),
    url: facts.url,
  };
  return clamp(template.replace(/\{(title|author|date|url)\}/g, (_m, k: string) => values[k] ?? ''));
}

export function updateComment(facts: MessageFacts, settings: BitrixTargetSettings): string {
  return fillTemplate(
    settings.updateTemplate ?? DEFAULT_TEMPLATES[settings.language].update,
    facts,
    settings,
  );
}

export function removeComment(facts: MessageFacts, settings: BitrixTargetSettings): string {
  return fillTemplate(
    settings.removeTemplate ?? DEFAULT_TEMPLATES[settings.language].remove,
    facts,
    settings,
  );
}

/**
 * The start of the converter's BB-code: whole lines while every tag they open is closed on the same
 * line, up to 500 characters; else the plain-text rendering cut there (escaped).
 */
export function summaryOf(bbcode: string | undefined, text: string | undefined): string {
  const lines: string[] = [];
  let size = 0;
  for (const line of (bbcode ?? '').split('\n')) {
    if (line.trim() === '') {
      if (lines.length > 0) break;
      continue;
    }
    if (size + line.length > SUMMARY_CHARS || !balanced(line)) break;
    lines.push(line);
    size += line.length + 1;
  }
  if (lines.length > 0) return lines.join('\n');
  const plain = (text ?? '').replace(/\s+/g, ' ').trim();
  return escapeBbcode(plain.length > SUMMARY_CHARS ? `${plain.slice(0, SUMMARY_CHARS - 1)}…` : plain);
}

function balanced(line: string): boolean {
  const open = new Map<string, number>();
  for (const m of line.matchAll(/\[(\/?)([a-z]+)(?:=[^\]]*)?\]/gi)) {
    const tag = (m[2] ?? '').toLowerCase();
    if (tag === 'br') continue;
    open.set(tag, (open.get(tag) ?? 0) + (m[1] === '/' ? -1 : 1));
  }
  return [...open.values()].every((n) => n === 0);
}

const bbUrl = (url: string) => url.replace(/[[\]\s]/g, (c) => encodeURIComponent(c));

/** A chat or personal message: heading, linked title, author, summary (B.5), within the limit. */
export function chatMessage(
  kind: 'newPage' | 'updatedPage' | 'newComment',
  facts: MessageFacts & { summary?: string },
  settings: BitrixTargetSettings,
): string {
  const words = DEFAULT_TEMPLATES[settings.language];
  const author = facts.author ? ` ${words.by} ${escapeBbcode(facts.author)}` : '';
  const link = `[url=${bbUrl(facts.url)}]${escapeBbcode(facts.title)}[/url]`;
  const head = `[b]${words[kind]}[/b][br]${kind === 'newComment' ? `${words.on} ` : ''}${link}${author}, ${formatDate(facts.at)}`;
  return clamp(facts.summary ? `${head}[br]${facts.summary}` : head);
}

function clamp(text: string): string {
  return text.length <= MESSAGE_LIMIT ? text : `${text.slice(0, MESSAGE_LIMIT - 6)} (...)`;
}
