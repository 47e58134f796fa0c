# SPDX-License-Identifier: EUPL-1.2
"""The only way to write the access log.

Views and API calls describe *what* was shown; this module adds who, from where and when.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from schakel.audit.models import AccessEvent

DEFAULT_LEGAL_BASIS = "avg-6-1-e"  # public task: the municipality's approach to trafficking


def client_origin(request: HttpRequest | None) -> str:
    """The network origin of a request (BIO 8.15.01 'origin'); the proxy header is trusted only
    when the deployment sets ``SECURE_PROXY_SSL_HEADER`` (i.e. runs behind its own proxy)."""
    if request is None:
        return "cli"
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def record(
    *,
    actor,
    action: str,
    object_type: str = "",
    object_refs: Iterable[str] = (),
    result: str = AccessEvent.Result.OK,
    request: HttpRequest | None = None,
    purpose: str = "",
    legal_basis: str = DEFAULT_LEGAL_BASIS,
    channel: str = "",
    origin: str = "",
) -> AccessEvent:
    """Append one access event. ``object_refs`` are references such as ``SIG-2026-00042``.

    The model's ``save`` links the event into the hash chain under the chain-head lock
    (:mod:`schakel.audit.chain`), so every write, here or elsewhere, is chained."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    organisation = getattr(actor, "organisation", None) if authenticated else None
    return AccessEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=actor.get_username() if authenticated else "",
        organisation_label=organisation.name if organisation else "",
        action=action,
        object_type=object_type,
        object_refs=list(object_refs),
        result=result,
        origin=origin or client_origin(request),
        channel=channel or _channel(request),
        purpose=purpose,
        legal_basis=legal_basis,
        path=(request.path[:200] if request is not None else ""),
    )


def _channel(request: HttpRequest | None) -> str:
    if request is None:
        return "cli"
    return "api" if request.path.startswith("/api/") else "web"


def logged_lookup(request: HttpRequest, object_type: str, reference: str, purpose: str,
                  fetch, action: str = "view", ref_of=None):
    """Fetch a record through a scope function and log the access either way: a lookup
    outside scope (Http404) is logged as ``not_found`` and re-raised; a hit is logged with
    its reference. ``ref_of`` turns the record into its logged reference (default: as given)."""
    from django.http import Http404

    try:
        record_found = fetch()
    except Http404:
        record(actor=request.user, action=action, object_type=object_type,
               object_refs=[reference], result="not_found", request=request, purpose=purpose)
        raise
    logged = ref_of(record_found) if ref_of else reference
    record(actor=request.user, action=action, object_type=object_type, object_refs=[logged],
           request=request, purpose=purpose)
    return record_found
