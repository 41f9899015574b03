import { describe, expect, it } from "vitest";
import { draftOf, emptyKeySettings, toKeySettings } from "./key-settings";

describe("key settings form", () => {
  it("turns empty limits into none and a chosen scope into endpoint ids", () => {
    expect(toKeySettings(emptyKeySettings)).toEqual({ ok: true, settings: { endpointIds: null, rateLimitPerMinute: null, dailyQuota: null } });
    expect(toKeySettings({ allEndpoints: false, endpointIds: ["e1"], rateLimitPerMinute: "60", dailyQuota: " " })).toEqual({
      ok: true,
      settings: { endpointIds: ["e1"], rateLimitPerMinute: 60, dailyQuota: null },
    });
  });

  it("says what is wrong with a scope or a limit", () => {
    expect(toKeySettings({ ...emptyKeySettings, allEndpoints: false })).toMatchObject({ ok: false, error: expect.stringMatching(/at least one endpoint/) });
    expect(toKeySettings({ ...emptyKeySettings, rateLimitPerMinute: "1.5" })).toMatchObject({ ok: false, error: expect.stringMatching(/^Calls per minute/) });
    expect(toKeySettings({ ...emptyKeySettings, dailyQuota: "0" })).toMatchObject({ ok: false, error: expect.stringMatching(/^Calls per day/) });
  });

  it("round-trips a stored key", () => {
    const stored = { endpoints: [{ id: "e1" }], rateLimitPerMinute: 10, dailyQuota: 500 };
    expect(toKeySettings(draftOf(stored))).toEqual({ ok: true, settings: { endpointIds: ["e1"], rateLimitPerMinute: 10, dailyQuota: 500 } });
  });
});
