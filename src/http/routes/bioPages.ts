import { Hono, type Context } from 'hono';
import type { BioPageCache, BioPageStore, BioPageViewStore, StatsStore } from '../../domain/index.js';
import {
  createBioPage,
  deleteBioPage,
  getBioPageOrThrow,
  getBioPageStats,
  listBioPages,
  updateBioPage,
  type BioPageDeps,
  type CoreDeps,
} from '../../services/index.js';
import { readJson } from '../body.js';
import { bioPageView } from '../bioPageView.js';

/** What a runtime gives the app for link-in-bio pages. */
export interface BioPageWiring {
  store: BioPageStore;
  views: BioPageViewStore;
  cache: BioPageCache;
  /** Runs work once the response is on its way: waitUntil on Workers, the next turn on Node. */
  afterResponse(task: () => Promise<unknown>, c: Context): void;
}

/** The bio verbs' deps from the app's. */
export const bioPageDeps = (deps: Pick<CoreDeps, 'clock'>, bio: BioPageWiring): BioPageDeps => ({
  clock: deps.clock,
  bioPages: bio.store,
  bioPageCache: bio.cache,
});

/** /api/bio-pages: create, list, read, edit and delete link-in-bio pages, and their stats. */
export function bioPageRoutes(
  deps: Pick<CoreDeps, 'clock' | 'publicUrl'> & { stats?: StatsStore },
  bio: BioPageWiring,
) {
  const verbs = bioPageDeps(deps, bio);
  const view = (c: Context, page: Parameters<typeof bioPageView>[0]) =>
    c.json(bioPageView(page, deps.publicUrl, deps.clock()));
  return new Hono()
    .post('/', async (c) => {
      const page = await createBioPage(verbs, await readJson(c));
      return c.json(bioPageView(page, deps.publicUrl, deps.clock()), 201);
    })
    .get('/', async (c) => {
      const now = deps.clock();
      return c.json({ bioPages: (await listBioPages(verbs)).map((p) => bioPageView(p, deps.publicUrl, now)) });
    })
    .get('/:handle/stats', async (c) =>
      c.json(
        await getBioPageStats(
          { ...verbs, bioPageViews: bio.views, stats: deps.stats },
          c.req.param('handle'),
          c.req.query(),
        ),
      ),
    )
    .get('/:handle', async (c) => view(c, await getBioPageOrThrow(verbs, c.req.param('handle'))))
    .patch('/:handle', async (c) => view(c, await updateBioPage(verbs, c.req.param('handle'), await readJson(c))))
    .delete('/:handle', async (c) => {
      await deleteBioPage(verbs, c.req.param('handle'));
      return c.body(null, 204);
    });
}
