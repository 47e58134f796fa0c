# SPDX-License-Identifier: EUPL-1.2
"""The network around a signal, a case or an entity: what is connected up to two steps away.

The walk only ever steps through signals the user may read in full and cases the user runs
(:mod:`schakel.scope`), so nothing outside scope can appear, not even as a count. Edges carry
the reason for the link in words; the page draws them as server-rendered SVG (``<title>`` on
hover) with a plain table beside it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from schakel import scope
from schakel.accounts.models import User
from schakel.linking.models import Entity, EntityKind, Mention
from schakel.linking.services import period_bounds
from schakel.signals.models import Signal, SignalSubject

MAX_NODES = 120
MAX_DEPTH = 2
SIZE = 800
OUTER_RING = 350
NODE_TYPES = ("signal", "case", *EntityKind.values)


@dataclass
class Node:
    key: str
    type: str
    label: str
    url: str
    depth: int
    ref: str
    parent: str = ""
    x: float = 0.0
    y: float = 0.0

    @property
    def box_x(self) -> float:
        return round(self.x - 14, 1)

    @property
    def box_y(self) -> float:
        return round(self.y - 14, 1)

    @property
    def text_y(self) -> float:
        return round(self.y + 30, 1)

    @property
    def type_label(self) -> str:
        return type_label(self.type)


@dataclass
class Edge:
    a: str
    b: str
    reason: str
    x1: float = 0.0
    y1: float = 0.0
    x2: float = 0.0
    y2: float = 0.0
    a_node: Node | None = None
    b_node: Node | None = None


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    truncated: bool = False

    def refs(self) -> list[str]:
        return [n.ref for n in self.nodes.values()]


def type_label(kind: str) -> str:
    if kind == "signal":
        return str(_("signaal"))
    if kind == "case":
        return str(_("casus"))
    return str(EntityKind(kind).label)


@dataclass
class Walk:
    """Everything the walk may step through, for one user and filter."""

    signals: QuerySet[Signal]
    cases: QuerySet
    types: set[str]


def build(user: User, root: object, types: set[str] | None = None,
          start: dt.date | None = None, end: dt.date | None = None) -> Graph:
    """Breadth-first from ``root`` (a Signal, Case or Entity) up to two steps. A case's own
    signals count as the case itself, so around a case the walk goes one step further: the
    case, its signals, their entities, and the other signals and cases of those entities."""
    from schakel.cases.models import Case

    max_depth = MAX_DEPTH + (1 if isinstance(root, Case) else 0)
    walk = Walk(scope.linking_signals(user).filter(period_bounds(start, end)),
                scope.linking_cases(user), set(types or NODE_TYPES))
    graph = Graph()
    root_node = _node(root, 0, label=_root_label(root, walk))
    graph.nodes[root_node.key] = root_node
    frontier = [(root_node, root)]
    for depth in range(1, max_depth + 1):
        following = []
        for node, obj in frontier:
            for other, reason, label in _neighbours(obj, walk):
                child = _node(other, depth, parent=node.key, label=label)
                if child.type not in walk.types:
                    continue
                if child.key not in graph.nodes:
                    if len(graph.nodes) >= MAX_NODES:
                        graph.truncated = True
                        continue
                    graph.nodes[child.key] = child
                    following.append((child, other))
                if not _has_edge(graph, node.key, child.key):
                    graph.edges.append(Edge(node.key, child.key, reason))
        frontier = following
    _layout(graph, max_depth)
    return graph


def _has_edge(graph: Graph, a: str, b: str) -> bool:
    return any({e.a, e.b} == {a, b} for e in graph.edges)


def _neighbours(obj: object, walk: Walk) -> list[tuple[object, str, str]]:
    from schakel.cases.models import Case

    out: list[tuple[object, str]] = []
    if isinstance(obj, Signal):
        mentions = Mention.objects.filter(signal=obj).select_related("entity")
        for mention in mentions:
            out.append((mention.entity, _mention_reason(mention, obj), mention.label))
        if obj.case_id and walk.cases.filter(pk=obj.case_id).exists():
            out.append((obj.case, _("signaal %(s)s hoort bij casus %(c)s")
                        % {"s": obj.reference, "c": obj.case.reference}, ""))
    elif isinstance(obj, Case):
        for signal in walk.signals.filter(case=obj).order_by("received_at"):
            out.append((signal, _("signaal %(s)s hoort bij casus %(c)s")
                        % {"s": signal.reference, "c": obj.reference}, ""))
    elif isinstance(obj, Entity):
        mentions = (Mention.objects.filter(entity=obj, signal__in=walk.signals)
                    .select_related("signal").order_by("signal__received_at"))
        for mention in mentions:
            out.append((mention.signal, _mention_reason(mention, mention.signal), ""))
    return out


def _mention_reason(mention: Mention, signal: Signal) -> str:
    if mention.kind == EntityKind.ADDRESS:
        return _("adres van signaal %(s)s") % {"s": signal.reference}
    if mention.role in SignalSubject.Role.values:
        role = SignalSubject.Role(mention.role).label
        return _("genoemd in signaal %(s)s als %(r)s") % {"s": signal.reference, "r": role}
    return _("genoemd in signaal %(s)s") % {"s": signal.reference}


def _root_label(root: object, walk: Walk) -> str:
    """An entity is labelled as the user's own signals name it (its first mention may be in
    a signal the user may not read)."""
    if isinstance(root, Entity):
        mention = (Mention.objects.filter(entity=root, signal__in=walk.signals)
                   .order_by("id").first())
        return mention.label if mention else root.get_kind_display()
    return ""


def _node(obj: object, depth: int, parent: str = "", label: str = "") -> Node:
    from schakel.cases.models import Case

    if isinstance(obj, Signal):
        return Node(f"s{obj.pk}", "signal", obj.reference,
                    reverse("signals:detail", args=[obj.reference]), depth, obj.reference, parent)
    if isinstance(obj, Case):
        return Node(f"c{obj.pk}", "case", obj.reference,
                    reverse("cases:detail", args=[obj.reference]), depth, obj.reference, parent)
    assert isinstance(obj, Entity)
    return Node(f"e{obj.pk}", obj.kind, label or obj.get_kind_display(),
                reverse("linking:entity", args=[obj.pk]), depth, obj.reference, parent)


def _layout(graph: Graph, max_depth: int = MAX_DEPTH) -> None:
    """Rings: the root in the middle, the first step around it, the second step outside,
    each child placed near its parent so edges cross little."""
    centre = SIZE / 2
    angles: dict[str, float] = {}
    for depth in range(max_depth + 1):
        ring = [n for n in graph.nodes.values() if n.depth == depth]
        ring.sort(key=lambda n: (angles.get(n.parent, 0.0), n.key))
        for i, node in enumerate(ring):
            angle = 2 * math.pi * i / max(len(ring), 1) - math.pi / 2
            angles[node.key] = angle
            radius = OUTER_RING * depth / max_depth
            node.x = round(centre + radius * math.cos(angle), 1)
            node.y = round(centre + radius * math.sin(angle), 1)
    for edge in graph.edges:
        a, b = graph.nodes[edge.a], graph.nodes[edge.b]
        edge.x1, edge.y1, edge.x2, edge.y2 = a.x, a.y, b.x, b.y
        edge.a_node, edge.b_node = a, b
