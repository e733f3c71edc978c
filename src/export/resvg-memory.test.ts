// resvg's allocator settings (png.ts): set before the binding loads, and (where the kernel offers transparent huge
// pages) a run of frames then takes a small fraction of the page faults it took in 4 KiB pages.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const png = new URL('./png.ts', import.meta.url).href;

/** A child process that loads png.ts and draws layers of changing sizes as the frame workers do; its page faults. */
function faultsDrawing(env: Record<string, string>): { faults: number; setting: string } {
  const script = `
    const png = await import(${JSON.stringify(png)});
    const raster = png.frameRasterizer({}, { cacheSize: 4 });
    const frame = (k) => '<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720">' +
      '<path d="M' + (100 + k) + ' 100L' + (700 + 7 * k) + ' 120L' + (640 + 5 * k) + ' ' + (500 + 3 * k) + 'Z" fill="#c96"/></svg>';
    for (let k = 0; k < 10; k++) { raster.rgbaLayeredUpdate([frame(0), frame(k)], buffer()); await raster.released(); }
    const before = process.resourceUsage().minorPageFault;
    for (let k = 10; k < 50; k++) { raster.rgbaLayeredUpdate([frame(0), frame(k)], buffer()); await raster.released(); }
    console.log(JSON.stringify({ faults: process.resourceUsage().minorPageFault - before, setting: process.env.MIMALLOC_ALLOW_LARGE_OS_PAGES ?? '' }));
    function buffer() { return globalThis.kept ??= Buffer.alloc(1280 * 720 * 4); }
  `;
  const { MIMALLOC_ALLOW_LARGE_OS_PAGES: _, ...parent } = process.env;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...parent, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/**
 * A child process that draws 24 frames of a canvas `size` pixels square, awaiting `released()` after each, and counts
 * the minor collections `released()` forced.
 */
function minorCollectionsForced(size: number): number {
  const script = `
    const { PerformanceObserver, constants } = await import('node:perf_hooks');
    const png = await import(${JSON.stringify(png)});
    let forced = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR && e.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) forced++;
    }).observe({ entryTypes: ['gc'] });
    const raster = png.frameRasterizer({}, { cacheSize: 2 });
    const frame = (k) => '<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">' +
      '<rect x="' + (k % 7) + '" y="2" width="${size - 10}" height="${size - 10}" fill="#c96"/></svg>';
    const into = Buffer.alloc(${size * size * 4});
    for (let k = 0; k < 24; k++) { raster.rgbaLayered([frame(k)], into); await raster.released(); }
    await new Promise((resolve) => setTimeout(resolve, 20));
    console.log(forced);
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return Number(out.trim().split('\n').pop());
}

/** Whether the kernel gives a process transparent huge pages when it asks (madvise) or always. */
function hasHugePages(): boolean {
  const path = '/sys/kernel/mm/transparent_hugepage/enabled';
  return existsSync(path) && !readFileSync(path, 'utf8').includes('[never]');
}

describe('released()', () => {
  it('collects once enough pixels were made, not after every small frame', () => {
    // 24 frames of 100×100 pixels: under a megabyte in all, so at most one collection.
    expect(minorCollectionsForced(100)).toBeLessThanOrEqual(1);
    // 24 frames of 1000×1000 (4 MB each, over MINOR_COLLECTION_NATIVE_BYTES): one after each.
    expect(minorCollectionsForced(1000)).toBeGreaterThanOrEqual(20);
  });
});

describe("resvg's allocator", () => {
  it('asks for large pages unless told otherwise', () => {
    expect(faultsDrawing({}).setting).toBe('1');
    expect(faultsDrawing({ MIMALLOC_ALLOW_LARGE_OS_PAGES: '0' }).setting).toBe('0');
  });

  it.runIf(hasHugePages())('takes far fewer page faults a frame in large pages', () => {
    const small = faultsDrawing({ MIMALLOC_ALLOW_LARGE_OS_PAGES: '0' }).faults;
    const large = faultsDrawing({}).faults;
    expect(large).toBeLessThan(small / 2);
  });
});
