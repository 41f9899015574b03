/** A language a knowledge base can be analysed in, as the page that owns the settings names it. */
export interface LanguageOption {
  value: string;
  label: string;
}
