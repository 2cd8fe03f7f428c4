/** The engine's public surface: pure functions over plain values, no I/O. */
export * from './cells';
export * from './messages';
export * from './missing';
export * from './template';
export * from './template-range';
export * from './answers';
export * from './locate';
export * from './scoring';
export * from './queries';
export * from './analysis/dates';
export * from './analysis/statistics';
export * from './analysis/responses';
export * from './analysis/analyze';
export * from './communication';
export * from './actions';
export * from './import';
export * from './archive';
