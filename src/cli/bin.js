#!/usr/bin/env node
// The installed `linkpost` command runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';
register();
await import('./main.ts');
