/** Latency figures of repeated runs, in milliseconds. */
export interface Latency {
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

/** Runs `work` once per input after `warmup` untimed runs; returns p50/p95/max. */
export async function measureLatency<T>(inputs: T[], work: (input: T) => Promise<unknown>, warmup = 2): Promise<Latency> {
  for (const input of inputs.slice(0, warmup)) await work(input);
  const times: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await work(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { runs: times.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(times.at(-1)!) };
}

/** Rounds to a tenth. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Peak resident memory of this process so far, in MiB. */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
