// CPU time of another process (all its threads), read from /proc: a figure less sensitive to other work on the
// machine than wall time.
import { readFileSync } from 'node:fs';

/** Clock ticks a second in /proc/PID/stat (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** The CPU seconds (user + system, every thread) a running process has used so far; null where /proc is missing. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime: fields 14 and 15 of stat(5).
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
