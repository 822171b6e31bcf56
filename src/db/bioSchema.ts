import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { links } from './schema.js';

/** Link-in-bio pages (/@handle). Their own file, so the feature's tables move together. */
export const bioPages = sqliteTable(
  'bio_pages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    handle: text('handle').notNull(),
    title: text('title').notNull(),
    text: text('text'),
    avatarUrl: text('avatar_url'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('bio_pages_handle_unique').on(t.handle)],
);

/** A page's entries in order; deleting the page or the link deletes the entry. */
export const bioPageEntries = sqliteTable(
  'bio_page_entries',
  {
    pageId: integer('page_id')
      .notNull()
      .references(() => bioPages.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    linkId: integer('link_id')
      .notNull()
      .references(() => links.id, { onDelete: 'cascade' }),
  },
  // Deleting a link finds its entries by link_id.
  (t) => [primaryKey({ columns: [t.pageId, t.position] }), index('bio_page_entries_link_idx').on(t.linkId)],
);

/** Page views per UTC day (`day` is its start in ms), people and bots apart: counts only. */
export const bioPageViews = sqliteTable(
  'bio_page_views',
  {
    pageId: integer('page_id')
      .notNull()
      .references(() => bioPages.id, { onDelete: 'cascade' }),
    day: integer('day').notNull(),
    bot: integer('bot', { mode: 'boolean' }).notNull(),
    views: integer('views').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pageId, t.day, t.bot] })],
);
