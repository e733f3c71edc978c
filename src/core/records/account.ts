import { z } from 'zod';

/** What an account may do: the owner manages accounts and reads the audit log; both keep their own clients. */
export const Role = z.enum(['owner', 'therapist']);
export type Role = z.infer<typeof Role>;

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(200)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address, such as anna@example.org');

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;

const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `a password has at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'a password has at most 200 characters');

/** The body of `POST /api/setup`: the owner's account; `token` is the one-time set-up token the server printed. */
export const SetupRequest = z
  .object({
    email: Email,
    name: z.string().trim().min(1, 'a name cannot be empty').max(200),
    password: Password,
    token: z.string().max(200).optional(),
  })
  .strict();
export type SetupRequest = z.infer<typeof SetupRequest>;

/** The body of `POST /api/users`. */
export const UserInput = z
  .object({
    email: Email,
    name: z.string().trim().min(1, 'a name cannot be empty').max(200),
    password: Password,
    role: Role.default('therapist'),
  })
  .strict();
export type UserInput = z.infer<typeof UserInput>;

/** The body of `POST /api/login`. */
export const LoginRequest = z
  .object({ email: z.string().trim().toLowerCase().max(200), password: z.string().max(200) })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequest>;
