import autocannon from 'autocannon';

export interface LoadResult {
  /** Requests per second (median round). */
  rps: number;
  /** 99th percentile latency in ms (median of the rounds). */
  p99: number;
  /** Response bytes per request (body and headers). */
  bytes: number;
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections?: number;
  warmupSeconds?: number;
  roundSeconds?: number;
  rounds?: number;
}

/**
 * Until the JIT has optimised the hot path: Quorum's larger bundle took ~10 s of load to reach
 * its steady rate (3 s left its first round ~30 % slow), the small baselines ~5 s. A server runs
 * for days, so the steady rate is the one compared; every server gets the same warm-up.
 */
export const WARM_UP_SECONDS = 10;
const DRAIN_MS = 1_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function round(options: LoadOptions, seconds: number, warmUp = false): Promise<autocannon.Result> {
  const result = await autocannon({
    url: options.url,
    headers: options.headers,
    connections: options.connections ?? 50,
    duration: seconds,
  });
  // A benchmark of error pages measures nothing: every answer must be a 2xx.
  if (result.errors > 0 || result.non2xx > 0 || (!warmUp && result.requests.total === 0)) {
    throw new Error(`${options.url}: ${result.errors} errors, ${result.non2xx} non-2xx answers of ${result.requests.total}`);
  }
  return result;
}

/** autocannon with a warm-up, then the median of several rounds (the machine is shared and noisy). */
export async function measure(options: LoadOptions): Promise<LoadResult> {
  return (await measureInTurns([options]))[0]!;
}

/**
 * Several servers measured in turns: each warmed up, then round 1 of each, round 2 of each …
 * A load swing on the shared machine then hits every server alike instead of whichever ran
 * during it, so their ratios hold even when the absolute figures do not.
 */
export async function measureInTurns(targets: readonly LoadOptions[]): Promise<LoadResult[]> {
  for (const options of targets) await round(options, options.warmupSeconds ?? WARM_UP_SECONDS, true);
  const results: autocannon.Result[][] = targets.map(() => []);
  for (let i = 0; i < Math.max(...targets.map((options) => options.rounds ?? 3)); i++) {
    for (const [index, options] of targets.entries()) {
      if (i >= (options.rounds ?? 3)) continue;
      // The previous server still answers the requests queued when its round ended (a slow one
      // for a second or more): each round starts once that is over.
      await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
      results[index]!.push(await round(options, options.roundSeconds ?? 5));
    }
  }
  return results.map(summarize);
}

function summarize(results: autocannon.Result[]): LoadResult {
  const byRps = [...results].sort((a, b) => a.requests.average - b.requests.average);
  const middle = byRps[Math.floor(byRps.length / 2)]!;
  return {
    rps: middle.requests.average,
    p99: median(results.map((result) => result.latency.p99)),
    bytes: middle.throughput.total / middle.requests.total,
  };
}

/** One request, timed: for operations too heavy to load-test meaningfully. */
export async function timeRequest(url: string, headers: Record<string, string>, rounds = 5): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds + 1; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
    // The first request warms up.
    if (i > 0) times.push(performance.now() - started);
    bytes = body.byteLength;
  }
  return { ms: median(times), bytes };
}
