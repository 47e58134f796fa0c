# SPDX-License-Identifier: EUPL-1.2
"""The barrier model as a server-rendered SVG: the familiar chain of arrow-shaped steps, each
with the (suppressed) number of closed cases and its barriers underneath, coloured by status;
a barrier that closed cases found failed or missing gets a line "faalde n · ontbrak n".

Pure Python, no JavaScript and no Django, so the same drawing goes into the web page (inline)
and into the PDF (WeasyPrint renders inline SVG). Why these choices: light fills with dark text
stay readable on paper; each status also has a symbol and a dark outline, so the drawing still
works in black and white; the ``data-*`` attributes name step, barrier and status for tests and
for assistive tooling, and a table with the same content sits next to the drawing on the page.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from schakel.policy import rules

COLUMN = 200       # width of one step
GAP = 18           # space between two steps (the arrow tip sits in it)
MARGIN = 16
HEAD = 78          # height of the arrow-shaped step header
LINE = 15          # line height of barrier text
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


@dataclass(frozen=True)
class DiagramBarrier:
    code: str
    name: str
    status: str
    failed: str = "0"   # closed cases in which the barrier failed, already suppressed ("<5")
    missing: str = "0"  # closed cases in which the barrier was missing, already suppressed

    @property
    def has_findings(self) -> bool:
        return (self.failed, self.missing) != ("0", "0")


@dataclass(frozen=True)
class DiagramStep:
    code: str
    name: str
    status: str
    count_label: str
    barriers: tuple[DiagramBarrier, ...] = field(default_factory=tuple)
    verified: bool = True


@dataclass(frozen=True)
class Legend:
    """Labels of the statuses in the UI language (the module itself has no translations)."""

    labels: dict[str, str]
    cases: str = "Gesloten casussen"
    suppressed_note: str = "Aantallen van 1 tot en met 4 staan als <5."
    unverified: str = "niet bevestigd in bron"
    failed: str = "faalde"
    missing: str = "ontbrak"


def render_svg(title: str, steps: Sequence[DiagramStep], legend: Legend,
               subtitle: str = "") -> str:
    """The complete ``<svg>`` element for ``steps`` in chain order."""
    columns = [_column(index, step, legend) for index, step in enumerate(steps)]
    body_height = max((height for _, height in columns), default=HEAD)
    legend_top = 70 + body_height + 20
    width = 2 * MARGIN + max(len(steps), 1) * COLUMN + max(len(steps) - 1, 0) * GAP
    height = legend_top + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="barrier-diagram" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-family={quoteattr(FONT)} aria-labelledby="diagram-title diagram-desc">',
        f'<title id="diagram-title">{escape(title)}</title>',
        f'<desc id="diagram-desc">{escape(_description(steps, legend))}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        _text(MARGIN, 28, title, size=20, weight="bold"),
        _text(MARGIN, 50, subtitle, size=13, colour="#333333") if subtitle else "",
    ]
    parts += [svg for svg, _ in columns]
    parts.append(_legend(MARGIN, legend_top, legend))
    parts.append("</svg>")
    return "".join(parts)


def _column(index: int, step: DiagramStep, legend: Legend) -> tuple[str, int]:
    x = MARGIN + index * (COLUMN + GAP)
    top = 70
    parts = [f'<g class="barrier-step" data-step={quoteattr(step.code)} '
             f'data-status={quoteattr(step.status)}>',
             _arrow(x, top, step), *_header_text(x, top, step, legend)]
    y = top + HEAD + 12
    for barrier in step.barriers:
        svg, used = _barrier(x, y, barrier, legend)
        parts.append(svg)
        y += used + 8
    parts.append("</g>")
    return "".join(parts), y - top


def _arrow(x: int, y: int, step: DiagramStep) -> str:
    """A right-pointing chevron, the usual shape of a barrier-model step."""
    tip = 16
    points = [(x, y), (x + COLUMN - tip, y), (x + COLUMN + tip - 4, y + HEAD / 2),
              (x + COLUMN - tip, y + HEAD), (x, y + HEAD), (x + tip, y + HEAD / 2)]
    dash = ' stroke-dasharray="6 4"' if not step.verified else ""
    coords = " ".join(f"{px:.0f},{py:.0f}" for px, py in points)
    return (f'<polygon points="{coords}" fill="{rules.fill(step.status)}" '
            f'stroke="{rules.stroke(step.status)}" stroke-width="2"{dash}/>')


def _header_text(x: int, y: int, step: DiagramStep, legend: Legend) -> list[str]:
    lines = textwrap.wrap(step.name, 19)[:2]
    parts = [_text(x + 26, y + 22 + i * 17, line, size=14, weight="bold")
             for i, line in enumerate(lines)]
    note = f"{legend.cases}: {step.count_label}"
    parts.append(f'<text x="{x + 26}" y="{y + HEAD - 12}" font-size="12" fill="#1a1a1a" '
                 f'class="step-count" data-count={quoteattr(step.count_label)}>'
                 f'{escape(note)}</text>')
    if not step.verified:
        parts.append(_text(x + 26, y - 6, f"({legend.unverified})", size=11, colour="#333333"))
    return parts


def _barrier(x: int, y: int, barrier: DiagramBarrier, legend: Legend) -> tuple[str, int]:
    lines = textwrap.wrap(barrier.name, 21) or [""]
    findings = _findings_line(barrier, legend)
    height = 10 + LINE * (len(lines) + (1 if findings else 0))
    symbol = rules.SYMBOLS.get(barrier.status, "?")
    parts = [
        f'<g class="barrier" data-barrier={quoteattr(barrier.code)} '
        f'data-status={quoteattr(barrier.status)} data-failed={quoteattr(barrier.failed)} '
        f'data-missing={quoteattr(barrier.missing)}>',
        f'<rect x="{x + 4}" y="{y}" width="{COLUMN - 12}" height="{height}" rx="4" '
        f'fill="{rules.fill(barrier.status)}" stroke="{rules.stroke(barrier.status)}" '
        f'stroke-width="1.5"/>',
        _text(x + 12, y + 5 + LINE - 2, symbol, size=13, weight="bold",
              colour=rules.stroke(barrier.status)),
    ]
    parts += [_text(x + 30, y + 5 + LINE * (i + 1) - 3, line, size=12)
              for i, line in enumerate(lines)]
    if findings:
        parts.append(f'<text x="{x + 30}" y="{y + 5 + LINE * (len(lines) + 1) - 3}" '
                     f'font-size="11" font-style="italic" fill="#1a1a1a" '
                     f'class="barrier-findings">{escape(findings)}</text>')
    parts.append("</g>")
    return "".join(parts), height


def _findings_line(barrier: DiagramBarrier, legend: Legend) -> str:
    """"faalde 5 · ontbrak <5": what closed cases found, only when they found something."""
    if not barrier.has_findings:
        return ""
    return f"{legend.failed} {barrier.failed} · {legend.missing} {barrier.missing}"


def _legend(x: int, y: int, legend: Legend) -> str:
    parts = ['<g class="legend">']
    offset = x
    for status in (rules.IN_PLACE, rules.PARTLY, rules.ABSENT, rules.NOT_APPLICABLE,
                   rules.NOT_ASSESSED):
        label = f"{rules.SYMBOLS[status]} {legend.labels.get(status, status)}"
        parts.append(f'<rect x="{offset}" y="{y}" width="18" height="18" rx="3" '
                     f'fill="{rules.fill(status)}" stroke="{rules.stroke(status)}"/>')
        parts.append(_text(offset + 24, y + 14, label, size=12))
        offset += 34 + 7 * len(label)
    parts.append(_text(x, y + 40, legend.suppressed_note, size=12, colour="#333333"))
    parts.append("</g>")
    return "".join(parts)


def _text(x: float, y: float, content: str, *, size: int = 12, weight: str = "normal",
          colour: str = "#1a1a1a") -> str:
    return (f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" font-weight="{weight}" '
            f'fill="{colour}">{escape(content)}</text>')


def _description(steps: Sequence[DiagramStep], legend: Legend) -> str:
    """A text alternative: every step with its status, count and barriers."""
    def label(status: str) -> str:
        return legend.labels.get(status, status)

    return " ".join(
        f"{i}. {step.name} ({label(step.status)}; {legend.cases.lower()}: {step.count_label})"
        + (": " + "; ".join(f"{b.name} – {label(b.status)}"
                            + (f" ({_findings_line(b, legend)})" if b.has_findings else "")
                            for b in step.barriers)
           if step.barriers else "") + "."
        for i, step in enumerate(steps, start=1)
    )
