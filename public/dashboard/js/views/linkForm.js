import { ownCampaigns } from '../access.js';
import { api, get } from '../api.js';
import { campaignNames } from '../campaignLists.js';
import { field, h, loading, replace, setFieldError, toast } from '../dom.js';
import { fromLocalInput, timeZone, toLocalInput, linkName } from '../format.js';
import {
  checkDestination,
  explicitUtm,
  NETWORKS,
  networkLabel,
  slugProblem,
  UTM_FIELDS,
  utmFor,
  withUtm,
} from '../utm.js';
import { destinationPreview } from './preview.js';

/** Which field an API error belongs to, by its code or the path zod reported. */
const FIELD_FOR_CODE = { invalid_url: 'url', slug_taken: 'slug', slug_reserved: 'slug', invalid_slug: 'slug' };

/** Create a link (#/links/new) or edit one (#/links/SLUG/edit), previewing the tagged destination. */
export async function linkFormView(ctx) {
  const slug = ctx.params[0] ?? null;
  const opts = { signal: ctx.signal };
  let link = null;
  if (slug !== null) {
    const wait = loading('Loading the link…');
    ctx.main.append(wait);
    link = await get(`/api/links/${encodeURIComponent(slug)}`, {}, opts);
    wait.remove();
  }
  const overrides = link ? explicitUtm(link) : {};

  const c = {
    url: h('input', {
      type: 'url',
      required: true,
      value: link?.url ?? '',
      placeholder: 'https://example.com/blog/launch',
      autocomplete: 'url',
      inputmode: 'url',
    }),
    title: h('input', {
      type: 'text',
      maxlength: 300,
      value: link?.title ?? '',
      placeholder: 'What the post is about',
    }),
    campaign: h('input', {
      type: 'text',
      maxlength: 100,
      value: link?.campaign ?? ownCampaigns()?.[0] ?? '',
      list: 'campaign-suggestions',
      placeholder: 'Spring Launch',
      autocomplete: 'off',
      required: ownCampaigns() !== null,
    }),
    network: h(
      'select',
      {},
      h('option', { value: '' }, 'Not set'),
      NETWORKS.map((n) => h('option', { value: n, selected: n === link?.network }, networkLabel(n))),
    ),
    postedAt: h('input', { type: 'datetime-local', value: toLocalInput(link?.postedAt) }),
    slug: h('input', {
      type: 'text',
      maxlength: 64,
      value: link?.slug ?? '',
      placeholder: 'random',
      autocomplete: 'off',
      spellcheck: 'false',
      readonly: link ? true : null,
      class: 'mono',
    }),
    expiresAt: h('input', { type: 'datetime-local', value: toLocalInput(link?.expiresAt) }),
    maxClicks: h('input', { type: 'number', min: 1, step: 1, inputmode: 'numeric', value: link?.maxClicks ?? '' }),
    disabled: h('input', { type: 'checkbox', checked: link?.disabled }),
    previewTitle: h('input', {
      type: 'text',
      maxlength: 200,
      value: link?.preview?.title ?? '',
      placeholder: 'The card’s headline',
    }),
    previewDescription: h(
      'textarea',
      { maxlength: 500, rows: 2, placeholder: 'One or two sentences under it' },
      link?.preview?.description ?? '',
    ),
    previewImageUrl: h('input', {
      type: 'url',
      value: link?.preview?.imageUrl ?? '',
      placeholder: 'https://…/card.png',
      inputmode: 'url',
    }),
  };
  const utm = Object.fromEntries(
    UTM_FIELDS.map((f) => [
      f,
      h('input', { type: 'text', maxlength: 200, value: overrides[f] ?? '', autocomplete: 'off' }),
    ]),
  );
  const suggestions = h('datalist', { id: 'campaign-suggestions' });
  const preview = h('output', { class: 'preview', 'aria-live': 'polite', for: 'lf-url lf-campaign lf-network' });
  const card = h('aside', { class: 'card social-card-box', 'aria-labelledby': 'card-h', hidden: true });
  const status = h('div', { class: 'form-status', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, link ? 'Save changes' : 'Create link');

  const form = h(
    'form',
    { class: 'link-form', novalidate: true, 'aria-labelledby': 'lf-title-h' },
    h(
      'div',
      { class: 'form-main card stack' },
      field('lf-url', 'Destination URL', c.url, 'Where people land. Parameters already on it are kept.'),
      field('lf-title', 'Title', c.title, 'For you; people following the link never see it.'),
      h(
        'div',
        { class: 'row' },
        field(
          'lf-campaign',
          'Campaign',
          c.campaign,
          ownCampaigns()
            ? `This key works in ${ownCampaigns()
                .map((n) => `“${n}”`)
                .join(', ')} only.`
            : 'Pick an existing one to group posts, or type a new one.',
        ),
        field('lf-network', 'Network', c.network, 'Where this post is published: sets utm_source.'),
      ),
      h(
        'div',
        { class: 'row' },
        field(
          'lf-postedAt',
          'Posted at',
          c.postedAt,
          `When the post goes live, in your time (${timeZone}). Empty: the creation time. Compare lines posts up on it.`,
        ),
        field(
          'lf-slug',
          'Custom slug',
          c.slug,
          link
            ? 'A slug cannot change once people may have the link.'
            : 'Optional: 1–64 letters, digits, "_" or "-". Empty: a random one.',
        ),
      ),
      h(
        'details',
        { class: 'more-options', open: Object.keys(overrides).length > 0 ? true : null },
        h('summary', {}, 'UTM overrides'),
        h('p', { class: 'hint' }, 'Only to replace what linkpost derives from the network and campaign.'),
        h(
          'div',
          { class: 'grid-utm' },
          UTM_FIELDS.map((f) => field(`lf-utm-${f}`, `utm_${f}`, utm[f])),
        ),
      ),
      h(
        'details',
        { class: 'more-options', open: link?.preview ? true : null },
        h('summary', {}, 'Social preview card'),
        h(
          'p',
          { class: 'hint' },
          'Shown by Facebook, LinkedIn, X, Slack and other apps that draw a card for the link. Without one, they show the destination’s own card.',
        ),
        field('lf-preview-title', 'Card headline', c.previewTitle),
        field('lf-preview-description', 'Card text', c.previewDescription),
        field(
          'lf-preview-imageUrl',
          'Card image (https URL)',
          c.previewImageUrl,
          'About 1200 × 630 pixels; networks fetch it themselves.',
        ),
      ),
      h(
        'details',
        { class: 'more-options', open: link?.expiresAt || link?.maxClicks ? true : null },
        h('summary', {}, 'Expiry and click limit'),
        h(
          'div',
          { class: 'row' },
          field('lf-expiresAt', 'Expires at', c.expiresAt, 'After this the short link answers "no longer active".'),
          field('lf-maxClicks', 'Click limit', c.maxClicks, 'Human clicks allowed; bots do not count.'),
        ),
      ),
      link
        ? h(
            'div',
            { class: 'check' },
            c.disabled,
            h('label', { for: 'lf-disabled' }, 'Disabled: the short link stops redirecting'),
          )
        : null,
    ),
    h(
      'div',
      { class: 'side' },
      h(
        'aside',
        { class: 'card preview-card', 'aria-labelledby': 'preview-h' },
        h('h2', { id: 'preview-h' }, 'Final destination'),
        h('p', { class: 'hint' }, 'What people reach after the short link, with its UTM tags.'),
        preview,
      ),
      card,
      h(
        'div',
        { class: 'form-actions' },
        status,
        submit,
        h('a', { class: 'btn', href: link ? `#/link/${encodeURIComponent(link.slug)}` : '#/links' }, 'Cancel'),
        link ? h('button', { type: 'button', class: 'btn btn-danger', onclick: remove }, 'Delete link') : null,
      ),
    ),
  );
  c.disabled.id = 'lf-disabled';

  ctx.main.append(
    h('div', { class: 'page-head' }, h('h1', { id: 'lf-title-h' }, link ? `Edit “${linkName(link)}”` : 'New link')),
    form,
    suggestions,
  );

  const currentUtm = () => Object.fromEntries(UTM_FIELDS.map((f) => [f, utm[f].value]).filter(([, v]) => v.trim()));

  function renderPreview() {
    const network = c.network.value || null;
    const campaign = c.campaign.value;
    const tags = utmFor(network, campaign, currentUtm());
    for (const f of UTM_FIELDS) utm[f].placeholder = utmFor(network, campaign)[f] ?? '';
    const checked = checkDestination(c.url.value);
    preview.replaceChildren(destinationPreview(checked, tags, withUtm));
    renderCard(checked);
  }

  /** How a network will draw the card; the image is fetched by the network, not here. */
  function renderCard(checked) {
    const title = c.previewTitle.value.trim();
    card.hidden = !title;
    if (!title) return;
    const image = c.previewImageUrl.value.trim();
    let imageHost = null;
    try {
      imageHost = image ? new URL(image).host : null;
    } catch {
      imageHost = null;
    }
    replace(
      card,
      h('h2', { id: 'card-h' }, 'Card preview'),
      h(
        'div',
        { class: 'social-card', dataset: { image: imageHost ? 'yes' : 'no' } },
        imageHost ? h('div', { class: 'social-card-image' }, `Image from ${imageHost}`) : null,
        h(
          'div',
          { class: 'social-card-text' },
          h('p', { class: 'social-card-host' }, checked.url ? checked.url.host : ''),
          h('p', { class: 'social-card-title' }, title),
          c.previewDescription.value.trim()
            ? h('p', { class: 'social-card-description' }, c.previewDescription.value.trim())
            : null,
        ),
      ),
    );
  }
  form.addEventListener('input', renderPreview);
  form.addEventListener('change', renderPreview);
  renderPreview();

  campaignNames(opts).then(
    (names) => suggestions.replaceChildren(...names.map((n) => h('option', { value: n }))),
    () => {}, // suggestions are a convenience; typing a campaign still works
  );

  function clearErrors() {
    status.replaceChildren();
    for (const id of [
      'url',
      'title',
      'campaign',
      'network',
      'postedAt',
      'slug',
      'expiresAt',
      'maxClicks',
      'preview-title',
      'preview-description',
      'preview-imageUrl',
      ...UTM_FIELDS.map((f) => `utm-${f}`),
    ]) {
      setFieldError(form, `lf-${id}`, null);
    }
  }

  /** Checks in the browser what it can, marking fields; returns whether to send. */
  function precheck() {
    const problems = [];
    const dest = checkDestination(c.url.value);
    if (dest.problem) problems.push(['url', dest.problem]);
    const s = c.slug.value.trim();
    if (!link && s && slugProblem(s)) problems.push(['slug', slugProblem(s)]);
    if (c.maxClicks.value && !(Number(c.maxClicks.value) >= 1 && Number.isInteger(Number(c.maxClicks.value)))) {
      problems.push(['maxClicks', 'Enter a whole number of at least 1, or leave it empty.']);
    }
    for (const [id, message] of problems) setFieldError(form, `lf-${id}`, message);
    if (problems.length) form.querySelector(`#lf-${problems[0][0]}`).focus();
    return problems.length === 0;
  }

  function body() {
    const out = {
      url: c.url.value.trim(),
      title: c.title.value.trim() || null,
      campaign: c.campaign.value.trim() || null,
      network: c.network.value || null,
      postedAt: fromLocalInput(c.postedAt.value),
      expiresAt: fromLocalInput(c.expiresAt.value),
      maxClicks: c.maxClicks.value ? Number(c.maxClicks.value) : null,
      preview:
        c.previewTitle.value.trim() || c.previewDescription.value.trim() || c.previewImageUrl.value.trim()
          ? {
              title: c.previewTitle.value.trim(),
              description: c.previewDescription.value.trim() || null,
              imageUrl: c.previewImageUrl.value.trim() || null,
            }
          : null,
    };
    const overridesNow = currentUtm();
    if (link) {
      out.utm = overridesNow; // replaces the old overrides; {} means derived tags only
      out.disabled = c.disabled.checked;
    } else {
      if (Object.keys(overridesNow).length) out.utm = overridesNow;
      if (c.slug.value.trim()) out.slug = c.slug.value.trim();
    }
    return out;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    if (!precheck()) return;
    submit.disabled = true;
    try {
      const saved = link
        ? await api('PATCH', `/api/links/${encodeURIComponent(link.slug)}`, body(), opts)
        : await api('POST', '/api/links', body(), opts);
      toast(link ? `Saved ${saved.shortUrl}` : `Created ${saved.shortUrl}`);
      location.hash = `#/links?highlight=${encodeURIComponent(saved.slug)}`;
    } catch (err) {
      if (err.name === 'AbortError') return;
      showServerError(err);
    } finally {
      submit.disabled = false;
    }
  });

  function showServerError(err) {
    const paths = err.details?.issues?.map((i) => i.path).filter(Boolean) ?? [];
    const target = FIELD_FOR_CODE[err.code] ?? paths[0]?.replace('.', '-');
    const message = err.code === 'invalid_input' ? err.message.replace(/^[\w.]+: /, '') : err.message;
    if (target && setFieldError(form, `lf-${target}`, message)) form.querySelector(`#lf-${target}`).focus();
    else status.replaceChildren(h('p', { class: 'notice notice-error' }, err.message));
  }

  async function remove() {
    if (!confirm(`Delete “${linkName(link)}”? Its clicks are deleted too, and ${link.shortUrl} stops working.`)) return;
    try {
      await api('DELETE', `/api/links/${encodeURIComponent(link.slug)}`, undefined, opts);
      toast(`Deleted ${link.shortUrl}`);
      location.hash = '#/links';
    } catch (err) {
      status.replaceChildren(h('p', { class: 'notice notice-error' }, err.message));
    }
  }
}
