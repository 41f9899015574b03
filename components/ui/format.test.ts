import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, formatRelative } from "./format";

describe("formatDuration", () => {
  it("uses the unit a person reads at a glance", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(12.4)).toBe("12 ms");
    expect(formatDuration(1530)).toBe("1.53 s");
    expect(formatDuration(12_500)).toBe("12.5 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
});

describe("formatBytes", () => {
  it("scales to KB and MB", () => {
    expect(formatBytes(900)).toBe("900 B");
    expect(formatBytes(2048)).toBe("2.0 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
  });
});

describe("formatRelative", () => {
  it("says how long ago, then falls back to a date", () => {
    const now = new Date("2025-06-10T12:00:00Z");
    expect(formatRelative(new Date("2025-06-10T11:59:50Z"), now)).toBe("just now");
    expect(formatRelative("2025-06-10T11:50:00Z", now)).toBe("10 min ago");
    expect(formatRelative("2025-06-10T09:00:00Z", now)).toBe("3 h ago");
    expect(formatRelative("2025-06-08T12:00:00Z", now)).toBe("2 d ago");
    expect(formatRelative("2025-01-01T12:00:00Z", now)).toMatch(/2025/);
  });
});
