import type { Metadata } from "next";
import { TestSetsView } from "./test-sets-view";

export const metadata: Metadata = { title: "Test sets · Groundwork" };

export default function TestSetsPage() {
  return <TestSetsView />;
}
