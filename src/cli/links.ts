import { writeFileSync } from 'node:fs';
import { qrPng } from '../node/qrPng.js';
import { createLink, listLinks } from '../services/index.js';
import { qrCodeFor, qrSvg } from '../services/qrCode.js';
import type { Link } from '../domain/index.js';
import { stringFlag, UsageError, type CliContext } from './context.js';

export type Flags = Record<string, string | true>;

/**
 * Refuses options a command does not know, so a typo is an error instead of a silently
 * ignored filter. Boolean options that swallowed the next word (`--all foo`) give it back.
 */
export function checkFlags(
  flags: Flags,
  allowed: { values?: string[]; booleans?: string[] },
  usage: string,
  positional: string[] = [],
): void {
  const values = new Set(allowed.values ?? []);
  const booleans = new Set(allowed.booleans ?? []);
  for (const [name, value] of Object.entries(flags)) {
    if (booleans.has(name)) {
      if (value !== true) {
        positional.push(value);
        flags[name] = true;
      }
    } else if (!values.has(name)) {
      throw new UsageError(`unknown option --${name}\n${usage}`);
    } else if (value === true) {
      throw new UsageError(`--${name} needs a value\n${usage}`);
    }
  }
}

const LIST_USAGE = 'usage: links list [--campaign C] [--network N] [--q TEXT] [--limit N] [--all] [--json]';
const CREATE_USAGE =
  'usage: links create --url URL [--slug S] [--title T] [--campaign C] [--network N] [--posted-at ISO]';

const QR_USAGE =
  'usage: links qr SLUG --out FILE [--png] [--size PX] [--margin MODULES] [--fg RRGGBB] [--bg RRGGBB] [--ecc L|M|Q|H]';

const oneLine = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

function linkLine(link: Link, publicUrl: string): string {
  return [
    link.slug,
    `${publicUrl}/${link.slug}`,
    link.humanClicks,
    link.network ?? '',
    oneLine(link.campaign),
    iso(link.postedAt),
    oneLine(link.title),
  ].join('\t');
}

/** links list [filters] | links create --url … */
export async function linksCommand(ctx: CliContext, args: string[], flags: Flags) {
  const [action, ...rest] = args;
  if (action === 'list') {
    checkFlags(flags, { values: ['campaign', 'network', 'q', 'limit'], booleans: ['all', 'json'] }, LIST_USAGE, rest);
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"\n${LIST_USAGE}`);
    const filter = {
      campaign: flags.campaign,
      network: flags.network,
      q: flags.q,
      limit: flags.limit ?? (flags.all ? '500' : '50'),
    };
    let cursor: string | undefined;
    let shown = 0;
    if (!flags.json) ctx.out(['slug', 'short_url', 'clicks', 'network', 'campaign', 'posted_at', 'title'].join('\t'));
    do {
      const page = await listLinks(ctx.deps, { ...filter, cursor });
      for (const link of page.links) {
        ctx.out(
          flags.json
            ? JSON.stringify({ ...link, shortUrl: `${ctx.deps.publicUrl}/${link.slug}` })
            : linkLine(link, ctx.deps.publicUrl),
        );
      }
      shown += page.links.length;
      cursor = page.nextCursor ?? undefined;
    } while (flags.all && cursor);
    if (!flags.all && cursor) process.stderr.write(`${shown} shown; more with --all\n`);
    return;
  }
  if (action === 'create') {
    checkFlags(flags, { values: ['url', 'slug', 'title', 'campaign', 'network', 'posted-at'] }, CREATE_USAGE, rest);
    const url = stringFlag(flags, 'url');
    if (!url) throw new UsageError(`--url is required\n${CREATE_USAGE}`);
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"\n${CREATE_USAGE}`);
    const link = await createLink(ctx.deps, {
      url,
      slug: stringFlag(flags, 'slug'),
      title: stringFlag(flags, 'title'),
      campaign: stringFlag(flags, 'campaign'),
      network: stringFlag(flags, 'network'),
      postedAt: stringFlag(flags, 'posted-at'),
    });
    ctx.out(`${ctx.deps.publicUrl}/${link.slug}`);
    ctx.out(`  → ${link.destination}`);
    return;
  }
  if (action === 'qr') {
    checkFlags(flags, { values: ['out', 'size', 'margin', 'fg', 'bg', 'ecc'], booleans: ['png'] }, QR_USAGE, rest);
    const [slug, extra] = rest;
    const out = stringFlag(flags, 'out');
    if (!slug || extra !== undefined || !out) throw new UsageError(QR_USAGE);
    const png = flags.png === true || out.toLowerCase().endsWith('.png');
    const { out: _, png: __, ...options } = flags;
    const qr = await qrCodeFor(ctx.deps, slug, options);
    const image = png ? await qrPng(qr) : await qrSvg(qr);
    try {
      writeFileSync(out, image);
    } catch (e) {
      throw new UsageError(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    ctx.out(`${out}: ${png ? 'PNG' : 'SVG'} QR code of ${qr.text}`);
    return;
  }
  throw new UsageError(`${LIST_USAGE}\n${CREATE_USAGE}\n${QR_USAGE}`);
}
