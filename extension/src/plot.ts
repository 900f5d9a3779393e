import type { ActivationPayload, Payload } from "actigrad/dist/figure/payload";
import type { Theme } from "./theme";

/** A plotly figure: traces and layout. */
export interface PlotlyFigure {
  data: object[];
  layout: Record<string, unknown>;
}

/** f and f′ in two stacked subplots sharing x; hover shows x, f(x), f′(x). */
function activationFigure(p: ActivationPayload, t: Theme): PlotlyFigure {
  const data: object[] = [];
  p.series.forEach((s, k) => {
    const color = t.colors[k % t.colors.length];
    const custom = s.f.map((_, i) => [s.f[i], s.df[i], s.d2f[i]]);
    const hover = `${"%{x:.4g}"}<br>f = %{customdata[0]:.6g}<br>f′ = %{customdata[1]:.6g}<extra>%{fullData.name}</extra>`;
    data.push({ type: "scatter", mode: "lines", name: s.label, legendgroup: s.id, x: p.x, y: s.f, customdata: custom, hovertemplate: hover, line: { color, width: 2 }, xaxis: "x", yaxis: "y" });
    data.push({ type: "scatter", mode: "lines", name: `${s.label} f′`, legendgroup: s.id, showlegend: false, x: p.x, y: s.df, customdata: custom, hovertemplate: hover, line: { color, width: 2, dash: "dash" }, xaxis: "x2", yaxis: "y2" });
  });
  const axis = { gridcolor: t.grid, zerolinecolor: t.grid, color: t.text };
  return {
    data,
    layout: {
      title: { text: p.title },
      grid: { rows: 1, columns: 2, pattern: "independent" },
      xaxis: { ...axis, title: { text: "x" } },
      yaxis: { ...axis, title: { text: "f(x)" } },
      xaxis2: { ...axis, title: { text: "x" }, matches: "x" },
      yaxis2: { ...axis, title: { text: "f′(x)" } },
    },
  };
}

/** The plotly figure for any payload kind, in the given theme. */
export function toPlotly(p: Payload, t: Theme): PlotlyFigure {
  const fig = activationFigure(p, t);
  Object.assign(fig.layout, {
    paper_bgcolor: t.paper,
    plot_bgcolor: t.paper,
    font: { color: t.text },
    hovermode: "closest",
    margin: { l: 60, r: 20, t: 50, b: 50 },
    height: 360,
  });
  return fig;
}
