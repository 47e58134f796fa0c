# SPDX-License-Identifier: EUPL-1.2
"""Charts rendered on the server: Vega-Altair specification → SVG with vl-convert.

Why on the server: no JavaScript chart library in the browser (CSP ``script-src 'self'``, screen
readers), the same SVG goes into the PDF letter, and the chart can only show published cells —
it is drawn from a :class:`~schakel.reporting.figures.Table`, never from exact counts. A hidden
cell has no bar; its label ("<5" or "x") is printed where the bar would be, so the chart never
suggests zero. Each chart comes with its data table and a text alternative in the templates.
"""

from __future__ import annotations

import base64
import hashlib
import re

import altair as alt
import vl_convert as vlc
from django.core.cache import cache

from schakel.reporting.figures import Table

COLOUR = "#154273"  # rijksoverheid dark blue: contrast 10:1 on white
FONT = "DejaVu Sans"


def _data(table: Table) -> list[dict]:
    return [{"label": row.label, "order": index,
             "count": row.cell.count if not row.cell.hidden else None,
             "text": row.cell.display}
            for index, row in enumerate(table.rows)]


def chart_spec(table: Table, width: int = 520) -> dict:
    data = alt.Data(values=_data(table))
    sort = alt.EncodingSortField(field="order", order="ascending")
    if table.chart == "line":
        base = alt.Chart(data).encode(x=alt.X("label:O", sort=sort, title=None,
                                              axis=alt.Axis(labelAngle=0)))
        line = base.mark_line(point=True, color=COLOUR).encode(
            y=alt.Y("count:Q", title="aantal", scale=alt.Scale(zero=True)))
        text = base.mark_text(dy=-10, color="#000000").encode(
            y=alt.Y("count:Q"), text="text:N")
        hidden = base.transform_filter("datum.count == null").mark_text(
            color="#000000", baseline="bottom").encode(y=alt.value(150), text="text:N")
        chart = line + text + hidden
        height = 160
    else:
        height = max(22 * len(table.rows), 60)
        base = alt.Chart(data).encode(y=alt.Y("label:N", sort=sort, title=None,
                                              axis=alt.Axis(labelLimit=260)))
        bars = base.mark_bar(color=COLOUR).encode(
            x=alt.X("count:Q", title="aantal", scale=alt.Scale(zero=True)))
        text = base.mark_text(align="left", dx=4, color="#000000").encode(
            x=alt.X("count:Q"), text="text:N")
        hidden = base.transform_filter("datum.count == null").mark_text(
            align="left", dx=4, color="#000000").encode(x=alt.value(0), text="text:N")
        chart = bars + text + hidden
    chart = chart.properties(width=width, height=height).configure(
        font=FONT, background="#ffffff").configure_view(stroke=None)
    return chart.to_dict()


def chart_svg(table: Table, width: int = 520) -> str:
    """The chart as an SVG string with a title and description for assistive technology."""
    svg = vlc.vegalite_to_svg(chart_spec(table, width))
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    title = _escape(table.title)
    desc = _escape(text_alternative(table))
    return svg.replace(
        "<svg ", '<svg role="img" aria-labelledby="t d" ', 1
    ).replace(">", f"><title>{title}</title><desc>{desc}</desc>", 1).replace(
        'aria-labelledby="t d"', "", 1)


def text_alternative(table: Table) -> str:
    """One sentence per chart, readable aloud: what it shows and the figures."""
    parts = [f"{row.label}: {row.cell.display}" for row in table.rows]
    total = f" Totaal: {table.total.display}." if table.total is not None else ""
    return f"{table.title}. " + "; ".join(parts) + "." + total


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def cached_svg(table: Table, width: int = 520) -> str:
    """:func:`chart_svg`, cached by the chart's published content (labels and displayed
    values): a chart whose figures did not change is not drawn again (building the Altair
    specification and drawing it costs 0.1–0.3 s per chart)."""
    content = (table.name, table.title, table.chart, width,
               [(row.label, row.cell.display) for row in table.rows])
    key = "reporting:svg:" + hashlib.sha256(repr(content).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = chart_svg(table, width)
        cache.set(key, svg, 24 * 3600)
    return svg


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
