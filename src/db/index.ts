export * from './database.js';
export * from './schema.js';
export { createLinkStore, toLink } from './linkStore.js';
export { createApiKeyStore } from './apiKeyStore.js';
