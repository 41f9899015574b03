import { Prisma } from "@/server/db/generated/client";

/** A unique constraint refused the write (Postgres 23505, Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
