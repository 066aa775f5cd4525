"""A bar chart as SVG text, no plotting library: requests/s at 20 and 256 connections, and peak RSS, per server."""

from html import escape

COLORS = {"c20": "#4e79a7", "c256": "#f28e2b", "rss": "#59a14f"}
LABELS = {"stardust": "Stardust", "stardust-uring": "Stardust\nio_uring", "netty": "raw Netty", "vertx": "Vert.x",
          "node": "node"}


def panel(x0, y0, width, height, title, groups, series, unit):
    """groups: [(label, {series: value})]; one bar per series in each group."""
    top = max([v for _, vals in groups for v in vals.values() if v] + [1]) * 1.1
    out = [f'<text x="{x0}" y="{y0 - 12}" font-size="14" font-weight="bold">{escape(title)}</text>',
           f'<line x1="{x0}" y1="{y0 + height}" x2="{x0 + width}" y2="{y0 + height}" stroke="#333"/>']
    slot = width / max(len(groups), 1)
    bar = slot * 0.8 / max(len(series), 1)
    for i, (label, vals) in enumerate(groups):
        gx = x0 + i * slot + slot * 0.1
        for j, (key, color) in enumerate(series):
            v = vals.get(key) or 0
            h = height * v / top
            bx = gx + j * bar
            out.append(f'<rect x="{bx:.1f}" y="{y0 + height - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" '
                       f'fill="{color}"><title>{escape(label)} {key}: {v:,.0f} {unit}</title></rect>')
            out.append(f'<text x="{bx + bar / 2 - 1:.1f}" y="{y0 + height - h - 3:.1f}" font-size="9" '
                       f'text-anchor="middle">{v:,.0f}</text>')
        for k, line in enumerate(label.split("\n")):
            out.append(f'<text x="{gx + slot * 0.4:.1f}" y="{y0 + height + 14 + 12 * k}" font-size="11" '
                       f'text-anchor="middle">{escape(line)}</text>')
    return out


def chart(meta, rows):
    groups_rps, groups_rss = [], []
    for r in rows:
        label = LABELS[r["server"]] + ("" if r["server"] == "node" else f"\n{r['profile']}")
        groups_rps.append((label, {"c20": r.get("rps_c20"), "c256": r.get("rps_c256")}))
        groups_rss.append((label, {"rss": r.get("peak_rss_mb")}))
    width, height = 980, 640
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="20" y="24" font-size="16" font-weight="bold">Stardust HTTP hello side by side, '
           f'{escape(meta["date"])}</text>',
           f'<text x="20" y="42" font-size="11">{escape(meta["machine"])}; load average '
           f'{meta["load_before"][0]:.2f} → {meta["load_after"][0]:.2f}; {escape(meta["command"])}</text>']
    out += panel(60, 90, 880, 200, "requests/s (higher is better)", groups_rps,
                 [("c20", COLORS["c20"]), ("c256", COLORS["c256"])], "req/s")
    out += [f'<rect x="700" y="62" width="10" height="10" fill="{COLORS["c20"]}"/>'
            '<text x="714" y="71" font-size="11">wrk, 20 connections</text>',
            f'<rect x="840" y="62" width="10" height="10" fill="{COLORS["c256"]}"/>'
            '<text x="854" y="71" font-size="11">256 connections</text>']
    out += panel(60, 390, 880, 180, "peak RSS under load, MB (lower is better)", groups_rss,
                 [("rss", COLORS["rss"])], "MB")
    out.append("</svg>")
    return "\n".join(out) + "\n"
