import { invalid, REPORT_TOKEN_LENGTH, type Report } from '../domain/index.js';
import { parseInput } from './parse.js';
import type { ReportDeps } from './reportDeps.js';
import { createReportInput } from './reportInput.js';
import { hashReportPassword } from './reportPassword.js';
import { randomToken, sha256Hex } from './secret.js';

/**
 * Creates a report link for a campaign or a list of posts. The token (about 256 random bits)
 * is returned once, inside `url`; only its SHA-256 is stored, and the password only as PBKDF2.
 */
export async function createReport(deps: ReportDeps, raw: unknown): Promise<{ report: Report; url: string }> {
  const input = parseInput(createReportInput, { ...(raw && typeof raw === 'object' ? raw : {}), now: deps.clock() });
  let scope: Report['scope'];
  if (input.campaign !== undefined) {
    if (!(await deps.links.campaigns()).includes(input.campaign)) {
      throw invalid('unknown_campaign', `campaign: no post belongs to "${input.campaign}"`);
    }
    scope = { campaign: input.campaign };
  } else {
    const slugs = input.slugs!;
    const ids = await deps.reports.linkIds(slugs);
    const unknown = slugs.find((s) => !ids.has(s));
    if (unknown !== undefined)
      throw invalid('unknown_link', `slugs: no link with slug "${unknown}"`, { slug: unknown });
    scope = { slugs, linkIds: slugs.map((s) => ids.get(s)!) };
  }
  const token = randomToken(REPORT_TOKEN_LENGTH);
  const report = await deps.reports.insert({
    tokenHash: await sha256Hex(token),
    title: input.title,
    scope,
    range: input.range,
    expiresAt: input.expiresAt,
    passwordHash: input.password ? await hashReportPassword(input.password) : null,
    allowCsv: input.allowCsv,
    createdAt: deps.clock(),
  });
  return { report, url: `${deps.publicUrl}/r/${token}` };
}
