export * from './errors.js';
export * from './network.js';
export * from './slug.js';
export * from './url.js';
export * from './utm.js';
export * from './link.js';
export * from './apiKey.js';
export * from './ports.js';
