/** One series of a stacked bar chart. */
export interface ChartSeries {
  name: string;
  color: string;
  values: number[];
}

/** Escapes text for HTML and SVG (element content and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A stacked bar chart as inline SVG: no scripts, no fonts or images to fetch, so the report stays
 * self-contained. Each bar is one period; hovering a segment shows its count (SVG <title>).
 */
export function stackedBarChart({
  title,
  labels,
  series,
  width = 760,
  height = 240,
}: {
  title: string;
  labels: string[];
  series: ChartSeries[];
  width?: number;
  height?: number;
}): string {
  const margin = { top: 28, right: 12, bottom: 46, left: 44 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const totals = labels.map((_, index) =>
    series.reduce((sum, s) => sum + (s.values[index] ?? 0), 0),
  );
  const max = Math.max(1, ...totals);
  const slot = plotWidth / Math.max(1, labels.length);
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">`,
    `<title>${escapeHtml(title)}</title>`,
    `<text x="${margin.left}" y="16" font-size="13" font-weight="600">${escapeHtml(title)}</text>`,
    `<line x1="${margin.left}" y1="${margin.top + plotHeight}" x2="${width - margin.right}" y2="${margin.top + plotHeight}" stroke="#999"/>`,
    `<text x="${margin.left - 6}" y="${margin.top + 4}" font-size="10" text-anchor="end">${max}</text>`,
    `<text x="${margin.left - 6}" y="${margin.top + plotHeight}" font-size="10" text-anchor="end">0</text>`,
  ];
  labels.forEach((label, index) => {
    const x = margin.left + index * slot + (slot - barWidth) / 2;
    let y = margin.top + plotHeight;
    for (const s of series) {
      const value = s.values[index] ?? 0;
      if (value === 0) continue;
      const h = (value / max) * plotHeight;
      y -= h;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"><title>${escapeHtml(`${label} ${s.name}: ${value}`)}</title></rect>`,
      );
    }
    const every = Math.ceil(labels.length / 8);
    if (index % every === 0 || index === labels.length - 1) {
      parts.push(
        `<text x="${(x + barWidth / 2).toFixed(1)}" y="${margin.top + plotHeight + 14}" font-size="10" text-anchor="middle">${escapeHtml(label)}</text>`,
      );
    }
  });
  series.forEach((s, index) => {
    const x = margin.left + index * 130;
    const y = height - 10;
    parts.push(
      `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${s.color}"/><text x="${x + 14}" y="${y}" font-size="11">${escapeHtml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
