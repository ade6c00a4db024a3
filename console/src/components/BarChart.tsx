/** A small horizontal bar chart in SVG (no chart library): each bar with its label and value in words, for screen readers too. */
export interface Bar {
  label: string;
  value: number;
  /** What is written at the bar's end: "98.50%", "3 件". */
  text: string;
}

export function BarChart({ title, bars, max, color = '#1677ff', testId }: { title: string; bars: Bar[]; max: number; color?: string; testId?: string }) {
  const rowHeight = 30;
  const labelWidth = 150;
  const width = 560;
  const barSpace = width - labelWidth - 90;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <figcaption style={{ fontWeight: 600, marginBottom: 8 }}>{title}</figcaption>
      {bars.length === 0 ? (
        <p style={{ color: '#4e5969' }}>没有数据。</p>
      ) : (
        <svg role="img" aria-label={`${title}：${bars.map((bar) => `${bar.label} ${bar.text}`).join('，')}`} width="100%" viewBox={`0 0 ${width} ${height}`} style={{ maxWidth: width }}>
          {bars.map((bar, index) => {
            const y = index * rowHeight + 4;
            const length = max > 0 ? Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * barSpace) : 0;
            return (
              <g key={`${bar.label}-${index}`}>
                <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="13" fill="#1f2329">
                  {bar.label}
                </text>
                <rect x={labelWidth} y={y + 4} width={barSpace} height={rowHeight - 12} fill="#f0f2f5" rx="3" />
                <rect x={labelWidth} y={y + 4} width={length} height={rowHeight - 12} fill={color} rx="3" />
                <text x={labelWidth + barSpace + 8} y={y + 17} fontSize="13" fill="#1f2329">
                  {bar.text}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
