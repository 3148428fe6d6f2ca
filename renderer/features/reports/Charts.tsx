/**
 * Small SVG charts for the report: where a rep would rather look than read. Each has a text
 * alternative (aria-label) and sits next to a table with the same numbers.
 */

export interface PairRow {
  label: string;
  total: number;
  part: number;
}

/** One row per kind: the planned amount as a light bar, what was done over it as a dark one. */
export function PairBars({
  rows,
  label,
  format = String,
}: {
  rows: readonly PairRow[];
  label: string;
  format?: (value: number) => string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.total));
  const rowHeight = 26;
  const labelWidth = 210;
  const width = 560;
  const barSpace = width - labelWidth - 60;
  const height = rows.length * rowHeight + 4;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {rows.map((r, i) => {
        const y = i * rowHeight + 4;
        return (
          <g key={r.label}>
            <text x={labelWidth - 8} y={y + 14} textAnchor="end" className="chart-label">
              {r.label}
            </text>
            {(['total', 'part'] as const).map((key) => (
              <rect
                key={key}
                x={labelWidth}
                y={y}
                width={(r[key] / max) * barSpace}
                height={18}
                className={`bar-${key}`}
                rx={3}
              />
            ))}
            <text
              x={labelWidth + (r.total / max) * barSpace + 6}
              y={y + 14}
              className="chart-value"
            >
              {format(r.part)}/{format(r.total)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** One bar per figure, labelled with its value: the chart of a table, row for row. */
export function ValueBars({
  rows,
  label,
  format = String,
}: {
  rows: readonly (readonly [string, number])[];
  label: string;
  format?: (value: number) => string;
}) {
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const rowHeight = 26;
  const labelWidth = 210;
  const width = 560;
  const barSpace = width - labelWidth - 60;
  const height = rows.length * rowHeight + 4;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {rows.map(([name, value], i) => {
        const y = i * rowHeight + 4;
        return (
          <g key={name}>
            <text x={labelWidth - 8} y={y + 14} textAnchor="end" className="chart-label">
              {name}
            </text>
            <rect
              x={labelWidth}
              y={y}
              width={(value / max) * barSpace}
              height={18}
              className="bar-part"
              rx={3}
            />
            <text x={labelWidth + (value / max) * barSpace + 6} y={y + 14} className="chart-value">
              {format(value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface StackPart {
  key: string;
  label: string;
  value: number;
}

/** One bar split into parts (below / met / exceeded), each part labelled with its count. */
export function StackedBar({
  parts,
  label,
  format = String,
}: {
  parts: readonly StackPart[];
  label: string;
  format?: (value: number) => string;
}) {
  const total = parts.reduce((n, p) => n + p.value, 0);
  const width = 560;
  let x = 0;
  return (
    <svg className="chart" viewBox={`0 0 ${width} 64`} role="img" aria-label={label}>
      {total === 0 && <rect x={0} y={4} width={width} height={30} className="bar-total" rx={4} />}
      {parts.map((p) => {
        const w = total === 0 ? 0 : (p.value / total) * width;
        const at = x;
        x += w;
        if (w === 0) return null;
        return (
          <g key={p.key}>
            <rect x={at} y={4} width={w} height={30} className={`stack-${p.key}`} />
            <text x={at + w / 2} y={52} textAnchor="middle" className="chart-label">
              {p.label}: {format(p.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface TrendPoint {
  label: string;
  /** Each series' value, or null for a month with no data (a gap, not a zero). */
  values: (number | null)[];
}

export interface TrendSeries {
  name: string;
  min: number;
  max: number;
  className: string;
}

/** Lines over the months, each series on its own scale (1–5, 0–10) mapped to the same height. */
export function TrendChart(props: {
  points: readonly TrendPoint[];
  series: readonly TrendSeries[];
  label: string;
  format?: (value: number) => string;
}) {
  const format = props.format ?? String;
  const width = 560;
  const height = 150;
  const pad = { left: 24, right: 24, top: 26, bottom: 30 };
  const step =
    props.points.length > 1 ? (width - pad.left - pad.right) / (props.points.length - 1) : 0;
  const xOf = (i: number) => pad.left + i * step;
  const yOf = (v: number, s: TrendSeries) =>
    pad.top + (1 - (v - s.min) / (s.max - s.min)) * (height - pad.top - pad.bottom);
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label}>
      <line
        x1={pad.left}
        x2={width - pad.right}
        y1={height - pad.bottom}
        y2={height - pad.bottom}
        className="axis"
      />
      {props.points.map((p, i) => (
        <text key={p.label} x={xOf(i)} y={height - 10} textAnchor="middle" className="chart-label">
          {p.label}
        </text>
      ))}
      {props.series.map((s, si) => {
        const coords = props.points
          .map((p, i) =>
            p.values[si] === null || p.values[si] === undefined
              ? null
              : [xOf(i), yOf(p.values[si]!, s), p.values[si]!],
          )
          .filter((c): c is [number, number, number] => c !== null);
        return (
          <g key={s.name} className={s.className}>
            {coords.length > 1 && (
              <polyline points={coords.map(([x, y]) => `${x},${y}`).join(' ')} fill="none" />
            )}
            {coords.map(([x, y, v]) => (
              <g key={x}>
                <circle cx={x} cy={y} r={4} />
                {/* The first series labels above its points, the others below, so close values stay readable. */}
                <text
                  x={x}
                  y={si === 0 ? y - 9 : y + 18}
                  textAnchor="middle"
                  className="chart-value"
                >
                  {format(v)}
                </text>
              </g>
            ))}
          </g>
        );
      })}
    </svg>
  );
}
