export * from './database.js';
export * from './schema.js';
export { createLinkStore, toLink } from './linkStore.js';
export { createApiKeyStore } from './apiKeyStore.js';
export { createSessionStore } from './sessionStore.js';
export {
  createClickWriter,
  humansPerLink,
  clickConditions,
  clickRowColumns,
  botCondition,
  type ClickWriterOptions,
} from './clickStore.js';
export { createVisitorSaltStore, pruneDailyVisitors } from './visitorSaltStore.js';
export { counterRows, type CounterRows } from './counters.js';
export { counterStatements } from './counterUpserts.js';
export { rebuildStatements } from './counterRebuild.js';
export { createStatsStore } from './statsStore.js';
export { createSqlThrottleStore } from './throttleStore.js';
export { createTimingStore } from './timingStore.js';
export { createLinkVersionReader } from './linkVersion.js';
export { createClickPruner } from './clickPruner.js';
export { createReportStore } from './reportStore.js';
