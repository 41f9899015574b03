import { expect, it } from "vitest";
import { calibrate } from "./calibrate";

const texts = Array.from({ length: 40 }, (_, i) => `Tenants in district ${i} must give written notice before leaving the rented home. The landlord keeps the deposit for repairs.`);

it("gives the event loop back while it scores, so a serving process keeps answering during a fit", async () => {
  let timerFired = false;
  let scoredBeforeTimer = 0;
  let scored = 0;
  setTimeout(() => {
    timerFired = true;
    scoredBeforeTimer = scored;
  }, 0);
  // Each score a busy millisecond, as a fit's coverage over its sample is: synchronous work.
  const score = async () => {
    const until = performance.now() + 1;
    while (performance.now() < until);
    scored++;
    return 0.5;
  };
  const result = await calibrate(texts, score, { targetFalseRefusal: 0.05 });
  expect(result.inDomain + result.outOfDomain).toBe(scored);
  expect(timerFired).toBe(true);
  // The timer ran within the first few milliseconds of scoring, not after all of it.
  expect(scoredBeforeTimer).toBeLessThan(scored / 2);
});
