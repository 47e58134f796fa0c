# SPDX-License-Identifier: EUPL-1.2
"""`schakel linking resolve`: signals that intake could not link are linked afterwards, oldest
first, and the later signal on the same address joins the earlier one's entity."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from schakel.linking import services
from schakel.linking.models import Mention


def test_signals_missed_at_intake_are_linked_later(make_signal, monkeypatch):
    def failing(signal):
        raise RuntimeError("linking is down")

    monkeypatch.setattr(services, "resolve_signal", failing)
    first = make_signal("melder", postcode="2952AB", house_number=14)
    second = make_signal("boa", postcode="2952AB", house_number=14)
    monkeypatch.undo()
    assert not Mention.objects.exists()  # intake kept both signals, unlinked
    assert list(services.unresolved_signals()) == [first, second]

    out = StringIO()
    call_command("linking", "resolve", stdout=out)

    a = Mention.objects.get(signal=first, kind="address")
    b = Mention.objects.get(signal=second, kind="address")
    assert a.entity_id == b.entity_id
    assert "2 signalen gekoppeld" in out.getvalue() and "2952" not in out.getvalue()
    assert not services.unresolved_signals().exists()
