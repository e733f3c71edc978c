import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

/** One wrong field of a request: its path (`events[0].kind`) and why. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** An RFC 9457 problem: the status, a title, what went wrong, and the fields at fault. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly field?: string;
  readonly errors?: readonly FieldProblem[];
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A request the API refuses, thrown by a handler and answered as `application/problem+json`. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly options: {
      field?: string;
      errors?: readonly FieldProblem[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail);
  }

  /** The problem body. */
  problem(): Problem {
    return problemOf(this.status, this.detail, this.options);
  }
}

/** A problem body for a status and a detail. */
export function problemOf(
  status: number,
  detail: string,
  options: { field?: string; errors?: readonly FieldProblem[] } = {},
): Problem {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(options.field !== undefined ? { field: options.field } : {}),
    ...(options.errors !== undefined ? { errors: options.errors } : {}),
  };
}

/** A field path as the API names it: `events[0].kind`, or `(body)` for the whole body. */
export function fieldPathText(path: readonly PropertyKey[], root = '(body)'): string {
  if (path.length === 0) return root;
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Every problem of a failed zod parse, one per field (an unknown field is named itself). */
export function fieldProblemsOf(error: z.ZodError, root = '(body)'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const walk = (issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]) => {
    for (const issue of issues) {
      const path = [...prefix, ...issue.path];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          problems.push({ field: fieldPathText([...path, key], root), message: 'unknown field' });
      } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
        // The branch that got furthest says the most.
        const best = [...issue.errors].sort((a, b) => maxDepth(b) - maxDepth(a))[0] ?? [];
        walk(best, path);
      } else {
        problems.push({ field: fieldPathText(path, root), message: issueText(issue) });
      }
    }
  };
  walk(error.issues, []);
  return problems;
}

function maxDepth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const got =
      issue.input === undefined
        ? 'nothing'
        : issue.input === null
          ? 'null'
          : Array.isArray(issue.input)
            ? 'an array'
            : typeof issue.input;
    return issue.input === undefined
      ? `required (expected ${issue.expected})`
      : `expected ${issue.expected}, got ${got}`;
  }
  return issue.message;
}

/** Parses a request part with a zod schema, or throws a 400 problem naming every wrong field. */
export function parsedWith<S extends z.ZodType>(schema: S, value: unknown, root = '(body)'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldProblemsOf(result.error, root);
  const first = errors[0];
  throw new ProblemError(400, first ? `${first.field}: ${first.message}` : 'invalid request', {
    ...(first ? { field: first.field } : {}),
    errors,
  });
}

/** Sends a problem as `application/problem+json`. */
export function sendProblem(
  reply: FastifyReply,
  problem: Problem,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply
    .code(problem.status)
    .headers(headers)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify(problem));
}
