import type { Metadata } from "next";
import { LocalModelsView } from "./local-models-view";

export const metadata: Metadata = { title: "Local models · Groundwork" };

export default function LocalModelsPage() {
  return <LocalModelsView />;
}
