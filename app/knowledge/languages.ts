import type { LanguageOption } from "@/components/knowledge/language-options";
import { knowledgeBaseLanguage, languageLabels } from "@/server/api/knowledge-settings";

export const languageOptions: LanguageOption[] = knowledgeBaseLanguage.options.map((value) => ({ value, label: languageLabels[value] }));

/** The stored code as a person reads it; an unknown code is shown as stored rather than hidden. */
export function languageLabel(code: string): string {
  const known = knowledgeBaseLanguage.safeParse(code);
  return known.success ? languageLabels[known.data] : code;
}
