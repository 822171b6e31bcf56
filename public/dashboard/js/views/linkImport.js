import { api } from '../api.js';
import { cell, errorBox, h, loading, replace, toast } from '../dom.js';
import { linkName } from '../format.js';
import { networkLabel } from '../utm.js';

/** The CLI import's columns (src/services/importLinks.ts), as the bulk API names each field. */
const COLUMNS = {
  url: 'url',
  slug: 'slug',
  title: 'title',
  campaign: 'campaign',
  network: 'network',
  posted_at: 'postedAt',
  preview_title: 'preview.title',
  preview_description: 'preview.description',
  preview_image_url: 'preview.imageUrl',
};
const MAX_ROWS = 1000;

/**
 * Reads a CSV file (Papa Parse, served from vendor/) into bulk API rows, each with the
 * spreadsheet row it came from (the header is row 1). Throws a message for a file it cannot use.
 */
export function readCsv(text) {
  const Papa = window.Papa;
  if (!Papa) throw new Error('The CSV reader did not load; reload the page.');
  const { data, errors } = Papa.parse(text.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: false });
  const broken = errors.find((e) => e.type === 'Quotes');
  if (broken) throw new Error(`Not a readable CSV file: ${broken.message} (row ${broken.row + 1}).`);
  const [head = [], ...records] = data;
  const header = head.map((c) => String(c).trim().toLowerCase());
  const unknown = header.filter((c) => c !== '' && !(c in COLUMNS));
  if (unknown.length) throw new Error(`Unknown column "${unknown[0]}". Use ${Object.keys(COLUMNS).join(', ')}.`);
  if (!header.includes('url')) throw new Error('The first row must name the columns, and one of them must be "url".');
  const rows = [];
  records.forEach((record, i) => {
    if (record.every((v) => String(v).trim() === '')) return; // an emptied spreadsheet row
    const link = {};
    header.forEach((column, c) => {
      const value = String(record[c] ?? '').trim();
      if (!column || !value) return;
      const [field, sub] = COLUMNS[column].split('.');
      if (sub) link[field] = { title: '', ...link[field], [sub]: value };
      else link[field] = value;
    });
    link.url ??= '';
    rows.push({ row: i + 2, link });
  });
  if (rows.length === 0) throw new Error('The file has a header but no rows.');
  if (rows.length > MAX_ROWS)
    throw new Error(`The file has ${rows.length} rows; import at most ${MAX_ROWS} at a time.`);
  return rows;
}

/** The server's dry run gives rows without a slug a random one; the real one is drawn at creation. */
const previewTable = (links, rows) =>
  h(
    'table',
    { class: 'table cards-on-phone' },
    h('caption', { class: 'offscreen' }, 'Links to be created'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Slug', 'Post', 'Campaign', 'Network', 'Destination'].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      {},
      links.map((l, i) =>
        h(
          'tr',
          {},
          cell('Slug', rows[i].link.slug ?? h('span', { class: 'muted' }, 'random')),
          cell('Post', linkName(l)),
          cell('Campaign', l.campaign ?? '—'),
          cell('Network', l.network ? networkLabel(l.network) : '—'),
          cell({ label: 'Destination', class: 'url' }, l.destination),
        ),
      ),
    ),
  );

const rejectedTable = (problems, rows) =>
  h(
    'table',
    { class: 'table cards-on-phone', id: 'import-rejected' },
    h('caption', {}, 'Rejected rows'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Row'), h('th', { scope: 'col' }, 'Why'))),
    h(
      'tbody',
      {},
      problems.map((p) => h('tr', {}, cell('Row', String(rows[p.index].row)), cell('Why', p.message))),
    ),
  );

/** Import: choose a CSV, see every row checked by the server (a dry run), then create them all. */
export async function linkImportView(ctx) {
  const input = h('input', {
    type: 'file',
    id: 'import-file',
    accept: '.csv,text/csv',
    'aria-describedby': 'import-hint',
  });
  const result = h('div', { class: 'import-result', 'aria-live': 'polite' });
  ctx.main.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'Import links'),
      h('a', { class: 'btn', href: '#/links' }, 'Back to links'),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'import-file' }, 'CSV file'),
      input,
      h(
        'p',
        { class: 'hint', id: 'import-hint' },
        `Columns: ${Object.keys(COLUMNS).join(', ')}; only url is required. Up to ${MAX_ROWS} rows. `,
        'Nothing is created until you confirm, and then all rows are created or none.',
      ),
    ),
    result,
  );

  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    let rows;
    try {
      rows = readCsv(await file.text());
    } catch (e) {
      replace(result, errorBox(e));
      return;
    }
    replace(result, loading(`Checking ${rows.length} rows…`));
    const body = { links: rows.map((r) => r.link) };
    try {
      const preview = await api('POST', '/api/links/bulk?dryRun=true', body, { signal: ctx.signal });
      const create = h(
        'button',
        { type: 'button', class: 'btn btn-primary', id: 'import-create' },
        `Create ${preview.links.length} link${preview.links.length === 1 ? '' : 's'}`,
      );
      create.addEventListener('click', async () => {
        create.disabled = true;
        try {
          const { links } = await api('POST', '/api/links/bulk', body, { signal: ctx.signal });
          toast(`Created ${links.length} link${links.length === 1 ? '' : 's'}`);
          location.hash = '#/links';
        } catch (e) {
          if (e.name === 'AbortError') return;
          create.disabled = false;
          result.prepend(errorBox(e));
        }
      });
      replace(
        result,
        h('p', { role: 'status' }, `All ${rows.length} rows are valid.`),
        create,
        previewTable(preview.links, rows),
      );
    } catch (e) {
      if (e.name === 'AbortError') return;
      if ((e.code === 'invalid_rows' || e.code === 'forbidden_scope') && e.details?.rows) {
        const problems = e.details.rows;
        replace(
          result,
          h(
            'p',
            { class: 'notice notice-error', role: 'alert' },
            `${problems.length} of ${rows.length} rows cannot be imported, so nothing was created. Fix them and choose the file again.`,
          ),
          rejectedTable(problems, rows),
        );
      } else replace(result, errorBox(e));
    }
  });
}
