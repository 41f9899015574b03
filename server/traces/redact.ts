// Masks personal data in what a trace stores, before it is written (a pipeline's `redactTraces`).
// The caller still gets the real answer; only the stored copy is masked. The patterns err towards
// masking: a number shaped like an ID in a trace is worth less than a leaked one.

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// Chinese resident ID: region (6), birth date YYYYMMDD, sequence (3), check digit or X.
const CN_RESIDENT_ID = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
// US social security number: area, group, serial, with dashes or spaces; never area 000, 666 or 9xx.
const US_SSN = /(?<!\d)(?!000|666|9\d\d)\d{3}[- ](?!00)\d{2}[- ](?!0000)\d{4}(?!\d)/g;
// Phones: international (+country …), North American (555) 123-4567 / 555-123-4567,
// Chinese mobile (1[3-9] + 9 digits) and landline (0xx-xxxxxxxx).
const PHONES = [
  /\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,5}(?!\d)/g,
  /(?<![\d-])\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?![\d-])/g,
  /(?<!\d)1[3-9]\d{9}(?!\d)/g,
  /(?<![\d-])0\d{2,3}-\d{7,8}(?![\d-])/g,
];

export const REDACTED = { email: "[email]", id: "[id-number]", phone: "[phone]" } as const;

export function redactText(text: string): string {
  let out = text.replace(EMAIL, REDACTED.email).replace(CN_RESIDENT_ID, REDACTED.id).replace(US_SSN, REDACTED.id);
  for (const phone of PHONES) out = out.replace(phone, REDACTED.phone);
  return out;
}

/** Every string inside a JSON-like value masked; keys and structure unchanged. */
export function redactValue<T>(value: T): T {
  if (typeof value === "string") return redactText(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item)) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item)])) as T;
  }
  return value;
}
