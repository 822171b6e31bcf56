import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  csvRecord,
  NETWORKS,
  parseDestination,
  RESERVED_SLUGS,
  slugProblem,
  utmFor,
  withUtm,
} from '../../src/domain/index.js';
import { filenamePart } from '../../src/services/exportClicks.js';
import { ROOT } from '../support/server.js';

const DASHBOARD = join(ROOT, 'public', 'dashboard');
// A variable path keeps TypeScript from type-checking the browser module.
const mirrorPath = pathToFileURL(join(DASHBOARD, 'js', 'utm.js')).href;
const mirror = (await import(mirrorPath)) as any;
const csvMirror = (await import(pathToFileURL(join(DASHBOARD, 'js', 'csv.js')).href)) as any;

const sources = readdirSync(join(DASHBOARD, 'js'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.js'))
  .map((f) => ({ file: f, text: readFileSync(join(DASHBOARD, 'js', f), 'utf8') }));

describe('the dashboard files', () => {
  it('serves the same Chart.js build as the installed chart.js package', () => {
    // Committed so Workers [assets] and `npm install --ignore-scripts` still serve it;
    // after upgrading chart.js run `npm run vendor:chart`.
    const vendored = readFileSync(join(DASHBOARD, 'vendor', 'chart.umd.min.js'));
    const installed = readFileSync(join(ROOT, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js'));
    expect(vendored.equals(installed)).toBe(true);
  });

  it('serves the same Papa Parse build as the installed papaparse package', () => {
    // Committed like Chart.js; after upgrading papaparse run `npm run vendor:papaparse`.
    const vendored = readFileSync(join(DASHBOARD, 'vendor', 'papaparse.min.js'));
    const installed = readFileSync(join(ROOT, 'node_modules', 'papaparse', 'papaparse.min.js'));
    expect(vendored.equals(installed)).toBe(true);
  });

  it('serves the same Swagger UI build as the installed swagger-ui-dist package', () => {
    // The API reference (public/docs/api); after upgrading swagger-ui-dist run `npm run vendor:swagger-ui`.
    for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
      const vendored = readFileSync(join(ROOT, 'public', 'docs', 'api', 'vendor', file));
      expect(vendored.equals(readFileSync(join(ROOT, 'node_modules', 'swagger-ui-dist', file))), file).toBe(true);
    }
  });

  it('never builds markup from strings', () => {
    for (const { file, text } of sources) {
      expect(text, file).not.toMatch(
        /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/,
      );
      expect(text, file).not.toMatch(/setAttribute\(\s*['"]style['"]/);
    }
  });

  it('has no inline script, style or event handler the CSP would block', () => {
    const html = readFileSync(join(DASHBOARD, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
  });
});

describe('the form preview mirrors the server’s UTM and URL rules', () => {
  const urls = [
    'https://example.com/launch',
    'https://example.com/?ref=home',
    'https://example.com/a?utm_source=keep',
    'https://example.com/a?x=1&utm_campaign=mine#frag',
    'http://Example.com:8080/path%20x?q=a+b',
    'https://example.com/é?name=José',
  ];
  const campaigns = [null, '', 'Spring Launch', '  Black   Friday 2026 ', 'Été'];
  const networks = [null, ...NETWORKS];
  const explicits = [
    {},
    { source: 'partner', term: ' shoes ' },
    { medium: 'paid', content: '' },
    { campaign: 'override' },
  ];

  it('derives the same tags and the same destination for every combination', () => {
    for (const url of urls) {
      for (const campaign of campaigns) {
        for (const network of networks) {
          for (const explicit of explicits) {
            const server = withUtm(new URL(url), utmFor(network, campaign, explicit));
            const browser = mirror.withUtm(new URL(url), mirror.utmFor(network, campaign, explicit));
            expect(browser, `${url} ${network} ${campaign} ${JSON.stringify(explicit)}`).toBe(server);
          }
        }
      }
    }
  });

  it('finds the explicit overrides of a stored link', () => {
    const link = {
      network: 'linkedin',
      campaign: 'Spring',
      utm: { ...utmFor('linkedin', 'Spring', { term: 'x', medium: 'paid' }) },
    };
    expect(mirror.explicitUtm(link)).toEqual({ term: 'x', medium: 'paid' });
  });

  it.each([
    'https://example.com',
    'ftp://example.com/file',
    'https://user:pw@example.com',
    'example.com',
    '',
    `https://example.com/${'a'.repeat(2100)}`,
    'http://lp.test/loop',
    'javascript:alert(1)',
    'https://',
  ])('agrees with the server on whether %s is a valid destination', (raw) => {
    let serverOk = true;
    try {
      parseDestination(raw, 'lp.test');
    } catch {
      serverOk = false;
    }
    expect(!mirror.checkDestination(raw, 'lp.test').problem).toBe(serverOk);
  });

  it('reserves the same slugs and allows the same characters', () => {
    expect([...mirror.RESERVED_SLUGS].sort()).toEqual([...RESERVED_SLUGS].sort());
    for (const slug of ['ok', 'API', 'has space', 'a'.repeat(65), 'a'.repeat(64), 'x_y-z', 'ümlaut', 'Dashboard']) {
      expect(mirror.slugProblem(slug) === null, slug).toBe(slugProblem(slug) === null);
    }
    expect(mirror.NETWORKS).toEqual([...NETWORKS]);
  });
});

describe('the browser’s CSV (Compare’s download) writes what the server’s exports write', () => {
  const values = [
    'plain',
    'with, comma',
    'with "quotes"',
    'line\nbreak',
    'cr\rhere',
    '=SUM(A1:A9)',
    '+1',
    '-2',
    '@cmd',
    '\tTab',
    '\rCR',
    "'already",
    '',
    null,
    undefined,
    0,
    42,
    -3,
    true,
    false,
    'Été',
    '=1,"x"',
  ];

  it('quotes and neutralises every cell alike', () => {
    for (const v of values) expect(csvMirror.csvRecord([v]), JSON.stringify(v)).toBe(csvRecord([v]));
    expect(csvMirror.csvRecord(values)).toBe(csvRecord(values));
  });

  it('names files alike', () => {
    for (const v of ['Spring Launch', '  Black   Friday 2026 ', 'Été à Paris', 'a'.repeat(60), '--x--', '日本']) {
      expect(csvMirror.filenamePart(v), v).toBe(filenamePart(v));
    }
  });
});
