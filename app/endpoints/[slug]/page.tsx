import type { Metadata } from "next";
import { EndpointView } from "./endpoint-view";

export const metadata: Metadata = { title: "Endpoint · Groundwork" };

export default async function EndpointPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return <EndpointView slug={slug} />;
}
