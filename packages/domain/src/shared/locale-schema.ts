import { z } from 'zod';
import { locales } from './locale.js';

export const localeSchema = z.enum(locales, { error: 'invalid_locale' });
