"""Key actors: who met, called, praised or agreed with whom, as a small node-link diagram.

Edges come from events that happened or are planned (not negated, hypothetical or generic):
each source actor is linked to each target actor, or, for an event with no target ("Modi and
Putin held a phone call"), the source actors to each other. Only named actors count: a bare
phrase ("the leaders") is nobody in particular. The layout is Fruchterman–Reingold started
from a circle, so the same briefing always gives the same picture; the graph is capped at the
best-connected actors (a few dozen node pairs at most, never the corpus).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from storyline.models import Actor, Event

WIDTH, HEIGHT = 520, 400
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 90, 28, 46
MIN_HEIGHT = 110
CHAR_WIDTH = 9.2  # px per character of a 15px bold label, with room to spare
LABEL_GAP, LINE_HEIGHT = 15, 16  # label baseline below the node; between label lines


@dataclass
class GraphNode:
    key: str
    name: str
    type: str | None
    events: int = 0
    x: float = 0.0
    y: float = 0.0
    r: float = 6.0
    lines: list[str] = field(default_factory=list)


@dataclass
class GraphEdge:
    a: str
    b: str
    event_ids: list[str]
    labels: list[str]
    tone: str
    planned: bool
    x1: float = 0.0
    y1: float = 0.0
    x2: float = 0.0
    y2: float = 0.0
    width: float = 1.5


@dataclass
class ActorGraph:
    width: int
    height: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]

    def name(self, key: str) -> str:
        return next(n.name for n in self.nodes if n.key == key)

    def degree(self, key: str) -> int:
        """How many events the actor takes part in (within the graph)."""
        return next(n.events for n in self.nodes if n.key == key)


def actor_graph(
    events: Sequence[Event],
    tone: dict[str, str],
    happened: frozenset[str],
    planned: frozenset[str],
    max_nodes: int = 14,
    max_actors: int = 6,
    iterations: int = 200,
) -> ActorGraph:
    """The graph of actors linked by ``events``; ``tone`` maps event type → colour class."""
    nodes: dict[str, GraphNode] = {}
    links: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:
        if event.generic or event.factuality not in happened | planned:
            continue
        for a, b in _pairs(event, max_actors):
            for actor in (a, b):
                key = actor_key(actor)
                if key not in nodes:
                    nodes[key] = GraphNode(key, actor.name or actor.text, actor.label)
            first, second = sorted((actor_key(a), actor_key(b)))
            pair = (first, second)
            if event not in links[pair]:
                links[pair].append(event)
    degree: Counter[str] = Counter()
    for (key_a, key_b), linked in links.items():
        degree[key_a] += len(linked)
        degree[key_b] += len(linked)
    kept = {
        k for k, _ in sorted(degree.items(), key=lambda kv: (-kv[1], nodes[kv[0]].name))[:max_nodes]
    }
    edges = [
        _edge(a, b, linked, tone, happened)
        for (a, b), linked in sorted(links.items())
        if a in kept and b in kept
    ]
    used = {k for e in edges for k in (e.a, e.b)}
    chosen = sorted((nodes[k] for k in used), key=lambda n: (-degree[n.key], n.name))
    for node in chosen:
        node.events = degree[node.key]
        node.r = round(5 + 2.5 * math.sqrt(node.events), 1)
        node.lines = _wrap(node.name)
    height = _layout(chosen, edges, iterations)
    return ActorGraph(WIDTH, height, chosen, edges)


def actor_key(actor: Actor) -> str:
    return actor.entity_id or f"name:{(actor.name or actor.text).strip().lower()}"


def _named(actor: Actor) -> bool:
    return bool(actor.entity_id) or bool(actor.name and actor.rule and actor.rule != "phrase")


def _pairs(event: Event, max_actors: int) -> list[tuple[Actor, Actor]]:
    sources = _distinct([a for a in event.source if _named(a)])[:max_actors]
    targets = _distinct([a for a in event.target if _named(a)])[:max_actors]
    if targets:
        pairs = [(s, t) for s in sources for t in targets]
    else:
        pairs = list(combinations(sources, 2))
    return [(a, b) for a, b in pairs if actor_key(a) != actor_key(b)]


def _distinct(actors: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor_key(actor), actor)
    return list(seen.values())


def _edge(
    a: str, b: str, linked: list[Event], tone: dict[str, str], happened: frozenset[str]
) -> GraphEdge:
    tones = Counter(tone.get(e.type, "other") for e in linked)
    return GraphEdge(
        a=a,
        b=b,
        event_ids=[e.id for e in linked],
        labels=[e.label for e in linked],
        tone=sorted(tones.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
        planned=all(e.factuality not in happened for e in linked),
        width=round(1.5 + 1.5 * math.sqrt(len(linked) - 1), 1),
    )


def _wrap(name: str, width: int = 16) -> list[str]:
    """A long name on two lines at a space; longer still, shortened with an ellipsis."""
    if len(name) <= width:
        return [name]
    words, first = name.split(), ""
    while words and len(f"{first} {words[0]}".strip()) <= width:
        first = f"{first} {words.pop(0)}".strip()
    if not first:
        return [name[: width - 1] + "…"]
    rest = " ".join(words)
    return [first, rest if len(rest) <= width + 2 else rest[: width + 1] + "…"]


def _layout(nodes: list[GraphNode], edges: list[GraphEdge], iterations: int) -> int:
    """Fruchterman–Reingold from a circle (deterministic), then scaled into the drawing."""
    n = len(nodes)
    if n == 0:
        return MIN_HEIGHT
    index = {node.key: i for i, node in enumerate(nodes)}
    pos = [
        [math.cos(math.pi + 2 * math.pi * i / n), math.sin(math.pi + 2 * math.pi * i / n)]
        for i in range(n)
    ]
    if n == 1:
        pos = [[0.0, 0.0]]
    k = math.sqrt(4.0 / n)
    weights = [(index[e.a], index[e.b], len(e.event_ids)) for e in edges]
    for step in range(iterations):
        disp = [[0.0, 0.0] for _ in range(n)]
        for i, j in combinations(range(n), 2):
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            dist = max(math.hypot(dx, dy), 1e-3)
            force = k * k / dist
            disp[i][0] += dx / dist * force
            disp[i][1] += dy / dist * force
            disp[j][0] -= dx / dist * force
            disp[j][1] -= dy / dist * force
        for i, j, weight in weights:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            dist = max(math.hypot(dx, dy), 1e-3)
            force = dist * dist / k * (1 + 0.3 * math.log(weight))
            disp[i][0] -= dx / dist * force
            disp[i][1] -= dy / dist * force
            disp[j][0] += dx / dist * force
            disp[j][1] += dy / dist * force
        temperature = 0.2 * (1 - step / iterations) + 0.005
        for i in range(n):
            disp[i][0] -= pos[i][0] * k * 0.5  # gravity: keeps separate pairs on the page
            disp[i][1] -= pos[i][1] * k * 0.5
            length = max(math.hypot(*disp[i]), 1e-9)
            move = min(length, temperature)
            pos[i][0] += disp[i][0] / length * move
            pos[i][1] += disp[i][1] / length * move
    _fit(nodes, _level(pos))
    height = _separate(nodes)
    for edge in edges:
        a, b = nodes[index[edge.a]], nodes[index[edge.b]]
        edge.x1, edge.y1, edge.x2, edge.y2 = a.x, a.y, b.x, b.y
    return height


def _level(pos: list[list[float]]) -> list[list[float]]:
    """Turn the layout so its longest extent runs across the page (principal axis horizontal):
    a wide drawing wastes less of a landscape figure."""
    n = len(pos)
    mx, my = sum(p[0] for p in pos) / n, sum(p[1] for p in pos) / n
    sxx = sum((p[0] - mx) ** 2 for p in pos)
    syy = sum((p[1] - my) ** 2 for p in pos)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in pos)
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)
    cos, sin = math.cos(-angle), math.sin(-angle)
    return [[(x - mx) * cos - (y - my) * sin, (x - mx) * sin + (y - my) * cos] for x, y in pos]


def _fit(nodes: list[GraphNode], pos: list[list[float]]) -> None:
    """Scale the layout into the drawing, the same in x and y (no distortion)."""
    xs, ys = [p[0] for p in pos], [p[1] for p in pos]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    inner_w, inner_h = WIDTH - 2 * MARGIN_X, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    scale = min(
        inner_w / span_x if span_x > 1e-9 else math.inf,
        inner_h / span_y if span_y > 1e-9 else math.inf,
    )
    scale = 0.0 if math.isinf(scale) else scale
    offset_x = (WIDTH - span_x * scale) / 2
    for node, (x, y) in zip(nodes, pos, strict=True):
        node.x = offset_x + (x - min(xs)) * scale
        node.y = MARGIN_TOP + (y - min(ys)) * scale


def _box(node: GraphNode) -> tuple[float, float, float, float]:
    """What a node and its label cover: left, top, right, bottom."""
    half = max(max(len(line) for line in node.lines) * CHAR_WIDTH / 2, node.r)
    bottom = node.y + node.r + LABEL_GAP + LINE_HEIGHT * len(node.lines)
    return node.x - half, node.y - node.r, node.x + half, bottom


def _separate(nodes: list[GraphNode], passes: int = 60) -> int:
    """Push apart nodes whose labels would overlap, keep them inside the drawing, and return
    the drawing's height (only as tall as the nodes need)."""
    for _ in range(passes):
        moved = False
        for a, b in combinations(nodes, 2):
            a_box, b_box = _box(a), _box(b)
            dx = min(a_box[2], b_box[2]) - max(a_box[0], b_box[0])
            dy = min(a_box[3], b_box[3]) - max(a_box[1], b_box[1])
            if dx <= 0 or dy <= 0:
                continue
            moved = True
            if dx < dy:
                step = (dx / 2 + 1) * (1 if a.x <= b.x else -1)
                a.x, b.x = a.x - step, b.x + step
            else:
                step = (dy / 2 + 1) * (1 if a.y <= b.y else -1)
                a.y, b.y = a.y - step, b.y + step
        for node in nodes:
            left, _top, right, _bottom = _box(node)
            node.x += max(0.0, 2 - left) - max(0.0, right - (WIDTH - 2))
            node.y = max(node.y, node.r + 4)
        if not moved:
            break
    for node in nodes:
        node.x, node.y = round(node.x, 1), round(node.y, 1)
    return max(MIN_HEIGHT, round(max(_box(n)[3] for n in nodes) + 8))
