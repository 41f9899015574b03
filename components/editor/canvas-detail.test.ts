import { describe, expect, it } from "vitest";
import { DETAIL_MIN_ZOOM, TITLE_MIN_ZOOM, detailAt } from "./canvas-detail";

describe("detailAt", () => {
  it("draws cards in full when their text is readable, and lighter the further out the view is", () => {
    expect(detailAt(1)).toBe("full");
    expect(detailAt(DETAIL_MIN_ZOOM)).toBe("full");
    expect(detailAt(DETAIL_MIN_ZOOM - 0.01)).toBe("outline");
    expect(detailAt(TITLE_MIN_ZOOM)).toBe("outline");
    expect(detailAt(TITLE_MIN_ZOOM - 0.01)).toBe("shape");
    expect(detailAt(0.05)).toBe("shape");
  });
});
