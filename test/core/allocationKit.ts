/** Helpers shared by allocation.test.ts and pps.test.ts (moved from test/allocation.test.ts, issue 14). */
export const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
