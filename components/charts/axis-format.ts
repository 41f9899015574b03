// Tick labels for the dashboards' time axis: hours within a day, dates beyond.

const hour = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit" });
const day = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });

export function timeTick(unit: "hour" | "day"): (value: number) => string {
  return (value) => (unit === "hour" ? hour : day).format(new Date(value));
}
