// The dashboard shell: who is signed in, hash routes, and one view at a time.
import { can, setAccess } from './access.js';
import { refreshSession, signOut, whenSignedOut } from './api.js';
import { errorBox, h, replace, toast } from './dom.js';
import { bioPageEditorView } from './views/bioPageEditor.js';
import { bioPagesView } from './views/bioPages.js';
import { webhooksView } from './views/webhooks.js';
import { campaignPageView, campaignsView } from './views/campaigns.js';
import { compareView } from './views/compare.js';
import { insightsView } from './views/insights.js';
import { linkFormView } from './views/linkForm.js';
import { linkImportView } from './views/linkImport.js';
import { linkPageView } from './views/linkPage.js';
import { linksView } from './views/links.js';
import { overviewView } from './views/overview.js';
import { settingsView } from './views/settings.js';
import { signInView } from './views/signin.js';

// `scope`: what the view needs (all of a list); the nav and the routes hide what the signed-in key may not do.
const allowed = (route) => !route.scope || [route.scope].flat().every(can);
const ROUTES = [
  { path: /^\/signin$/, title: 'Sign in', view: signInView, public: true },
  { path: /^\/overview$/, title: 'Overview', nav: 'overview', scope: 'analytics:read', view: overviewView },
  { path: /^\/links$/, title: 'Links', nav: 'links', scope: 'links:read', view: linksView },
  { path: /^\/links\/new$/, title: 'New link', nav: 'links', scope: 'links:write', view: linkFormView },
  { path: /^\/links\/import$/, title: 'Import links', nav: 'links', scope: 'links:write', view: linkImportView },
  { path: /^\/links\/([^/]+)\/edit$/, title: 'Edit link', nav: 'links', scope: 'links:write', view: linkFormView },
  {
    path: /^\/link\/([^/]+)$/,
    title: 'Link',
    nav: 'links',
    scope: ['links:read', 'analytics:read'],
    view: linkPageView,
  },
  {
    path: /^\/campaigns$/,
    title: 'Campaigns',
    nav: 'campaigns',
    scope: ['analytics:read', 'links:read'],
    view: campaignsView,
  },
  {
    path: /^\/campaigns\/(.+)$/,
    title: 'Campaign',
    nav: 'campaigns',
    scope: ['analytics:read', 'links:read'],
    view: campaignPageView,
  },
  {
    path: /^\/compare$/,
    title: 'Compare posts',
    nav: 'compare',
    scope: ['analytics:read', 'links:read'],
    view: compareView,
  },
  { path: /^\/insights$/, title: 'Insights', nav: 'insights', scope: 'analytics:read', view: insightsView },
  { path: /^\/bio$/, title: 'Bio pages', nav: 'bio', scope: 'admin', view: bioPagesView },
  { path: /^\/bio\/new$/, title: 'New bio page', nav: 'bio', scope: 'admin', view: bioPageEditorView },
  { path: /^\/bio\/@([^/]+)$/, title: 'Bio page', nav: 'bio', scope: 'admin', view: bioPageEditorView },
  { path: /^\/webhooks$/, title: 'Webhooks', nav: 'webhooks', scope: 'admin', view: webhooksView },
  { path: /^\/settings$/, title: 'Settings', nav: 'settings', scope: 'admin', view: settingsView },
];
/** The first page the key may see: the overview, else its links, else settings. */
const home = () =>
  ['overview', 'links', 'settings']
    .map((p) => `#/${p}`)
    .find((hash) => {
      const route = ROUTES.find((r) => r.path.test(hash.slice(1)));
      return allowed(route);
    }) ?? '#/overview';

const main = document.getElementById('main');
let session = null;
let current = null;
let afterSignIn = null;
let signInNotice = null;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/overview';
  const [path, qs = ''] = raw.split('?');
  return { path, query: new URLSearchParams(qs) };
}

function showSession() {
  setAccess(session);
  document.getElementById('nav').hidden = !session;
  document.getElementById('who').hidden = !session;
  const limited = session?.campaigns ? ` · ${session.campaigns.join(', ')}` : '';
  document.getElementById('who-name').textContent = session ? `Key: ${session.principal.name}${limited}` : '';
  for (const a of document.querySelectorAll('[data-nav]')) {
    const route = ROUTES.find((r) => r.nav === a.dataset.nav);
    a.closest('li').hidden = Boolean(session && route && !allowed(route));
  }
}

function markNav(active) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function render() {
  if (current) {
    current.controller.abort();
    for (const fn of current.cleanups) fn();
  }
  const { path, query } = parseHash();
  const route = ROUTES.find((r) => r.path.test(path));
  if (!route) return location.replace(session ? home() : '#/signin');
  if (!route.public && !session) {
    afterSignIn = location.hash || null;
    return location.replace('#/signin');
  }
  if (route.public && session) return location.replace(home());
  if (!allowed(route)) {
    if (home() !== `#${path}`) return location.replace(home());
    // A key with none of the scopes the pages need (export only, say): say so rather than loop.
    markNav(null);
    replace(
      main,
      h('h1', {}, 'Nothing to show'),
      h(
        'p',
        {},
        'This key may not read links or analytics. Ask an admin for a key with the links:read or analytics:read scope.',
      ),
    );
    return;
  }

  markNav(route.nav);
  document.title = `${route.title} · linkpost`;
  const controller = new AbortController();
  const cleanups = [];
  current = { controller, cleanups };
  const hadFocusInMain = main.contains(document.activeElement);
  replace(main);
  const ctx = {
    main,
    path,
    query,
    params: route.path.exec(path).slice(1).map(decodeURIComponent),
    signal: controller.signal,
    session,
    notice: signInNotice,
    onCleanup: (fn) => cleanups.push(fn),
    /** Keeps filters in the address (shareable, survives reload) without re-rendering. */
    setQuery(params) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) {
        for (const item of Array.isArray(v) ? v : [v])
          if (item !== undefined && item !== null && item !== '') qs.append(k, item);
      }
      const s = qs.toString();
      history.replaceState(null, '', `#${path}${s ? `?${s}` : ''}`);
    },
    signedIn(newSession) {
      session = newSession;
      signInNotice = null;
      showSession();
      location.replace(!afterSignIn || afterSignIn.startsWith('#/signin') ? home() : afterSignIn);
    },
  };
  signInNotice = null;
  try {
    await route.view(ctx);
  } catch (e) {
    if (e?.name === 'AbortError' || controller.signal.aborted) return;
    main.append(errorBox(e, () => render()));
  }
  // Tell screen readers and keyboards the page changed: focus the new heading.
  if (!controller.signal.aborted && (hadFocusInMain || !main.contains(document.activeElement))) {
    const heading = main.querySelector('h1');
    if (heading && document.activeElement?.tagName !== 'INPUT') {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }
}

whenSignedOut(() => {
  if (!session) return;
  session = null;
  showSession();
  signInNotice = 'Your session has ended. Sign in again to continue.';
  afterSignIn = location.hash || null;
  location.replace('#/signin');
});

document.getElementById('signout').addEventListener('click', async () => {
  try {
    await signOut();
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  session = null;
  showSession();
  afterSignIn = null;
  signInNotice = 'You are signed out.';
  location.hash = '#/signin';
});

document.getElementById('skip').addEventListener('click', (e) => {
  e.preventDefault();
  (main.querySelector('h1') ?? main).focus();
});

async function boot() {
  try {
    session = await refreshSession();
  } catch (e) {
    replace(main, h('h1', {}, 'linkpost'), errorBox(e, boot));
    return;
  }
  showSession();
  window.addEventListener('hashchange', render);
  render();
}

boot();
