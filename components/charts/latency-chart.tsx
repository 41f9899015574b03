"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDuration } from "@/components/ui/format";

export type LatencyRow = { label: string; runs: number; p50: number; p95: number; p99: number };

/** p50, p95 and p99 side by side for each pipeline or node type. */
export function LatencyChart({ rows }: { rows: LatencyRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No runs in this range.</p>;
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 44 + 60)}>
      <BarChart data={rows} layout="vertical" margin={{ left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tickFormatter={(v: number) => formatDuration(v)} fontSize={11} />
        <YAxis type="category" dataKey="label" width={150} fontSize={11} />
        <Tooltip formatter={(value) => formatDuration(Number(value))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="p50" name="p50" fill="#93c5fd" isAnimationActive={false} />
        <Bar dataKey="p95" name="p95" fill="#3b82f6" isAnimationActive={false} />
        <Bar dataKey="p99" name="p99" fill="#1e3a8a" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
