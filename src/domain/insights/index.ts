export * from './weekHour.js';
export * from './timingStore.js';
export * from './summary.js';
export * from './lifetime.js';
export * from './insight.js';
export * from './rules/index.js';
