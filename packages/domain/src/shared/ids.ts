import { z } from 'zod';

/** Every identifier is a UUID (v7, made by the server): never a small, guessable integer. */
export const idSchema = z.uuid({ error: 'invalid_id' });
export type Id = string;

/** Makes new identifiers; the server's adapter returns UUIDv7 strings. */
export type IdGenerator = () => Id;
