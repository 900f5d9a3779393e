// The live progress line, shared by the static SVG and the Lab renderer (a leaf: imports no figure code).
import type { Progress } from "./payload";

/** "1.2 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.round(s - m * 60)).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

/** The live progress line, e.g. "step 300 / 1000 (30%) · 4.2 s elapsed · ETA 9.8 s"; "done" once step reaches total. */
export function formatProgress(p: Progress): string {
  const pct = p.total > 0 ? Math.min(100, Math.floor((100 * p.step) / p.total)) : 0;
  const head = `step ${p.step} / ${p.total} (${pct}%) · ${formatDuration(p.elapsedMs)} elapsed`;
  if (p.step >= p.total) return `${head} · done`;
  // NB: ETA assumes the remaining steps take as long as the ones so far.
  const eta = p.step > 0 ? (p.elapsedMs * (p.total - p.step)) / p.step : NaN;
  return `${head} · ETA ${formatDuration(eta)}`;
}
