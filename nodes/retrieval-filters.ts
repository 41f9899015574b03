// Metadata filters every retriever accepts: conditions over a chunk's metadata JSON, all of which a
// chunk must meet. `field` is a dotted path into the metadata ("fields.year", "tags"). Pure zod, so
// the config form of each retriever node is generated from it.
import { z } from "zod";

const field = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, "A field is a dotted path of names, e.g. fields.year")
  .meta({ title: "Field", description: "Dotted path into the chunk's metadata, e.g. fields.year" });
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const bound = z.union([z.number(), z.string()]).optional();

export const metadataFilter = z.discriminatedUnion("op", [
  z.object({ op: z.literal("eq"), field, value: scalar }),
  z.object({ op: z.literal("in"), field, values: z.array(scalar).min(1) }),
  // Numbers compare as numbers, strings (e.g. ISO dates) as text.
  z
    .object({ op: z.literal("range"), field, gte: bound, gt: bound, lte: bound, lt: bound })
    .refine((f) => [f.gte, f.gt, f.lte, f.lt].some((b) => b !== undefined), "A range needs at least one bound"),
  // The field holds an array of strings: `any` needs one of the tags, `all` every one.
  z.object({ op: z.literal("tags"), field, tags: z.array(z.string()).min(1), match: z.enum(["any", "all"]).default("any") }),
]);

export const metadataFilters = z
  .array(metadataFilter)
  .default([])
  .meta({ title: "Metadata filters", description: "Only chunks whose metadata meets every condition are searched." });

export type MetadataFilter = z.output<typeof metadataFilter>;
