/**
 * A manifest as a test forges it: parsed JSON of no fixed shape, edited at any depth
 * (`m.parameters.seed = 1`, `delete m.outputs['x.csv']`), often to values of the wrong type on purpose.
 */
// biome-ignore lint/suspicious/noExplicitAny: forged JSON is edited at any depth to any value; unknown or the Manifest type would need a cast at each of the tests' edits
export type ForgedJson = Record<string, any>;
