// Provider mode in the query-understanding and selection tests: LangChain's real OpenAI client
// pointed at the local mock server, through a credential source that names it.
import type { CredentialSource } from "@/server/providers/node-providers";
import type { MockProviderServer } from "@/server/providers/testing/mock-openai-server";

export const mockRef = { credentialId: "mock-credential", model: "mock-model", temperature: 0 };

export function mockCredentials(mock: MockProviderServer): CredentialSource {
  return { resolve: async (id) => ({ id, name: "Mock", provider: "openai", baseUrl: mock.baseUrl, apiKey: "sk-test", models: ["mock-model"] }) };
}

/** The text of the last user message the mock received. */
export function lastPrompt(mock: MockProviderServer): string {
  const messages = (mock.requests.at(-1)?.body.messages ?? []) as Array<{ role: string; content: string }>;
  return messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
}
