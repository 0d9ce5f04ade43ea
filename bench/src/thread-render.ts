/// <reference lib="dom" />
// The functions handed to the page run in Chromium, hence the DOM types.
import type { Page } from 'playwright-core';
import { launchChromium } from './lib/browser.js';
import { freePort, startQuorum } from './lib/processes.js';
import { fmt, printTable } from './lib/table.js';
import { threadReadDataset } from './thread-read.js';

type Meta = Awaited<ReturnType<typeof threadReadDataset>>['meta'];

const VISITS = 5;
const PROFILED_VISITS = 3;
const POSTS = 20;

interface Timing {
  /** Navigation start → the thread page shows its 20 posts (JS, data, render). */
  shown: number;
  /** The thread's data fully received → 20 posts in the DOM (parse, React, Markdown + sanitizing). */
  render: number;
  /** The same, until the frame with them is painted. */
  painted: number;
}

interface Visit extends Timing {
  /** CPU time in markdown-it + DOMPurify rendering the posts. */
  markdown: number;
  /** CPU time of their start-up (once per page load). */
  markdownStartUp: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

const markdownChunk = /\/assets\/markdown-[^/]*\.js$/;
const frameworkChunk = /\/assets\/framework-[^/]*\.js$/;

/**
 * CPU time in the Markdown chunk (markdown-it, DOMPurify), split into rendering posts
 * (called from React, in the framework chunk) and its start-up (the module's own set-up).
 */
function markdownTime(profile: CpuProfile): { rendering: number; startUp: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const calledByReact = (id: number): boolean => {
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
      if (frameworkChunk.test(byId.get(at)!.callFrame.url)) return true;
    }
    return false;
  };
  const micros = { rendering: 0, startUp: 0 };
  profile.samples.forEach((id, i) => {
    if (!markdownChunk.test(byId.get(id)!.callFrame.url)) return;
    // A sample's time is the gap to the next one.
    micros[calledByReact(id) ? 'rendering' : 'startUp'] += profile.timeDeltas[i + 1] ?? 0;
  });
  return { rendering: micros.rendering / 1000, startUp: micros.startUp / 1000 };
}

/**
 * Marks, inside the page, the moment the 20th post enters the DOM and the next frame after
 * it; the thread's data request comes from Resource Timing. Nothing in the app is instrumented.
 */
function watchPosts(expected: number): void {
  const marks: Record<string, number> = {};
  (window as unknown as { __quorumBench: Record<string, number> }).__quorumBench = marks;
  new MutationObserver((_records, observer) => {
    if (document.querySelectorAll('article.post').length < expected) return;
    observer.disconnect();
    marks.inDom = performance.now();
    requestAnimationFrame(() => setTimeout(() => (marks.painted = performance.now()), 0));
  }).observe(document, { childList: true, subtree: true });
}

async function visit(page: Page, url: string): Promise<Timing> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __quorumBench?: { painted?: number } }).__quorumBench?.painted, null, { timeout: 60_000 });
  return page.evaluate(() => {
    const marks = (window as unknown as { __quorumBench: { inDom: number; painted: number } }).__quorumBench;
    const data = performance
      .getEntriesByType('resource')
      .find((entry) => entry.name.includes('discussions.thread')) as PerformanceResourceTiming | undefined;
    if (!data) throw new Error('no discussions.thread request');
    return { shown: marks.inDom, render: marks.inDom - data.responseEnd, painted: marks.painted - data.responseEnd };
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The browser's side of a thread read: Debian's Chromium opens the thread page of the
 * thread-read data set (20 posts of Markdown with quotes) as its member, a fresh context per
 * visit, one warm-up (it fills the server's gzip cache), then timed visits and, apart from
 * them (a profiler slows what it watches), profiled ones; optionally with the CPU slowed.
 */
export async function timeThreadRender(base: string, meta: Meta, cpuSlowdown = 1): Promise<Visit> {
  const browser = await launchChromium();
  const url = `${base}/c/kundenforum/t/${meta.threadId}`;
  const open = async (profiled: boolean) => {
    const context = await browser.newContext({ locale: 'de-DE' });
    try {
      const [name, value] = meta.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: base }]);
      await context.addInitScript(watchPosts, POSTS);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      if (cpuSlowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
      if (!profiled) return { timing: await visit(page, url), markdown: null };
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await visit(page, url);
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      return { timing: null, markdown: markdownTime(profile) };
    } finally {
      await context.close();
    }
  };
  try {
    await open(false);
    const timings: Timing[] = [];
    for (let i = 0; i < VISITS; i++) timings.push((await open(false)).timing!);
    const profiles: ReturnType<typeof markdownTime>[] = [];
    for (let i = 0; i < PROFILED_VISITS; i++) profiles.push((await open(true)).markdown!);
    return {
      shown: median(timings.map((v) => v.shown)),
      render: median(timings.map((v) => v.render)),
      painted: median(timings.map((v) => v.painted)),
      markdown: median(profiles.map((v) => v.rendering)),
      markdownStartUp: median(profiles.map((v) => v.startUp)),
    };
  } finally {
    await browser.close();
  }
}

export async function threadRenderBenchmark(): Promise<void> {
  const dataset = await threadReadDataset();
  const port = await freePort();
  const server = await startQuorum({ port, databaseUrl: `sqlite:${dataset.file}` });
  const base = `http://127.0.0.1:${port}`;
  try {
    const desktop = await timeThreadRender(base, dataset.meta);
    const phone = await timeThreadRender(base, dataset.meta, 4);
    printTable(
      'Thread page in the browser: 20 posts of Markdown with quotes, rendered where they are read',
      ['what', 'this machine', 'CPU slowed 4× (phone)'],
      [
        ['data received → 20 posts in the DOM', fmt.ms(desktop.render), fmt.ms(phone.render)],
        ['data received → painted', fmt.ms(desktop.painted), fmt.ms(phone.painted)],
        ['of which markdown-it + DOMPurify rendering 20 posts + quotes (CPU profile)', fmt.ms(desktop.markdown), fmt.ms(phone.markdown)],
        ['their start-up, once per page load (CPU profile)', fmt.ms(desktop.markdownStartUp), fmt.ms(phone.markdownStartUp)],
        ['navigation → 20 posts shown (JS, session, data, render)', fmt.ms(desktop.shown), fmt.ms(phone.shown)],
      ],
      `Debian Chromium, production build on SQLite, fresh context per visit, median of ${VISITS} visits after one warm-up; CPU profiles (100 µs samples) from ${PROFILED_VISITS} more. "Render" covers JSON + superjson, React, markdown-it + DOMPurify for 20 posts and their quotes.${dataset.generated ? ' (data set generated this run)' : ''}`,
    );
  } finally {
    await server.stop();
  }
}
