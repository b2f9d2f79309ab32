/**
 * Growth of cost with input size, the proof that a function is near-linear: the CPU time of
 * `run` on an input 4× as large divided by its time on the smaller one. About 4 for a linear
 * cost, 4.5–5 for n·log n, 16 for a quadratic one, so a test asserts `< GROWTH_LIMIT`.
 * Wall-clock limits are never asserted: they fail on a busy machine and pass a quadratic
 * function on a fast one. CPU time of this process is used, the least of several rounds, since
 * noise only ever adds time.
 */

/** The bound a near-linear cost stays under when its input grows 4×; a quadratic one gives 16. */
export const GROWTH_LIMIT = 8;

/** Each measurement runs the function until this much CPU time has passed, so short runs are not all noise. */
const MIN_SAMPLE_MS = 40;
const ROUNDS = 4;
const ATTEMPTS = 3;

function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU milliseconds of one call of `run(input)`, averaged over calls filling one sample. */
function sampleMs<T>(input: T, run: (input: T) => unknown): number {
  let calls = 0;
  const start = cpuNow();
  let elapsed = 0;
  do {
    run(input);
    calls++;
    elapsed = cpuNow() - start;
  } while (elapsed < MIN_SAMPLE_MS);
  return elapsed / calls;
}

/**
 * How much more `run` costs on `make(4 * size)` than on `make(size)`. Inputs are made before
 * timing. Pick `size` so one call takes a few milliseconds at least. The rounds on the two
 * inputs alternate, so the JIT's optimising, which may take the first rounds, slows both alike.
 */
export function growthOf<T>(size: number, make: (size: number) => T, run: (input: T) => unknown): number {
  const small = make(size);
  const large = make(4 * size);
  // Warm up the JIT on the shape of the input, and the heap on the size of both.
  run(small);
  run(large);
  // A busy machine or a garbage collection now and then can push a linear cost past the limit
  // once; a quadratic one measures about 16 every time. So a measurement over the limit is made
  // again, twice at most, and the least is the answer.
  let least = Infinity;
  for (let attempt = 0; attempt < ATTEMPTS && least >= GROWTH_LIMIT; attempt++) {
    let bestSmall = Infinity;
    let bestLarge = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      bestLarge = Math.min(bestLarge, sampleMs(large, run));
      bestSmall = Math.min(bestSmall, sampleMs(small, run));
    }
    least = Math.min(least, bestLarge / bestSmall);
  }
  return least;
}
