/** One step of a record's migration: from `from` to `from + 1`. */
export interface Migration {
  readonly from: number;
  migrate(value: Record<string, unknown>): Record<string, unknown>;
}

/** The outcome of migrating a record: the value at the current version, or why it could not be read. */
export type Migrated =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly fromVersion: number }
  | { readonly ok: false; readonly reason: string };

/** Runs the migrations from a record's own `version` (1 when absent) up to `current`. */
export function recordMigrated(value: unknown, current: number, migrations: readonly Migration[]): Migrated {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'expected an object' };
  }
  let record = value as Record<string, unknown>;
  const version = record.version === undefined ? 1 : record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, reason: `version must be a whole number from 1, not ${JSON.stringify(version)}` };
  }
  if (version > current) {
    return { ok: false, reason: `version ${version} is newer than this program reads (${current})` };
  }
  for (let v = version; v < current; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { ok: false, reason: `no migration from version ${v}` };
    record = { ...step.migrate(record), version: v + 1 };
  }
  return { ok: true, value: record, fromVersion: version };
}
