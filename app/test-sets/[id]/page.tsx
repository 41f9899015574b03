import type { Metadata } from "next";
import { TestSetView } from "./test-set-view";

export const metadata: Metadata = { title: "Test set · Groundwork" };

export default async function TestSetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TestSetView id={id} />;
}
