"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { TRPCProvider } from "./client";
import { errorCode } from "./error-message";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Console data changes mostly through this tab; a short stale time avoids refetch storms.
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        // Retry once what may be passing (network, server error); an answer such as NOT_FOUND stands.
        retry: (failures, error) => failures < 1 && [undefined, "INTERNAL_SERVER_ERROR"].includes(errorCode(error)),
      },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
