// Errors in OpenAI's shape, `{error: {message, type, param, code}}`, so OpenAI clients raise their
// usual exception classes (chosen by status) with our message in them.
import { jsonResponse } from "../json-response";
import type { GateRefusal } from "../published-gate";

export type OpenAIErrorType = "invalid_request_error" | "authentication_error" | "permission_error" | "not_found_error" | "rate_limit_error" | "server_error";

export function openAIError(
  status: number,
  message: string,
  type: OpenAIErrorType,
  code: string | null = null,
  param: string | null = null,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, { error: { message, type, param, code } }, headers);
}

const typeOfStatus: Record<GateRefusal["status"], OpenAIErrorType> = {
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "invalid_request_error",
  429: "rate_limit_error",
};

export function refusalError(refusal: GateRefusal, param: string | null = null): Response {
  return openAIError(refusal.status, refusal.message, typeOfStatus[refusal.status], refusal.code, param, refusal.headers);
}
