import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isPrivateAddress } from "./ip-ranges";
import { ALLOW_PRIVATE_URLS_ENV, assertFetchableUrl, BlockedUrlError, createSafeFetch } from "./safe-fetch";

describe("isPrivateAddress", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1", "fd00::1", "::ffff:10.0.0.1"])(
    "refuses %s",
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows %s", (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
});

describe("safe fetch", () => {
  let server: Server;
  let url: string;
  const saved = process.env[ALLOW_PRIVATE_URLS_ENV];
  beforeAll(async () => {
    server = createServer((_req, res) => res.end("inside"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  beforeEach(() => {
    delete process.env[ALLOW_PRIVATE_URLS_ENV];
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env[ALLOW_PRIVATE_URLS_ENV];
    else process.env[ALLOW_PRIVATE_URLS_ENV] = saved;
    await new Promise((resolve) => server.close(resolve));
  });

  it("refuses a loopback server by default, naming the address and how to allow it", async () => {
    const refused = createSafeFetch({ allowPrivate: false })(url);
    await expect(refused).rejects.toBeInstanceOf(BlockedUrlError);
    await expect(refused).rejects.toThrow(/127\.0\.0\.1.*private or loopback.*Settings → Workspace/);
  });

  it("refuses a host name that resolves to loopback (the check is after DNS)", async () => {
    await expect(assertFetchableUrl(url.replace("127.0.0.1", "localhost"), { allowPrivate: false })).rejects.toThrow(/resolves to/);
  });

  it("refuses schemes other than http(s)", async () => {
    await expect(assertFetchableUrl("file:///etc/passwd", { allowPrivate: true })).rejects.toThrow(/Only http and https/);
  });

  it("reaches it when the workspace allows private addresses, or the operator does", async () => {
    expect(await (await createSafeFetch({ allowPrivate: true })(url)).text()).toBe("inside");
    process.env[ALLOW_PRIVATE_URLS_ENV] = "1";
    expect(await (await createSafeFetch({ allowPrivate: false })(url)).text()).toBe("inside");
  });
});
