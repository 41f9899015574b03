import { describe, expect, it } from "vitest";
import { AuthConfigError, parseAuthConfig, parseOidcConfig } from "./auth-config";

const key = () => Buffer.alloc(32, 7);

describe("OIDC configuration", () => {
  it("is off when no variable is set", () => {
    expect(parseOidcConfig({})).toBeNull();
  });

  it("builds the discovery URL, scopes and label from the variables", () => {
    expect(
      parseOidcConfig({
        GROUNDWORK_OIDC_ISSUER: "https://login.example.com/realms/acme/",
        GROUNDWORK_OIDC_CLIENT_ID: "groundwork",
        GROUNDWORK_OIDC_CLIENT_SECRET: "s3cret",
        GROUNDWORK_OIDC_NAME: "Acme SSO",
        GROUNDWORK_OIDC_SCOPES: "openid email, groups",
      }),
    ).toEqual({
      providerId: "oidc",
      name: "Acme SSO",
      discoveryUrl: "https://login.example.com/realms/acme/.well-known/openid-configuration",
      clientId: "groundwork",
      clientSecret: "s3cret",
      scopes: ["openid", "email", "groups"],
    });
  });

  it("names the missing variables of a half configuration", () => {
    expect(() => parseOidcConfig({ GROUNDWORK_OIDC_ISSUER: "https://login.example.com" })).toThrow(
      /set GROUNDWORK_OIDC_CLIENT_ID and GROUNDWORK_OIDC_CLIENT_SECRET too/,
    );
  });

  it("refuses a plain-http issuer off localhost, a bad URL and scopes without openid", () => {
    const base = { GROUNDWORK_OIDC_CLIENT_ID: "a", GROUNDWORK_OIDC_CLIENT_SECRET: "b" };
    expect(() => parseOidcConfig({ ...base, GROUNDWORK_OIDC_ISSUER: "http://login.example.com" })).toThrow(/must use https/);
    expect(() => parseOidcConfig({ ...base, GROUNDWORK_OIDC_ISSUER: "login" })).toThrow(AuthConfigError);
    expect(() => parseOidcConfig({ ...base, GROUNDWORK_OIDC_ISSUER: "https://x.example", GROUNDWORK_OIDC_SCOPES: "email" })).toThrow(/openid/);
    expect(parseOidcConfig({ ...base, GROUNDWORK_OIDC_ISSUER: "http://127.0.0.1:8080" })?.discoveryUrl).toBe(
      "http://127.0.0.1:8080/.well-known/openid-configuration",
    );
  });
});

describe("auth configuration", () => {
  it("marks cookies Secure exactly when the public URL is https", () => {
    expect(parseAuthConfig({ GROUNDWORK_BASE_URL: "https://gw.example.com/console" }, key)).toMatchObject({
      baseUrl: "https://gw.example.com",
      secureCookies: true,
    });
    expect(parseAuthConfig({ GROUNDWORK_BASE_URL: "http://10.0.0.5:3000" }, key).secureCookies).toBe(false);
    expect(parseAuthConfig({}, key)).toMatchObject({ baseUrl: undefined, secureCookies: false });
  });

  it("derives the session secret from the credential key unless BETTER_AUTH_SECRET is set", () => {
    const derived = parseAuthConfig({}, key).secret;
    expect(derived).toHaveLength(44);
    expect(derived).not.toContain(key().toString("base64"));
    expect(parseAuthConfig({}, () => Buffer.alloc(32, 8)).secret).not.toBe(derived);
    expect(parseAuthConfig({ BETTER_AUTH_SECRET: "x".repeat(40) }, key).secret).toBe("x".repeat(40));
    expect(() => parseAuthConfig({ BETTER_AUTH_SECRET: "short" }, key)).toThrow(/at least 32/);
  });
});
