"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { timeTick } from "./axis-format";

export type TokensPoint = { at: Date; tokens: number; costUsd: number };

/** Tokens (left axis) and estimated cost in US dollars (right axis) per hour or day. */
export function TokensChart({ points, unit }: { points: TokensPoint[]; unit: "hour" | "day" }) {
  const data = points.map((p) => ({ ...p, at: p.at.getTime() }));
  const tick = timeTick(unit);
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={data}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="at" tickFormatter={tick} fontSize={11} minTickGap={24} />
        <YAxis yAxisId="tokens" allowDecimals={false} fontSize={11} width={48} />
        <YAxis yAxisId="cost" orientation="right" fontSize={11} width={56} tickFormatter={(v: number) => `$${v.toFixed(2)}`} />
        <Tooltip labelFormatter={(value) => tick(Number(value))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line yAxisId="tokens" dataKey="tokens" name="Tokens" stroke="#6366f1" dot={false} isAnimationActive={false} />
        <Line yAxisId="cost" dataKey="costUsd" name="Est. cost (USD)" stroke="#f97316" dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
