"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { timeTick } from "./axis-format";

export type TokensPoint = { at: Date; tokens: number; inputTokens: number; outputTokens: number; costUsd: number };

/** Input, output and total tokens (left axis) and estimated cost in US dollars (right axis) per hour or day. */
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
        <Line yAxisId="tokens" dataKey="inputTokens" name="Input tokens" stroke="#0ea5e9" dot={false} isAnimationActive={false} />
        <Line yAxisId="tokens" dataKey="outputTokens" name="Output tokens" stroke="#8b5cf6" dot={false} isAnimationActive={false} />
        {/* The total also counts tokens traced before input and output were kept apart. */}
        <Line yAxisId="tokens" dataKey="tokens" name="Total tokens" stroke="#64748b" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
        <Line yAxisId="cost" dataKey="costUsd" name="Est. cost (USD)" stroke="#f97316" dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
