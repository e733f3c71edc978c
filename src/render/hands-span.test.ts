import { describe, expect, it } from 'vitest';
import { type ContactTool, HAND_SPAN } from '../core/ids.js';
import { poseOutline } from './drawn-hands.js';
import { POSES, TOOL_POSE } from './hands.js';

// The planner keeps a hand's span (core HAND_SPAN) off the plan's excluded regions; the pictures draw the hand with
// its pose. The two must agree: every point of the drawn outline lies within the span round the contact.

const tools = Object.keys(HAND_SPAN) as ContactTool[];

describe('the drawn hand lies within the span the planner keeps clear (HAND_SPAN)', () => {
  it.each(tools)('%s', (tool) => {
    const span = HAND_SPAN[tool]!;
    const pose = TOOL_POSE[tool];
    const [cu, cv] = POSES[pose].contact;
    const outside: string[] = [];
    for (const poly of poseOutline(pose)) {
      for (const [u, v] of poly) {
        // Local units are 1/1000 H: along the fingers (u) and across (v), from the contact.
        const along = (u - cu) / 1000;
        const across = (v - cv) / 1000;
        if (along < -span.behind || along > span.ahead || Math.abs(across) > span.across)
          outside.push(`${along.toFixed(3)},${across.toFixed(3)}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('names the tools whose hand reaches beyond its contact: fingertips, thumb, forearm', () => {
    expect(tools.sort()).toEqual(['fingertips', 'forearm', 'thumb']);
  });
});
