// The app's link to the records server: one API client and one event outbox for the page, and the loop that
// sends queued events every few seconds and as soon as the browser is back online.
import type { Intake } from '../../src/core/intake.js';
import type { Consent } from '../../src/core/records/client.js';
import { EventOutbox } from './event-outbox.js';
import { isNetworkFailure, RecordsApi, RecordsProblem } from './records-api.js';
import { type SessionEvent, sessionIdNew } from './session-store.js';

/** The page's records API client. */
export const recordsApi = new RecordsApi();

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The page's event outbox. */
export const eventOutbox = new EventOutbox(storage(), {
  async sessionCreated(link) {
    await recordsApi.ensureSession();
    const intake = await recordsApi.addIntake(link.clientId, link.intake, link.consent);
    const plan = await recordsApi.plan({ intake: link.intake, clientId: link.clientId, intakeId: intake.id });
    return (await recordsApi.startSession(plan.id)).id;
  },
  async eventsSent(serverId, events) {
    await recordsApi.ensureSession();
    await recordsApi.sendEvents(serverId, events);
  },
  // Offline, the server down, or logged out: keep the events and try again later.
  isRetryable: (error) =>
    isNetworkFailure(error) || (error instanceof RecordsProblem && error.status === 401),
});

/** Starts recording a local session to a client (from the player's start); its events are queued from now on. */
export function sessionRecordingStarted(
  localId: string,
  client: { id: string },
  intake: Intake,
  consent: Consent,
): void {
  eventOutbox.link(localId, { clientId: client.id, intake, consent });
  void eventOutbox.flush();
}

/** Queues a player event of a recorded session with an id of its own, and tries to send it. */
export function eventRecorded(localId: string, event: SessionEvent): void {
  if (!eventOutbox.isLinked(localId)) return;
  const { region, level, pressure, ...rest } = event;
  eventOutbox.enqueue(localId, {
    ...rest,
    id: sessionIdNew(),
    ...(region === undefined ? {} : { region }),
    ...(level === undefined ? {} : { level }),
    ...(pressure === undefined || pressure === null ? {} : { pressure }),
  });
  void eventOutbox.flush();
}

/** Sends queued events every 5 s and when the browser comes back online; returns the function that stops it. */
export function outboxLoopStarted(): () => void {
  const send = () => void eventOutbox.flush();
  const timer = setInterval(send, 5000);
  globalThis.addEventListener?.('online', send);
  send();
  return () => {
    clearInterval(timer);
    globalThis.removeEventListener?.('online', send);
  };
}
