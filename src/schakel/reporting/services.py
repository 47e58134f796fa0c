# SPDX-License-Identifier: EUPL-1.2
"""Reporting business actions: who sees which figures for which area, with which protection.

- The coordinator (``signals.view_scope_signals``) sees exact counts for the municipalities in
  scope on the dashboard and in the API: they see every record behind them anyway.
- The analyst (``signals.view_aggregates``) sees suppressed counts only, everywhere.
- Documents meant for the council or the region (council letter, regional export) are
  suppressed for everyone; the council letter is also rounded to 5.

A municipality outside the caller's scope answers 404. Every report shown or exported is written
to the access log (aggregates only, but it shows who looked at what).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.http import Http404, HttpRequest
from django.utils import timezone

from schakel import scope
from schakel.accounts.models import Municipality, User
from schakel.audit import services as audit
from schakel.reporting import figures, protection
from schakel.reporting.models import LetterIntroduction
from schakel.reporting.suppression import Policy

PURPOSE = "beleidsinformatie en verantwoording (geaggregeerde cijfers)"
CACHE_SECONDS = 300


@dataclass(frozen=True)
class ReportScope:
    """The area a report covers: one municipality, or all municipalities in the user's scope
    (a regional deployment's regional view)."""

    municipalities: tuple[Municipality, ...]
    selected: Municipality | None

    @property
    def ids(self) -> list[int]:
        return [m.pk for m in self.municipalities]

    @property
    def codes(self) -> list[str]:
        return [m.cbs_code for m in self.municipalities]

    @property
    def is_region(self) -> bool:
        return self.selected is None and len(self.municipalities) > 1

    @property
    def label(self) -> str:
        if self.selected is not None or len(self.municipalities) == 1:
            return self.municipalities[0].name
        region = self.municipalities[0].region
        return f"Regio {region}" if region else "Alle gemeenten"

    @property
    def key(self) -> str:
        if self.is_region:
            return f"regio:{self.municipalities[0].region or 'alle'}"
        return self.municipalities[0].cbs_code


def can_view_reports(user: User) -> bool:
    return protection.can_view_reports(user)


def report_municipalities(user: User):
    if not can_view_reports(user):
        return Municipality.objects.none()
    return scope.municipalities_in_scope(user)


def resolve_scope(user: User, code: str | None) -> ReportScope:
    """The area for ``code`` (a CBS code) or the whole scope; outside scope → 404."""
    allowed = list(report_municipalities(user).order_by("name"))
    if not allowed:
        raise Http404("no municipality in scope")
    if code:
        chosen = [m for m in allowed if m.cbs_code == code]
        if not chosen:
            raise Http404("municipality not in scope")
        return ReportScope((chosen[0],), chosen[0])
    return ReportScope(tuple(allowed), allowed[0] if len(allowed) == 1 else None)


def available_years(today=None) -> list[int]:
    current = (today or timezone.localdate()).year
    return list(range(current, current - 6, -1))


def parse_year(raw: str | None) -> int:
    """``?year=`` as an int in the offered range; the current year when missing; 400-worthy
    values raise ``ValueError``."""
    if not raw:
        return timezone.localdate().year
    year = int(raw)
    if not 2000 <= year <= timezone.localdate().year:
        raise ValueError("year out of range")
    return year


def get_report(area: ReportScope, year: int, policy: Policy,
               public: bool = False) -> figures.Report:
    """The protected report, cached per (area, year, policy, data version): a dashboard that
    several people open after a data change is computed once."""
    version = figures.data_version(area.ids)
    raw = repr((area.codes, area.is_region, year, policy, public, version,
                timezone.localdate().isoformat()))
    key = "reporting:" + hashlib.sha256(raw.encode()).hexdigest()
    report = cache.get(key)
    if report is None:
        report = figures.build_report(area.ids, year, policy, area.label, area.codes,
                                      region=area.is_region,
                                      merge=public and not area.is_region)
        cache.set(key, report, CACHE_SECONDS)
    return report


def warm_areas() -> list[list[int]]:
    """Every area a dashboard can show: each municipality, each region and all together."""
    municipalities = list(Municipality.objects.order_by("pk").values_list("pk", "region"))
    areas = [[pk] for pk, _region in municipalities]
    regions: dict[str, list[int]] = {}
    for pk, region in municipalities:
        regions.setdefault(region or "", []).append(pk)
    areas += [ids for ids in regions.values() if len(ids) > 1]
    everyone = [pk for pk, _region in municipalities]
    if len(everyone) > 1 and everyone not in areas:
        areas.append(everyone)
    return areas


def warm_counts(progress=None) -> int:
    """Count the earlier years of every area into the shared cache (``schakel reports warm``),
    so the first dashboard view of the day does not pay for them."""
    years = available_years()
    areas = warm_areas()
    for done, ids in enumerate(areas, start=1):
        figures.counts_for(ids, years[0], years)
        if progress is not None:
            progress(done, len(areas))
    return len(areas)


def log_report(request: HttpRequest, action: str, what: str, area: ReportScope,
               year: int) -> None:
    audit.record(actor=request.user, action=action, object_type=f"report:{what}",
                 object_refs=[f"{area.key}/{year}"], request=request, purpose=PURPOSE)


# --- council letter introduction ---------------------------------------------------------------

DEFAULT_INTRODUCTION = (
    "Met deze brief informeren wij uw raad over de aanpak van mensenhandel in {area} in "
    "{year}. Mensenhandel is grotendeels verborgen: de cijfers hieronder laten zien wat bij de "
    "gemeente en haar partners is gemeld en opgepakt, niet hoe vaak mensenhandel werkelijk "
    "voorkomt."
)


def introduction(area: ReportScope, year: int) -> str:
    latest = LetterIntroduction.objects.filter(scope_key=area.key, year=year).first()
    if latest is not None:
        return latest.text
    return DEFAULT_INTRODUCTION.format(area=area.label, year=year)


def save_introduction(actor: User, area: ReportScope, year: int, text: str,
                      request: HttpRequest | None = None) -> LetterIntroduction:
    """Store a new version of the letter's introduction (the old ones stay)."""
    if not can_view_reports(actor):
        raise PermissionError("not allowed to write the council letter")
    text = text.strip()
    if not text:
        raise ValueError("empty introduction")
    row = LetterIntroduction.objects.create(scope_key=area.key, year=year, text=text[:5000],
                                            recorded_by=actor)
    audit.record(actor=actor, action="update", object_type="report:letter_introduction",
                 object_refs=[f"{area.key}/{year}"], request=request, purpose=PURPOSE)
    return row
