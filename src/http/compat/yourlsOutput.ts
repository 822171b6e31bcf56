/** YOURLS's four output formats, and the HTTP status it takes from the answer itself. */
import type { Context } from 'hono';

export type YourlsResult = Record<string, unknown> & { simple?: string; statusCode?: number; errorCode?: number };
export const YOURLS_FORMATS = ['json', 'jsonp', 'xml', 'simple'] as const;
export type YourlsFormat = (typeof YOURLS_FORMATS)[number];

/** A JSONP callback is a dotted JavaScript name, nothing that could run as script. */
const CALLBACK = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
const xmlName = (key: string) => (/^[A-Za-z_][\w.-]*$/.test(key) ? key : `item`);

/** Nested elements, two spaces a level, as YOURLS's XML encoder lays them out. */
function xmlOf(fields: Record<string, unknown>, depth: number): string {
  const pad = '  '.repeat(depth);
  return Object.entries(fields)
    .map(([key, v]) => {
      const name = xmlName(key);
      if (v !== null && typeof v === 'object')
        return `${pad}<${name}>\n${xmlOf(v as Record<string, unknown>, depth + 1)}${pad}</${name}>\n`;
      return `${pad}<${name}>${v === null || v === undefined ? '' : escapeXml(String(v))}</${name}>\n`;
    })
    .join('');
}

/** Writes a result as YOURLS does: status from statusCode, else errorCode, else 200; `simple` is text only. */
export function yourlsOutput(c: Context, format: string, result: YourlsResult, callback?: string) {
  const { simple, ...rest } = result;
  const status = (Number(rest.statusCode ?? rest.errorCode ?? 200) || 200) as 200;
  switch (format) {
    case 'jsonp':
      if (!callback || !CALLBACK.test(callback) || callback.length > 100) {
        return c.json({ errorCode: 400, message: 'Missing or invalid "callback" parameter for jsonp' }, 400);
      }
      return c.body(`${callback}(${JSON.stringify(rest)})`, status, {
        'Content-Type': 'application/javascript; charset=utf-8',
      });
    case 'json':
      return c.json(rest, status);
    case 'xml':
      return c.body(`<?xml version="1.0" encoding="UTF-8"?>\n<result>\n${xmlOf(rest, 1)}</result>\n`, status, {
        'Content-Type': 'application/xml; charset=utf-8',
      });
    default:
      return c.body(simple ?? '', status, { 'Content-Type': 'text/plain; charset=utf-8' });
  }
}
