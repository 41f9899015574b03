import type { Metadata } from "next";
import { ProvidersView } from "./providers-view";

export const metadata: Metadata = { title: "Model providers · Groundwork" };

export default function ProvidersPage() {
  return <ProvidersView />;
}
