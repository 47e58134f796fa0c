# SPDX-License-Identifier: EUPL-1.2
"""Pages for entities, link decisions, the network view and regional hits.

Every object is fetched through :mod:`schakel.scope` (outside scope: 404) and every read of
an entity or the network is recorded in the access log as a read of personal data.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from schakel import scope
from schakel.audit import services as audit
from schakel.linking import network, services
from schakel.linking.models import LinkEvent, Proposal
from schakel.linking.panel import hit_rows


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", gettext_lazy("Dezelfde")),
                                          ("reject", gettext_lazy("Niet dezelfde"))])
    reason = forms.CharField(required=False, max_length=1000)
    next = forms.CharField(required=False, max_length=200)


class SplitForm(forms.Form):
    mentions = forms.MultipleChoiceField(choices=())
    reason = forms.CharField(max_length=1000, label=gettext_lazy("Waarom is dit niet dezelfde?"))

    def __init__(self, *args, mention_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentions"].choices = mention_choices
        self.fields["mentions"].label = gettext_lazy("Afsplitsen")


class NetworkFilterForm(forms.Form):
    types = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label=gettext_lazy("Tonen"),
        choices=[(t, t) for t in network.NODE_TYPES])
    van = forms.DateField(required=False, label=gettext_lazy("Signalen vanaf"),
                          widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(required=False, label=gettext_lazy("tot en met"),
                          widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["types"].choices = [(t, network.type_label(t).capitalize())
                                        for t in network.NODE_TYPES]


def _require_linking(request: HttpRequest) -> None:
    if not scope.can_work_inbox(request.user):
        raise PermissionDenied


def _safe_next(value: str, fallback: str) -> str:
    return value if value.startswith("/") and not value.startswith("//") else fallback


# --- entity --------------------------------------------------------------------------------------


@login_required
def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entity = audit.logged_lookup(request, "entity", f"ENT-{pk}", "linking",
                                 lambda: scope.access_entity(request.user, pk),
                                 ref_of=lambda e: e.reference)
    mentions = list(scope.visible_mentions(request.user).filter(entity=entity)
                    .select_related("signal", "signal__municipality", "signal__case")
                    .order_by("signal__received_at"))
    can_split = len(mentions) > 1 and all(scope.can_triage(request.user, m.signal)
                                          for m in mentions)
    visible_ids = {m.pk for m in mentions}
    # an event is shown only when every mention it concerns is one the user may see (a
    # reason typed by a regional coordinator about another municipality's mention is not)
    events = [e for e in LinkEvent.objects.filter(entity=entity).select_related("actor")
              .order_by("at", "id")
              if set(e.mention_ids) | ({e.mention_id} if e.mention_id else set())
              <= visible_ids]
    split_form = SplitForm(mention_choices=_mention_choices(mentions)) if can_split else None
    return render(request, "linking/entity.html", {
        "entity": entity, "mentions": mentions, "label": mentions[0].label if mentions else "",
        "events": events, "split_form": split_form,
    })


def _mention_choices(mentions) -> list[tuple[str, str]]:
    return [(str(m.pk), f"{m.signal.reference} · {m.label}") for m in mentions]


@login_required
@require_POST
def split(request: HttpRequest, pk: int) -> HttpResponse:
    entity = audit.logged_lookup(request, "entity", f"ENT-{pk}", "linking", action="update",
                                 fetch=lambda: scope.access_entity(request.user, pk),
                                 ref_of=lambda e: e.reference)
    mentions = list(scope.visible_mentions(request.user).filter(entity=entity)
                    .select_related("signal"))
    if not all(scope.can_triage(request.user, m.signal) for m in mentions):
        raise Http404
    form = SplitForm(request.POST, mention_choices=_mention_choices(mentions))
    if not form.is_valid():
        return HttpResponseBadRequest(_("Kies wat u wilt afsplitsen en geef een reden."))
    chosen = [m for m in mentions if str(m.pk) in form.cleaned_data["mentions"]]
    try:
        new = services.split(entity, chosen, request.user, form.cleaned_data["reason"],
                             request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("linking:entity", pk=entity.pk)
    messages.success(request, _("Afgesplitst als %(ref)s.") % {"ref": new.reference})
    return redirect("linking:entity", pk=entity.pk)


# --- decisions -----------------------------------------------------------------------------------


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = audit.logged_lookup(request, "entity", f"proposal-{pk}", "linking",
                                   action="update",
                                   fetch=lambda: scope.access_proposal(request.user, pk))
    proposal = Proposal.objects.select_related("mention__signal", "candidate__signal").get(
        pk=proposal.pk)
    if not scope.can_triage(request.user, proposal.mention.signal):
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Kies of het dezelfde is of niet."))
    data = form.cleaned_data
    back = _safe_next(data["next"], reverse("signals:detail",
                                            args=[proposal.mention.signal.reference]))
    try:
        if data["decision"] == "confirm":
            services.confirm(proposal, request.user, data["reason"], request=request)
            messages.success(request, _("Gekoppeld: %(label)s is %(other)s.") % {
                "label": proposal.mention.label, "other": proposal.candidate.label})
        else:
            services.reject(proposal, request.user, data["reason"], request=request)
            messages.success(request, _("Vastgelegd: niet dezelfde. Dit wordt niet opnieuw "
                                        "voorgesteld."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back)


@login_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    mention = audit.logged_lookup(request, "entity", f"mention-{pk}", "linking",
                                  action="update",
                                  fetch=lambda: scope.access_mention(request.user, pk))
    if not scope.can_triage(request.user, mention.signal):
        raise Http404
    if request.POST.get("undo") != "1":
        return HttpResponseBadRequest(_("Bevestig het ongedaan maken."))
    back = _safe_next(request.POST.get("next", ""),
                      reverse("signals:detail", args=[mention.signal.reference]))
    try:
        services.undo_auto_link(mention, request.user, request.POST.get("reason", ""),
                                request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De automatische koppeling is ongedaan gemaakt."))
    return redirect(back)


# --- network -------------------------------------------------------------------------------------

def _root(request: HttpRequest, kind: str, ref: str):
    user = request.user
    if kind == "signaal":
        signal = scope.access_signal(user, ref)
        if not scope.sees_full_signal(user, signal):
            raise Http404
        return signal
    if kind == "casus":
        case = scope.access_case(user, ref)
        if not scope.can_manage_case(user, case):
            raise Http404
        return case
    if kind == "entiteit":
        return scope.access_entity(user, int(ref) if ref.isdigit() else -1)
    raise Http404


@login_required
def network_view(request: HttpRequest, kind: str, ref: str) -> HttpResponse:
    root = audit.logged_lookup(request, "network", f"{kind}:{ref}", "linking_network",
                               lambda: _root(request, kind, ref))
    form = NetworkFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    types = set(data.get("types") or network.NODE_TYPES)
    graph = network.build(request.user, root, types, data.get("van"), data.get("tot"))
    audit.record(actor=request.user, action="view", object_type="entity",
                 object_refs=graph.refs(), request=request, purpose="linking_network")
    if form.is_bound is False:
        form = NetworkFilterForm(initial={"types": list(network.NODE_TYPES)})
    return render(request, "linking/network.html", {
        "root": root, "kind": kind, "ref": ref, "graph": graph, "form": form,
        "nodes": list(graph.nodes.values()), "size": network.SIZE,
        "root_node": next(iter(graph.nodes.values())),
    })


# --- regional hits -------------------------------------------------------------------------------


@login_required
def hits(request: HttpRequest) -> HttpResponse:
    _require_linking(request)
    rows = hit_rows(request.user, scope.visible_regional_hits(request.user)
                    .select_related("signal", "other_signal", "entity")[:200])
    audit.record(actor=request.user, action="list", object_type="entity",
                 object_refs=sorted({r["own"].reference for r in rows}), request=request,
                 purpose="linking")
    return render(request, "linking/hits.html", {"rows": rows})
