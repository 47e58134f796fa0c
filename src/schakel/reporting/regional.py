# SPDX-License-Identifier: EUPL-1.2
"""Figures per municipality and indicator for the RIEC or regional partnership (CSV/XLSX).

Always suppressed (also for a coordinator: the file leaves the municipality). In a regional
deployment the file ends with the regional sums, protected with
:func:`~schakel.reporting.suppression.protect_region` so that "region minus the other
municipalities" never gives what a small municipality suppresses.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from schakel.reporting import protection, services
from schakel.reporting import suppression as sup
from schakel.reporting.services import ReportScope

EXPORT_TABLES = ("signals_by_domain", "signals_by_source", "signals_by_result",
                 "cases_by_domain", "cases_by_referral", "cases_by_outcome")
HEADER = ("gebied", "cbs_code", "jaar", "indicator", "omschrijving", "categorie", "aantal")


def rows(area: ReportScope, year: int) -> list[tuple[str, ...]]:
    """One row per area × indicator × category; the "<5"/"x" symbols stay text."""
    policy = protection.internal_policy()
    areas = [ReportScope((m,), m) for m in area.municipalities]
    if area.is_region:
        areas.append(area)
    result: list[tuple[str, ...]] = []
    for part in areas:
        report = services.get_report(part, year, policy)
        code = part.selected.cbs_code if part.selected else ""
        for name in EXPORT_TABLES:
            table = report.table(name)
            for row in table.rows:
                result.append((part.label, code, str(year), name, table.title, row.label,
                               row.cell.display))
            if table.total is not None:
                result.append((part.label, code, str(year), name, table.title, _("Totaal"),
                               table.total.display))
    return result


def footnote() -> str:
    return sup.footnote(protection.internal_policy())


def to_csv(data: list[tuple[str, ...]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(_safe(row) for row in data)
    writer.writerow(())
    writer.writerow((footnote(),))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def to_xlsx(data: list[tuple[str, ...]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Cijfers")
    sheet.append(list(HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data:
        values = list(_safe(row))
        count = values[-1]
        values[-1] = int(count) if count.isdigit() else count
        sheet.append(values)
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(_("Toelichting"))
    notes.append([title])
    notes.append([footnote()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe(row: tuple[str, ...]) -> tuple[str, ...]:
    """No spreadsheet formulas from labels (CSV injection): a leading = + - @ gets a quote."""
    return tuple("'" + v if v[:1] in ("=", "+", "-", "@") and not v.lstrip("-").isdigit()
                 else v for v in row)
