/**
 * What an awaited call costs this process, for comparing inputs by ratio (a hostile input with a
 * normal one, a 4x input with a 1x one), never against a wall-clock limit: its CPU time, measured
 * as growth.ts measures a synchronous call, and how far it raises memory in use (V8's heap plus
 * the buffers outside it), sampled every millisecond while it runs and once after, so a call that
 * inflates a zip bomb shows it even when the garbage is gone by the end.
 */
export interface Cost {
  /** CPU milliseconds of one call, the least over the rounds: noise only ever adds time. */
  cpuMs: number;
  /** The highest rise of memory in use over the rounds: a collection mid-call can only hide some. */
  peakBytes: number;
}

const ROUNDS = 3;

/** Each CPU measurement repeats the call until this much CPU time has passed, so short calls are not all noise. */
const MIN_SAMPLE_MS = 40;

const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
};

const inUse = () => {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};

async function cpuMsPerCall(run: () => PromiseLike<unknown>): Promise<number> {
  const start = process.cpuUsage();
  let calls = 0;
  let elapsed = 0;
  do {
    await run();
    calls++;
    elapsed = cpuMsSince(start);
  } while (elapsed < MIN_SAMPLE_MS);
  return elapsed / calls;
}

async function peakRise(run: () => PromiseLike<unknown>): Promise<number> {
  const before = inUse();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, inUse());
  }, 1);
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, inUse()) - before;
}

/** The cost of `run`, after one call to warm up (module loading, the JIT). */
export async function costOf(run: () => PromiseLike<unknown>): Promise<Cost> {
  await run();
  const cost: Cost = { cpuMs: Infinity, peakBytes: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    cost.peakBytes = Math.max(cost.peakBytes, await peakRise(run));
    cost.cpuMs = Math.min(cost.cpuMs, await cpuMsPerCall(run));
  }
  return cost;
}
