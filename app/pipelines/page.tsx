import type { Metadata } from "next";
import { PipelinesView } from "./pipelines-view";

export const metadata: Metadata = { title: "Pipelines · Groundwork" };

export default function PipelinesPage() {
  return <PipelinesView />;
}
