export * from './database.js';
export * from './schema.js';
export { createLinkStore, toLink } from './linkStore.js';
export { createApiKeyStore } from './apiKeyStore.js';
export { createSessionStore } from './sessionStore.js';
export { createClickStore, humansPerLink, clickConditions, clickRowColumns, botCondition, type ClickStoreOptions } from './clickStore.js';
export { createVisitorSaltStore } from './visitorSaltStore.js';
