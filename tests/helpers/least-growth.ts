import { growthOf } from './growth.js';

/**
 * The least of three `growthOf` measurements. On a machine shared with other work a linear cost
 * measures anywhere from 4 to past 8 now and then: the first measurement also pays for the JIT
 * compiling `run` for the large input, and other load inflates one side of a ratio or the other.
 * A quadratic cost measures about 16 every time, so the least of three still tells them apart.
 */
export function leastGrowthOf<T>(size: number, make: (size: number) => T, run: (input: T) => unknown): number {
  return Math.min(growthOf(size, make, run), growthOf(size, make, run), growthOf(size, make, run));
}
