# SPDX-License-Identifier: EUPL-1.2
"""Reporting over the demo world: the analyst never sees a count from 1 to 4 — not on the
dashboard, not in the API, not in the council letter or the regional file; the coordinator sees
exact counts on the dashboard only; outside scope is 404."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.utils import timezone

from schakel.audit.models import AccessEvent
from schakel.reporting import figures, letter, protection, regional, services
from schakel.reporting.models import LetterIntroduction

SMALL = {"1", "2", "3", "4"}
YEAR = timezone.localdate().year


def _login(client, user):
    client.force_login(user)
    return client


def _json_counts(data) -> list:
    """Every published count in a figures answer."""
    found = []
    for table in data["tables"]:
        found += [row["count"] for row in table["rows"]]
        if "total" in table:
            found.append(table["total"])
    found += [lt["observations"] for lt in data["lead_times"]]
    return found


def test_analyst_api_never_contains_a_count_from_one_to_four(demo_world, client):
    _login(client, demo_world["analyst"])
    seen_suppressed = False
    for year in (YEAR, YEAR - 1):
        response = client.get("/api/v1/reports/figures/", {"year": year},
                              HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        data = response.json()
        assert data["year"] == year and data["municipality"] == "0482"  # the analyst's only one
        for count in _json_counts(data):
            assert not (isinstance(count, int) and 1 <= count <= 4), count
            assert count in ("<5", "x") or isinstance(count, int)
            seen_suppressed |= count == "<5"
    assert seen_suppressed, "the demo world should have small counts to hide"


def test_api_contract_and_scope(demo_world, client):
    _login(client, demo_world["analyst"])
    data = client.get("/api/v1/reports/figures/", {"year": YEAR, "municipality": "0482"},
                      HTTP_ACCEPT="application/json").json()
    assert data["municipality"] == "0482"
    table = next(t for t in data["tables"] if t["name"] == "signals_by_domain")
    assert {"label", "count"} <= set(table["rows"][0])
    # outside scope → 404, melder/partner → 403
    assert client.get("/api/v1/reports/figures/", {"municipality": "0590"},
                      HTTP_ACCEPT="application/json").status_code == 404
    assert client.get("/api/v1/reports/figures/", {"year": "abc"},
                      HTTP_ACCEPT="application/json").status_code == 400
    for username in ("melder", "partner", "handler", "admin"):
        _login(client, demo_world[username])
        assert client.get("/api/v1/reports/figures/",
                          HTTP_ACCEPT="application/json").status_code == 403


def test_coordinator_api_is_suppressed_too(demo_world, client):
    """Decision (docs/reporting.md): API answers leave Schakel, so they are suppressed for
    every caller; exact counts stay on the coordinator's dashboard."""
    _login(client, demo_world["coordinator"])
    data = client.get("/api/v1/reports/figures/", {"year": YEAR},
                      HTTP_ACCEPT="application/json").json()
    assert "<5" in _json_counts(data)


def test_dashboard_analyst_suppressed_coordinator_exact(demo_world, client):
    _login(client, demo_world["analyst"])
    html = client.get("/rapportage/", {"jaar": YEAR}).content.decode()
    cells = re.findall(r'<td class="utrecht-table__cell n">([^<]*)</td>', html)
    cells += re.findall(r"<strong>([^<]*)</strong>", html)
    assert cells and not SMALL & set(c.strip() for c in cells)
    assert "&lt;5" in html and "Peildatum" in html
    _login(client, demo_world["coordinator"])
    html = client.get("/rapportage/", {"jaar": YEAR}).content.decode()
    cells = re.findall(r'<td class="utrecht-table__cell n">([^<]*)</td>', html)
    assert SMALL & set(cells), "the coordinator sees exact small counts"
    assert "exacte aantallen" in html


def test_dashboard_is_logged_and_filters_by_municipality(demo_world, client):
    _login(client, demo_world["analyst"])
    before = AccessEvent.objects.count()
    assert client.get("/rapportage/", {"jaar": YEAR, "gemeente": "0482"}).status_code == 200
    event = AccessEvent.objects.order_by("-id").first()
    assert AccessEvent.objects.count() == before + 1
    assert event.object_type == "report:dashboard" and event.object_refs == [f"0482/{YEAR}"]
    assert client.get("/rapportage/", {"gemeente": "0590"}).status_code == 404
    assert client.get("/rapportage/", {"jaar": "1999"}).status_code == 404


def test_chart_svg_shows_only_published_cells(demo_world, client):
    _login(client, demo_world["analyst"])
    response = client.get("/rapportage/grafiek/cases_by_domain.svg", {"jaar": YEAR})
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert "<title>" in svg and "&lt;5" in svg
    assert client.get("/rapportage/grafiek/bestaat-niet.svg").status_code == 404


def _letter(demo_world, username="analyst"):
    area = services.resolve_scope(demo_world[username], None)
    report = services.get_report(area, YEAR, protection.public_policy(), public=True)
    return letter.build_letter(area, YEAR, services.introduction(area, YEAR), report)


def test_council_letter_word_has_no_small_counts_and_explains_suppression(demo_world):
    from docx import Document

    built = _letter(demo_world)
    document = Document(io.BytesIO(letter.render_docx(built)))
    counts = [row.cells[1].text for table in document.tables for row in table.rows[1:]]
    assert counts and not SMALL & set(counts)
    # public outputs are rounded to 5
    assert all(c in ("<5", "x") or int(c) % 5 == 0 for c in counts)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Raadsinformatiebrief aanpak mensenhandel" in text
    assert "5.000 tot 7.500" in text  # the national context line
    assert "Peildatum" in text and "'<5'" in text
    assert document.core_properties.language == "nl-NL"


def test_council_letter_pdf_is_tagged_dutch_and_suppressed(demo_world):
    from django.template.loader import render_to_string

    built = _letter(demo_world)
    html = render_to_string("reporting/letter.html", {"letter": built, "charts": {}})
    assert '<html lang="nl">' in html
    cells = re.findall(r'<td class="n">([^<]*)</td>', html) + re.findall(
        r"<strong>([^<]*)</strong>", html)
    assert cells and not SMALL & {c.strip() for c in cells}
    pdf = letter.render_pdf(built)
    assert pdf.startswith(b"%PDF")
    objects = pdf + b"".join(_inflate(m) for m in re.findall(rb"stream\r?\n(.*?)endstream", pdf,
                                                              re.S))
    assert b"/StructTreeRoot" in objects, "the PDF is tagged"
    assert re.search(rb"/Lang ?\(nl", objects), "document language nl"
    assert b"pdfuaid" in objects, "PDF/UA identification in the metadata"


def _inflate(data: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompress(data.rstrip(b"\r\n"))
    except zlib.error:
        return b""


def test_editable_introduction_is_versioned_and_used(demo_world, client):
    _login(client, demo_world["analyst"])
    response = client.post(f"/rapportage/raadsinformatiebrief/inleiding/?jaar={YEAR}",
                           {"inleiding": "Eerste versie."})
    assert response.status_code == 302
    client.post(f"/rapportage/raadsinformatiebrief/inleiding/?jaar={YEAR}",
                {"inleiding": "Tweede versie voor de raad."})
    assert LetterIntroduction.objects.count() == 2
    assert _letter(demo_world).introduction == "Tweede versie voor de raad."
    page = client.get("/rapportage/raadsinformatiebrief/", {"jaar": YEAR}).content.decode()
    assert "Tweede versie voor de raad." in page


def test_council_letter_api_returns_both_formats(demo_world, client):
    _login(client, demo_world["analyst"])
    response = client.get("/api/v1/reports/council-letter/", {"year": YEAR, "format": "docx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get("/api/v1/reports/council-letter/",
                      {"format": "odt"}).status_code == 400
    event = AccessEvent.objects.order_by("-id").first()
    assert event.action == "export" and event.object_type == "report:council_letter_docx"


def test_regional_export_is_suppressed_for_everyone(demo_world, client):
    _login(client, demo_world["coordinator"])
    response = client.get("/rapportage/regio.csv", {"jaar": YEAR})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "aantal"
    counts = [r[-1] for r in rows[1:] if len(r) == 7]
    assert counts and not SMALL & set(counts) and "<5" in counts
    response = client.get("/rapportage/regio.xlsx", {"jaar": YEAR})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert not any(isinstance(v, int) and 1 <= v <= 4 for v in values)


def test_regional_view_does_not_reveal_a_small_municipality(demo_world, django_user_model):
    """A regional analyst sees every municipality; the regional sums must not let them
    subtract the other municipalities' published figures to find a hidden one."""
    from schakel.accounts.models import Organisation
    from schakel.accounts.services import assign_role

    region_org = Organisation.objects.create(slug="riec-test", name="RIEC (test)", kind="partner",
                                             region="Zuid-Holland Zuid")
    user = django_user_model.objects.create_user("riec-analist", password="x",
                                                 organisation=region_org)
    assign_role(user, "analyst")
    area = services.resolve_scope(user, None)
    assert area.is_region
    policy = protection.internal_policy()
    region = services.get_report(area, YEAR, policy)
    parts = [services.get_report(services.ReportScope((m,), m), YEAR, policy)
             for m in area.municipalities]
    for name in ("signals_by_domain", "cases_by_outcome", "signals_by_source"):
        r_table = region.table(name)
        for index, row in enumerate(r_table.rows):
            cells = [p.table(name).rows[index].cell for p in parts]
            hidden = [c for c in cells if c.hidden]
            if len(hidden) == 1 and hidden[0].display == "<5" and not row.cell.hidden:
                pytest.fail(f"{name}/{row.label}: region minus the others reveals a count")
    json.dumps([t.as_json() for t in region.tables])  # serialisable for the API


def test_policy_pages_use_the_same_threshold(demo_world, settings):
    from schakel.policy.templatetags.policy import suppress

    settings.SCHAKEL_SUPPRESSION_THRESHOLD = 10
    assert suppress(7) == "<10"
    settings.SCHAKEL_SUPPRESSION_THRESHOLD = 5
    assert suppress(7) == "7"


def test_report_cache_changes_with_the_data(demo_world, make_signal=None):
    from schakel.signals import services as signal_services

    area = services.resolve_scope(demo_world["analyst"], None)
    policy = protection.exact_policy()
    before = services.get_report(area, YEAR, policy).table("signals_per_month").total.count
    signal_services.register_signal(demo_world["melder"], signal_services.SignalInput(
        description="Nieuwe melding voor de cachetest."))
    after = services.get_report(area, YEAR, policy).table("signals_per_month").total.count
    assert after == before + 1


def test_each_signal_counts_once_in_the_domain_table(demo_world):
    area = services.resolve_scope(demo_world["coordinator"], None)
    report = figures.build_report(area.ids, YEAR, protection.exact_policy(), area.label,
                                  area.codes)
    domain = report.table("signals_by_domain")
    assert sum(r.cell.count for r in domain.rows) == domain.total.count
    assert domain.total.count == report.table("signals_per_month").total.count


def test_regional_rows_helper_lists_each_municipality(demo_world):
    area = services.resolve_scope(demo_world["analyst"], None)
    rows = regional.rows(area, YEAR)
    assert {r[1] for r in rows} == {"0482"}


def test_regional_user_gets_the_regional_view_and_file(demo_world, client, django_user_model):
    from schakel.accounts.models import Organisation
    from schakel.accounts.services import assign_role

    org = Organisation.objects.create(slug="riec-pagina", name="RIEC (pagina)", kind="partner",
                                      region="Zuid-Holland Zuid")
    user = django_user_model.objects.create_user("riec-pagina", password="x", organisation=org)
    assign_role(user, "analyst")
    _login(client, user)
    html = client.get("/rapportage/", {"jaar": YEAR}).content.decode()
    assert "Regio Zuid-Holland Zuid" in html and "Hele regio" in html
    cells = re.findall(r'<td class="utrecht-table__cell n">([^<]*)</td>', html)
    assert cells and not SMALL & set(cells)
    rows = list(csv.reader(io.StringIO(
        client.get("/rapportage/regio.csv", {"jaar": YEAR}).content.decode("utf-8-sig")),
        delimiter=";"))
    areas = {r[0] for r in rows[1:] if len(r) == 7}
    assert "Regio Zuid-Holland Zuid" in areas and "Alblasserdam" in areas
    assert not SMALL & {r[-1] for r in rows[1:] if len(r) == 7}
