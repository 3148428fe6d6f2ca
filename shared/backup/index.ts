export * from './format';
export * from './canonical-json';
export * from './sha256';
export * from './messages';
