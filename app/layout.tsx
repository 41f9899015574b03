import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { Sidebar } from "@/components/shell/sidebar";
import { themeFromCookies } from "@/components/theme/theme-cookie";
import { ThemeProvider } from "@/components/theme/theme-provider";
import { MeLoader } from "./_auth/me-loader";
import { Providers } from "./_trpc/provider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Groundwork",
  description: "Build, trace and publish grounded, cited answers.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next puts the CSP nonce from proxy.ts on its scripts only then.
  await headers();
  const theme = await themeFromCookies();
  return (
    <html lang="en" className={theme}>
      <body>
        <ThemeProvider initial={theme}>
          <Providers>
            <MeLoader>
              <div className="flex h-screen overflow-hidden">
                <Sidebar />
                <main className="min-w-0 flex-1">{children}</main>
              </div>
            </MeLoader>
          </Providers>
        </ThemeProvider>
        <Toaster position="top-center" richColors closeButton />
      </body>
    </html>
  );
}
