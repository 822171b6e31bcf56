/** The bio pages' operations under /api, for the OpenAPI table in operations.ts. */
import { z } from 'zod';
import { createBioPageInput, updateBioPageInput } from '../../services/bioPageInput.js';
import { bioPageStatsInput } from '../../services/getBioPageStats.js';
import * as B from './bioPageResponses.js';
import type { Operation } from './operations.js';

export const handleParam = {
  handle: z.string().meta({ description: 'The bio page’s handle (case-sensitive), as in /@handle' }),
};

export const BIO_PAGE_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/bio-pages',
    tag: 'Bio pages',
    summary: 'Create a link-in-bio page from existing links',
    body: createBioPageInput,
    answers: { 201: { description: 'Created', schema: B.bioPageBody } },
  },
  {
    method: 'get',
    path: '/api/bio-pages',
    tag: 'Bio pages',
    summary: 'Every bio page, oldest first',
    answers: { 200: { description: 'The pages', schema: B.bioPageList } },
  },
  {
    method: 'get',
    path: '/api/bio-pages/{handle}',
    tag: 'Bio pages',
    summary: 'Read a bio page, with every entry and its state',
    answers: { 200: { description: 'The page', schema: B.bioPageBody } },
  },
  {
    method: 'patch',
    path: '/api/bio-pages/{handle}',
    tag: 'Bio pages',
    summary: 'Edit a bio page; links replaces the entries',
    body: updateBioPageInput,
    answers: { 200: { description: 'The edited page', schema: B.bioPageBody } },
  },
  {
    method: 'delete',
    path: '/api/bio-pages/{handle}',
    tag: 'Bio pages',
    summary: 'Delete a bio page and its views (the links stay)',
    answers: { 204: { description: 'Deleted' } },
  },
  {
    method: 'get',
    path: '/api/bio-pages/{handle}/stats',
    tag: 'Bio pages',
    summary: 'A bio page’s views and its entries’ clicks from the page',
    query: bioPageStatsInput,
    answers: { 200: { description: 'Views per day and clicks per entry', schema: B.bioPageStats } },
  },
];
