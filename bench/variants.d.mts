// Types of bench/variants.mjs for the tests that import it (test/io/fastcsv.test.ts, registry-property.test.ts).
export declare const VARIANTS: readonly string[];
export declare function splitLine(line: string): string[];
export declare function transformText(variant: string, baseText: string, seed?: string): Record<string, Buffer>;
export declare function writeVariant(variant: string, base: string, out: string, seed?: string): Promise<void>;
