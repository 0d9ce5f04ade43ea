import { z } from 'zod';
import { idSchema, type Id } from '../shared/ids.js';

/**
 * A community's discussion space is divided into categories, ordered by staff. An archived
 * category stays readable but takes no new threads or replies; one closed to members takes
 * new threads only from staff (announcements), while members may still reply.
 */
export interface Category {
  id: Id;
  communityId: Id;
  name: string;
  description: string;
  /** 0, 1, 2 … in the order the community shows them. */
  position: number;
  closedToMembers: boolean;
  archivedAt: Date | null;
  /** Kept on every new thread and move, never counted by scanning. */
  threadCount: number;
  createdAt: Date;
}

export const CATEGORY_NAME_MAX = 80;
export const CATEGORY_DESCRIPTION_MAX = 500;
/** A community's categories fit on one page; reordering sends them all. */
export const CATEGORIES_MAX = 100;

export const categoryNameSchema = z
  .string({ error: 'category_name_required' })
  .trim()
  .min(1, { error: 'category_name_required' })
  .max(CATEGORY_NAME_MAX, { error: 'category_name_too_long' });

export const categoryDescriptionSchema = z
  .string()
  .trim()
  .max(CATEGORY_DESCRIPTION_MAX, { error: 'category_description_too_long' });

export const createCategoryInputSchema = z.object({
  communityId: idSchema,
  name: categoryNameSchema,
  description: categoryDescriptionSchema.default(''),
  closedToMembers: z.boolean().default(false),
});
export type CreateCategoryInput = z.infer<typeof createCategoryInputSchema>;

/** Rename, describe, open or close to members. */
export const updateCategoryInputSchema = z.object({
  categoryId: idSchema,
  name: categoryNameSchema,
  description: categoryDescriptionSchema,
  closedToMembers: z.boolean(),
});
export type UpdateCategoryInput = z.infer<typeof updateCategoryInputSchema>;

/** The community's categories in their new order: every one of them, each once. */
export const reorderCategoriesInputSchema = z.object({
  communityId: idSchema,
  categoryIds: z
    .array(idSchema)
    .max(CATEGORIES_MAX)
    .refine((ids) => new Set(ids).size === ids.length, { error: 'category_order_invalid' }),
});
export type ReorderCategoriesInput = z.infer<typeof reorderCategoriesInputSchema>;

export const archiveCategoryInputSchema = z.object({ categoryId: idSchema, archived: z.boolean() });
export const categoryIdInputSchema = z.object({ categoryId: idSchema });
