import type { Metadata } from "next";
import { WorkspaceView } from "./workspace-view";

export const metadata: Metadata = { title: "Workspace · Groundwork" };

export default function WorkspacePage() {
  return <WorkspaceView />;
}
