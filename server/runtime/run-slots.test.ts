import { describe, expect, it } from "vitest";
import { createRunSlots } from "./run-slots";

const settled = async <T>(promise: Promise<T>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe("run slots", () => {
  it("lets `limit` runs compute at once and serves the others first come, first served", async () => {
    const slots = createRunSlots(2);
    const first = await slots.acquire();
    const second = await slots.acquire();
    const order: string[] = [];
    const third = slots.acquire().then((slot) => (order.push("third"), slot));
    const fourth = slots.acquire().then((slot) => (order.push("fourth"), slot));
    expect(await settled(third)).toBe(false);
    expect(slots.stats()).toMatchObject({ limit: 2, active: 2, waiting: 2, waited: 2 });

    expect(first.release()).toBe(true);
    expect(first.release()).toBe(false);
    await third;
    expect(await settled(fourth)).toBe(false);
    // A newcomer arriving while the fourth waits queues behind it.
    const fifth = slots.acquire().then((slot) => (order.push("fifth"), slot));
    second.release();
    (await third).release();
    await fourth;
    await fifth;
    expect(order).toEqual(["third", "fourth", "fifth"]);
    (await fourth).release();
    (await fifth).release();
    expect(slots.stats()).toMatchObject({ active: 0, waiting: 0 });
  });

  it("frees the slot of a run that waits on a model, once", async () => {
    const slots = createRunSlots(1);
    const held = await slots.acquire();
    const next = slots.acquire();
    slots.releaseForModel(held);
    slots.releaseForModel(held);
    await next;
    expect(slots.stats()).toMatchObject({ active: 1, waiting: 0, releasedForModels: 1 });
    held.release();
    expect(slots.stats().active).toBe(1);
  });

  it("drops a waiting run whose signal aborts, without taking a slot from anyone", async () => {
    const slots = createRunSlots(1);
    const held = await slots.acquire();
    const controller = new AbortController();
    const cancelled = slots.acquire(controller.signal);
    const after = slots.acquire();
    controller.abort();
    const slot = await cancelled;
    expect(slot.release()).toBe(false);
    expect(slots.stats()).toMatchObject({ active: 1, waiting: 1 });
    held.release();
    await after;
    expect(slots.stats()).toMatchObject({ active: 1, waiting: 0 });
  });

  it("has no limit at 0", async () => {
    const slots = createRunSlots(0);
    await Promise.all(Array.from({ length: 100 }, () => slots.acquire()));
    expect(slots.stats()).toMatchObject({ limit: 0, waiting: 0, waited: 0 });
  });
});

describe("run slots, handing over", () => {
  it("starts the next run on a later turn of the event loop, so I/O is served between runs", async () => {
    const slots = createRunSlots(1);
    const held = await slots.acquire();
    const next = slots.acquire();
    // Work already queued for the event loop (as a request read from a socket would be) runs first.
    let immediate = false;
    setImmediate(() => (immediate = true));
    held.release();
    await next;
    expect(immediate).toBe(true);
  });

  it("passes a slot on when the run it was handed to left the line meanwhile", async () => {
    const slots = createRunSlots(1);
    const held = await slots.acquire();
    const controller = new AbortController();
    const leaving = slots.acquire(controller.signal);
    const after = slots.acquire();
    held.release();
    controller.abort();
    expect((await leaving).release()).toBe(false);
    await after;
    expect(slots.stats()).toMatchObject({ active: 1, waiting: 0 });
  });
});
