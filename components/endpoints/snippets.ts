// Copy-paste calls of a published endpoint. The key stays in an environment variable, never in the
// snippet; strings are written with JSON.stringify, which both JavaScript and Python read as literals.
import { curlExample } from "./curl-example";

export const EXAMPLE_QUESTION = "Your question here";

export interface Snippet {
  id: "curl" | "javascript" | "python";
  label: string;
  code: string;
}

export function javascriptExample(origin: string, slug: string, question = EXAMPLE_QUESTION): string {
  return [
    `import OpenAI from "openai";`,
    ``,
    `const client = new OpenAI({ baseURL: ${JSON.stringify(`${origin}/api/v1`)}, apiKey: process.env.GROUNDWORK_API_KEY });`,
    `const completion = await client.chat.completions.create({`,
    `  model: ${JSON.stringify(slug)},`,
    `  messages: [{ role: "user", content: ${JSON.stringify(question)} }],`,
    `});`,
    `console.log(completion.choices[0].message.content);`,
    `// Citations, verdicts and whether the answer was refused:`,
    `console.log(completion.groundwork);`,
  ].join("\n");
}

export function pythonExample(origin: string, slug: string, question = EXAMPLE_QUESTION): string {
  return [
    `import os`,
    `from openai import OpenAI`,
    ``,
    `client = OpenAI(base_url=${JSON.stringify(`${origin}/api/v1`)}, api_key=os.environ["GROUNDWORK_API_KEY"])`,
    `completion = client.chat.completions.create(`,
    `    model=${JSON.stringify(slug)},`,
    `    messages=[{"role": "user", "content": ${JSON.stringify(question)}}],`,
    `)`,
    `print(completion.choices[0].message.content)`,
    `# Citations, verdicts and whether the answer was refused:`,
    `print(completion.model_extra["groundwork"])`,
  ].join("\n");
}

export function endpointSnippets(origin: string, slug: string, runPath: string): Snippet[] {
  return [
    { id: "curl", label: "curl", code: curlExample(origin, runPath) },
    { id: "javascript", label: "JavaScript (openai)", code: javascriptExample(origin, slug) },
    { id: "python", label: "Python (openai)", code: pythonExample(origin, slug) },
  ];
}
