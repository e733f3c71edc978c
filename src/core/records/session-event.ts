import { z } from 'zod';
import { Side } from '../ids.js';

/** What can happen during a session (DESIGN.md "SessionRecord"). */
export const SESSION_EVENT_KINDS = [
  'start',
  'pause',
  'resume',
  'next',
  'previous',
  'skip',
  'pain',
  'pressure-lowered',
  'go-on',
  'no-relaxation',
  'retry',
  'give-up',
  'stop',
  'finish',
] as const;
/** A kind of session event. */
export const SessionEventKind = z.enum(SESSION_EVENT_KINDS);
export type SessionEventKind = z.infer<typeof SessionEventKind>;

/** An event id: chosen by the player, unique within its session, so a resent event is stored once. */
export const EventId = z
  .string()
  .min(1, 'an event id cannot be empty')
  .max(100, 'an event id has at most 100 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'an event id uses letters, digits and . _ : - only');

const ShortText = z.string().max(100, 'at most 100 characters');

/** One thing that happened during a session, at session time `t` (seconds) and wall-clock time `at`. */
export const SessionEvent = z
  .object({
    id: EventId,
    kind: SessionEventKind,
    t: z.number().min(0, 'session time cannot be negative').max(86_400, 'session time is at most a day'),
    at: z.iso.datetime({ offset: true, error: 'an ISO date and time, such as 2026-12-02T16:30:00Z' }),
    stepId: ShortText.nullable().default(null),
    side: Side.nullable().default(null),
    region: ShortText.optional(),
    level: z.number().int().min(0).max(10).optional().describe('Pain level, 0–10.'),
    pressure: z.number().int().min(1).max(5).nullable().optional(),
    to: z
      .number()
      .min(0)
      .max(86_400)
      .optional()
      .describe('Where a seek (next, previous, retry, give-up) went.'),
    attempt: z.number().int().min(1).max(100).optional().describe("Which try of a step's bounded retry."),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.kind === 'pain' && e.level === undefined) {
      ctx.addIssue({ code: 'custom', path: ['level'], message: 'a pain report needs its level (0–10)' });
    }
  });
/** A session event as stored. */
export type SessionEvent = z.infer<typeof SessionEvent>;
/** A session event as sent (defaults may be missing). */
export type SessionEventInput = z.input<typeof SessionEvent>;

/** The most events one request may carry. */
export const MAX_EVENTS_PER_BATCH = 500;

/** The body of `POST /api/sessions/:id/events`. */
export const SessionEventBatch = z
  .object({ events: z.array(SessionEvent).min(1, 'send at least one event').max(MAX_EVENTS_PER_BATCH) })
  .strict();
export type SessionEventBatch = z.infer<typeof SessionEventBatch>;

/** The id an event saved before ids existed gets: its session and its place in the log. */
export function legacyEventId(sessionId: string, index: number): string {
  return `${sessionId.replace(/[^A-Za-z0-9._:-]/g, '_').slice(0, 80)}:${index}`;
}

/** Events in the order they happened (session time, then as given). */
export function eventsOrdered(events: readonly SessionEvent[]): SessionEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.t - b.event.t || a.index - b.index)
    .map(({ event }) => event);
}

/** How a session ended, read from its events: the last stop or finish, or null while it runs. */
export function endReasonOf(events: readonly SessionEvent[]): 'finished' | 'stopped' | 'pain' | null {
  let reason: 'finished' | 'stopped' | 'pain' | null = null;
  let lastPainT = Number.NEGATIVE_INFINITY;
  for (const e of eventsOrdered(events)) {
    if (e.kind === 'pain') lastPainT = e.t;
    if (e.kind === 'finish') reason = 'finished';
    // A stop right after a pain report is the player ending the session for pain.
    if (e.kind === 'stop') reason = e.t - lastPainT <= 1 ? 'pain' : 'stopped';
  }
  return reason;
}
