import type { Report } from '../domain/index.js';
import { escapeHtml } from './pages.js';

/**
 * The report pages' policy: scripts, styles and data from this server only (the page's
 * module, Chart.js and the styles under /dashboard), nothing inline, nothing third-party.
 */
export const REPORT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Crawlers that find a report link anyway are told not to index or follow it. */
export const REPORT_ROBOTS = 'noindex, nofollow, noarchive';

const head = (title: string, extra = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="${REPORT_ROBOTS}"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/dashboard/css/dashboard.css"><link rel="stylesheet" href="/dashboard/css/insights.css">
<link rel="stylesheet" href="/dashboard/report/report.css">${extra}</head>`;

/** What the report covers, in words: its campaign, or how many posts it lists. */
export function scopeText(report: Report): string {
  if ('campaign' in report.scope) return `Campaign: ${report.scope.campaign}`;
  const n = report.scope.slugs.length;
  return n === 1 ? 'One post' : `${n} posts`;
}

/**
 * The report's page: its title and scope from the server, every figure drawn by
 * /dashboard/report/report.js from the report's own JSON routes (/r/<token>/data/…).
 */
export function reportPageHtml(report: Report): string {
  const csv = report.allowCsv ? '1' : '0';
  const scripts =
    '\n<script src="/dashboard/vendor/chart.umd.min.js" defer></script><script type="module" src="/dashboard/report/report.js"></script>';
  return `${head(`${report.title} · report`, scripts)}
<body class="report-page" data-csv="${csv}">
<main id="main" class="report">
<header class="report-head">
<p class="report-kicker">Client report</p>
<h1>${escapeHtml(report.title)}</h1>
<p class="report-scope">${escapeHtml(scopeText(report))}</p>
<p class="report-range" id="report-range">${report.range ? 'Fixed range' : 'The last 30 days'}</p>
<div class="report-actions" id="report-actions"></div>
</header>
<div id="report-body"><p class="loading" role="status">Loading the report…</p></div>
<noscript><p class="notice">This report draws its figures with JavaScript; please allow it for this page.</p></noscript>
<footer class="report-foot">Read-only report made with linkpost. Counts are people's clicks (bots left out).</footer>
</main></body></html>`;
}

/** The password form: it names nothing about the report, not even its title. */
export function reportPasswordHtml(token: string, problem?: string): string {
  const error = problem
    ? `<p class="notice notice-error" role="alert" id="password-error">${escapeHtml(problem)}</p>`
    : '';
  return `${head('Protected report')}
<body class="report-page">
<main id="main" class="report report-lock">
<h1>This report is protected</h1>
<p>Enter the password you were given to open it.</p>${error}
<form method="post" action="/r/${escapeHtml(token)}/unlock" class="report-lock-form">
<label for="report-password">Password</label>
<input id="report-password" name="password" type="password" autocomplete="current-password" required maxlength="200"${problem ? ' aria-describedby="password-error"' : ''} autofocus>
<button type="submit" class="btn btn-primary">Open the report</button>
</form>
</main></body></html>`;
}
