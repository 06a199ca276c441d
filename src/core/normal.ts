/**
 * The standard normal distribution's quantile, for the normal-theory start of sample-size planning
 * (Cochran's n₀ = z²·p(1−p)/e², src/core/planning.ts).
 *
 * The distribution function is Φ(x) = ½ + ½·sign(x)·P(½, x²/2), P the regularized lower incomplete
 * gamma function, evaluated by its series for x²/2 < 3/2 and by the continued fraction of its
 * complement otherwise (Press et al., Numerical Recipes, 3rd ed., 2007, §6.2 and §6.2.2: erf x =
 * P(½, x²)); the quantile solves Φ(x) = p by Newton's method inside a bracket kept by bisection,
 * as tQuantile (./studentT.ts) does.
 */
import { logGamma } from './studentT.js';

/** P(a, x) by its series (Numerical Recipes' gser), for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n <= 10_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Q(a, x) = 1 − P(a, x) by its continued fraction (Numerical Recipes' gcf, modified Lentz), for x ≥ a + 1. */
function gammaFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** The standard normal distribution function Φ(x). */
function normalDistribution(x: number): number {
  const y = (x * x) / 2;
  // The half of the mass between 0 and |x|, from P(½, x²/2) or its complement (the latter keeps the far tail's digits).
  if (y < 1.5) {
    const half = 0.5 * gammaSeries(0.5, y);
    return x >= 0 ? 0.5 + half : 0.5 - half;
  }
  const tail = 0.5 * gammaFraction(0.5, y);
  return x >= 0 ? 1 - tail : tail;
}

/** The standard normal density φ(x). */
const normalDensity = (x: number): number => Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);

/** The p quantile of the standard normal distribution, 0 < p < 1 (R's qnorm(p)). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  if (p < 0.5) return -normalQuantile(1 - p);
  if (p === 0.5) return 0;
  let low = 0;
  let high = 1;
  while (normalDistribution(high) < p) high *= 2;
  let x = (low + high) / 2;
  for (let iteration = 0; iteration < 200; iteration++) {
    const error = normalDistribution(x) - p;
    if (error === 0) return x;
    if (error > 0) high = x;
    else low = x;
    const newton = x - error / normalDensity(x);
    const next = newton > low && newton < high ? newton : (low + high) / 2;
    if (Math.abs(next - x) <= 4e-16 * x) return next;
    x = next;
  }
  return x;
}
