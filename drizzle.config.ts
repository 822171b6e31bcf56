import { defineConfig } from 'drizzle-kit';

// Flat NNNN_name.sql files: the Node migrator and wrangler (migrations_dir) read the same ones.
export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './src/db/schema.ts',
    './src/db/counterSchema.ts',
    './src/db/bioSchema.ts',
    './src/db/reportSchema.ts',
    './src/db/webhookSchema.ts',
  ],
  out: './drizzle',
});
