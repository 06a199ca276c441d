/**
 * Property tests run from a fixed seed, so that CI is repeatable; set FC_SEED to explore others
 * (a failure prints the seed and path to replay it). Temporary directories made with tempDir() are
 * removed after each test file, and the python3 running docs/check_draw.py for it (test/pythonChecker.ts) stopped.
 */
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';
import { stopPythonChecker } from './pythonChecker.js';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261124) });

afterAll(removeTempDirs);
afterAll(stopPythonChecker);
