import { describe, expect, it } from "vitest";
import { redactText, redactValue } from "./redact";

describe("trace redaction", () => {
  it("masks e-mail addresses, phone numbers and ID numbers", () => {
    expect(redactText("Write to jane.doe+law@example.co.uk today")).toBe("Write to [email] today");
    expect(redactText("身份证 11010519491231002X 号")).toBe("身份证 [id-number] 号");
    expect(redactText("ID 440308199901011234.")).toBe("ID [id-number].");
    expect(redactText("SSN 123-45-6789 on file")).toBe("SSN [id-number] on file");
    expect(redactText("call +1 (415) 555-0132 or 415-555-0199")).toBe("call [phone] or [phone]");
    expect(redactText("手机 13812345678，座机 010-62345678")).toBe("手机 [phone]，座机 [phone]");
    expect(redactText("+86 138 1234 5678")).toBe("[phone]");
  });

  it("leaves ordinary numbers, dates and citations alone", () => {
    const text = "Section 21 of the Housing Act 1988 [2] requires two months' notice (2024-03-01); fee £1,250.";
    expect(redactText(text)).toBe(text);
    expect(redactText("SSN-like 000-12-3456 and 666-12-3456 are not issued")).toBe("SSN-like 000-12-3456 and 666-12-3456 are not issued");
  });

  it("masks every string inside a span's inputs and outputs, keeping the structure", () => {
    const value = { query: { question: "I am bob@firm.com", history: [{ role: "user", content: "phone 13912345678" }] }, topK: 3 };
    expect(redactValue(value)).toEqual({ query: { question: "I am [email]", history: [{ role: "user", content: "phone [phone]" }] }, topK: 3 });
  });
});
