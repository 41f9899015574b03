"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { timeTick } from "./axis-format";

export type RunsPoint = { at: Date; answered: number; flagged: number; refused: number; failed: number; cancelled: number };

const stack = [
  { key: "answered", color: "#10b981", label: "Answered" },
  { key: "flagged", color: "#f59e0b", label: "Flagged" },
  { key: "refused", color: "#94a3b8", label: "Refused" },
  { key: "failed", color: "#ef4444", label: "Failed" },
  { key: "cancelled", color: "#cbd5e1", label: "Cancelled" },
] as const;

/** Runs per hour or day, stacked by outcome. */
export function RunsOverTimeChart({ points, unit }: { points: RunsPoint[]; unit: "hour" | "day" }) {
  const data = points.map((p) => ({ ...p, at: p.at.getTime() }));
  const tick = timeTick(unit);
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="at" tickFormatter={tick} fontSize={11} minTickGap={24} />
        <YAxis allowDecimals={false} fontSize={11} width={36} />
        <Tooltip labelFormatter={(value) => tick(Number(value))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {stack.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="runs" fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
