// Lessons live in content/lessons/<locale>/NN-slug.mdx; the schema catches
// a missing title or description at build time.
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";

const lessons = defineCollection({
  loader: glob({ pattern: "*/*.mdx", base: "./content/lessons" }),
  schema: z.object({
    title: z.string().min(1),
    description: z.string().min(1),
  }),
});

export const collections = { lessons };
