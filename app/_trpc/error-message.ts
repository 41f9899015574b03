import { TRPCClientError } from "@trpc/client";

/** The message a failed call carries: tRPC errors hold the server's human message. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong; the server did not say what.";
}

/** The tRPC error code ("CONFLICT", "NOT_FOUND", …) of a failed call, if it came from the server. */
export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  if (data && typeof data === "object" && "code" in data && typeof data.code === "string") return data.code;
  return undefined;
}
