/** The tool's version, kept equal to package.json's by test/version.test.ts. */
export const TOOL_VERSION = '0.7.0';
