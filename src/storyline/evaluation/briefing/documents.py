"""Per-document areas: ``dates`` (publication dates, undated pages, key timexes), ``clean``
(titles, furniture left in, body passages lost), ``stories`` (B-cubed), ``duplicates`` and
``quality`` (every dated report above every undated page).

Quality pairs are scored in a part only when both documents are in it, so a tuning run never
looks at a check document's score.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from storyline.evaluation.briefing.gold import Gold
from storyline.evaluation.briefing.scorecard import Scorecard, short
from storyline.evaluation.briefing.system import Scope, System
from storyline.evaluation.briefing.text import contains, equals, norm

BULLET = re.compile(r"^[-*•·▪◦‣]\s+")
MISSING = "document not built"


def score_documents(card: Scorecard, gold: Gold, scope: Scope, system: System) -> None:
    _dates(card, gold, scope, system)
    _timexes(card, gold, scope, system)
    _clean(card, gold, scope, system)
    _stories(card, gold, scope, system)
    _duplicates(card, gold, scope, system)
    _quality(card, gold, scope, system)


def _dates(card: Scorecard, gold: Gold, scope: Scope, system: System) -> None:
    docs = [d for d in sorted(gold.documents) if scope.doc(d)]
    right: dict[str, bool] = {}
    for doc_id in docs:
        wanted = gold.documents[doc_id].published
        doc = system.documents.get(doc_id)
        got = doc.published if doc is not None else None
        right[doc_id] = doc is not None and got == wanted
        if not right[doc_id]:
            style = gold.documents[doc_id].date_style
            item = f"{doc_id} date" + (f" ({short(style, 70)})" if style else "")
            card.fail("dates", item, wanted or "undated", _got_date(system, doc_id))
    card.ratio("dates", "publication dates", sum(right.values()), len(docs), key="dates.published")
    dated = [d for d in docs if gold.documents[d].published]
    card.ratio(
        "dates", "publication dates, dated documents", sum(right[d] for d in dated), len(dated)
    )
    undated = [d for d in gold.undated if scope.doc(d)]
    kept = [d for d in undated if d in system.documents and not system.documents[d].published]
    card.ratio("dates", "undated pages left undated", len(kept), len(undated))


def _got_date(system: System, doc_id: str) -> str:
    doc = system.documents.get(doc_id)
    if doc is None:
        return MISSING
    if not doc.published:
        return "undated"
    return f"{doc.published} (from {doc.date_source}: {short(doc.date_evidence, 60)})"


def _timexes(card: Scorecard, gold: Gold, scope: Scope, system: System) -> None:
    """Among the document's timexes whose text lies in the gold passage or holds it, prefer those
    whose sentence holds the passage; right when one value starts with the gold value."""
    timexes = [t for t in gold.timexes if scope.doc(t.doc)]
    by_doc = defaultdict(list)
    for doc_id, items in system.timexes.items():
        by_doc[system.gid(doc_id)].extend(items)
    right = 0
    for t in timexes:
        found = [x for x in by_doc[t.doc] if contains(t.text, x.text) or contains(x.text, t.text)]
        preferred = [x for x in found if contains(x.provenance.sentence, t.text)] or found
        if any((x.value or "").startswith(t.value) for x in preferred):
            right += 1
            continue
        got = ", ".join(f"'{x.text}'={x.value}" for x in preferred) or "no timex"
        card.fail("dates", f"timex {t.doc} '{t.text}'", t.value, got)
    card.ratio("dates", "timex values", right, len(timexes), key="dates.timexes")


def left_in(furniture: str, clean_text: str) -> bool:
    """Furniture is left in when it equals a whole line of the clean text (a leading bullet
    stripped) or, being 12+ characters long, occurs anywhere in it."""
    wanted = norm(furniture)
    if not wanted:
        return False
    for line in clean_text.splitlines():
        flat = norm(line)
        if wanted in (flat, BULLET.sub("", flat)):
            return True
    return len(wanted) >= 12 and wanted in norm(clean_text)


def _clean(card: Scorecard, gold: Gold, scope: Scope, system: System) -> None:
    docs = [d for d in sorted(gold.documents) if scope.doc(d)]
    titled = [d for d in docs if gold.documents[d].title]
    titles = 0
    kept = furniture = lost = passages = 0
    for doc_id in docs:
        g, doc = gold.documents[doc_id], system.documents.get(doc_id)
        if g.title:
            if doc is not None and equals(doc.title, g.title):
                titles += 1
            else:
                got = MISSING if doc is None else repr(doc.title)
                card.fail("clean", f"{doc_id} title", repr(g.title), got)
        text = doc.text if doc is not None else ""
        for piece in g.furniture:
            furniture += 1
            if doc is not None and left_in(piece, text):
                kept += 1
                card.fail("clean", f"{doc_id} furniture", "removed", f"left in: '{piece}'")
        for passage in g.body_must_keep:
            passages += 1
            if not contains(text, passage):
                lost += 1
                card.fail(
                    "clean",
                    f"{doc_id} body",
                    f"kept: '{passage}'",
                    MISSING if doc is None else "lost",
                )
    card.ratio("clean", "titles", titles, len(titled), key="clean.titles")
    card.ratio("clean", "furniture left in", kept, furniture, "0 ideal", "clean.furniture_left")
    card.ratio("clean", "body passages lost", lost, passages, "0 ideal", "clean.body_lost")


def system_clusters(gold: Gold, system: System) -> dict[str, str]:
    """Each gold document's system cluster: the first system story listing it, else itself."""
    cluster: dict[str, str] = {}
    for story in system.briefing.stories:
        for doc in system.gids(story.documents):
            cluster.setdefault(doc, f"story:{story.id}")
    return {d: cluster.get(d, f"single:{d}") for d in gold.documents}


def bcubed(
    gold: dict[str, str], predicted: dict[str, str], items: list[str]
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 averaged over ``items``, with clusters taken over every
    item of ``gold`` (so a part is judged against the whole pile's clusters); an item missing
    from ``predicted`` is a singleton. Returns the sums of precision and recall and the F1."""
    members_gold: dict[str, set[str]] = defaultdict(set)
    members_pred: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        members_gold[gold[item]].add(item)
        members_pred[predicted.get(item, f"single:{item}")].add(item)
    precision = recall = 0.0
    for item in items:
        mine = members_pred[predicted.get(item, f"single:{item}")]
        theirs = members_gold[gold[item]]
        precision += len(mine & theirs) / len(mine)
        recall += len(mine & theirs) / len(theirs)
    p, r = (precision / len(items), recall / len(items)) if items else (0.0, 0.0)
    return precision, recall, (2 * p * r / (p + r) if p + r else 0.0)


def _stories(card: Scorecard, gold: Gold, scope: Scope, system: System) -> None:
    truth = {d: gold.story_of(d) or f"doc:{d}" for d in gold.documents}
    predicted = system_clusters(gold, system)
    items = [d for d in sorted(gold.documents) if scope.doc(d)]
    p, r, f1 = bcubed(truth, predicted, items)
    n = len(items)
    card.ratio("stories", "B-cubed precision", p, n, key="stories.bcubed_p")
    card.ratio("stories", "B-cubed recall", r, n, key="stories.bcubed_r")
    card.value(
        "stories", "B-cubed F1", f1 if n else None, f"{n} documents", key="stories.bcubed_f1"
    )
    stories = [sid for sid in sorted(gold.stories) if scope.story(sid)]
    split = 0
    for sid in stories:
        landed: dict[str, list[str]] = defaultdict(list)
        for d in gold.stories[sid].documents:
            landed[predicted.get(d, f"single:{d}")].append(d[:3] if d[:3].isdigit() else d)
        if len(landed) > 1:
            split += 1
            got = " + ".join("{" + ", ".join(c) + "}" for c in landed.values())
            card.fail("stories", f"story {sid} '{gold.stories[sid].label}'", "one cluster", got)
    card.ratio("stories", "gold stories split", split, len(stories), "0 ideal")
    mixed = 0
    by_cluster: dict[str, set[str]] = defaultdict(set)
    for d, c in predicted.items():
        by_cluster[c].add(d)
    for c, docs in sorted(by_cluster.items()):
        if scope.any_doc(docs) and len({truth[d] for d in docs}) > 1:
            mixed += 1
            card.fail(
                "stories", f"system {c}", "documents of one gold story", ", ".join(sorted(docs))
            )
    clusters = sum(1 for docs in by_cluster.values() if scope.any_doc(docs))
    card.ratio("stories", "system stories mixing gold stories", mixed, clusters, "0 ideal")


def _pairs(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in combinations(sorted(set(g)), 2)}


def _duplicates(card: Scorecard, gold: Gold, scope: Scope, system: System) -> None:
    groups = [g for g in gold.duplicates if scope.any_doc([g.canonical, *g.members])]
    wanted = _pairs([[g.canonical, *g.members] for g in groups])
    found_groups = [system.gids([s.canonical, *s.members]) for s in system.briefing.duplicates]
    found = {p for p in _pairs(found_groups) if scope.any_doc(p)}
    for pair in sorted(wanted - found, key=sorted):
        card.fail("duplicates", " ~ ".join(sorted(pair)), "near-duplicates", "not paired")
    for pair in sorted(found - wanted, key=sorted):
        card.fail("duplicates", " ~ ".join(sorted(pair)), "different articles", "paired")
    card.ratio(
        "duplicates", "pairs found", len(wanted & found), len(wanted), key="duplicates.pairs"
    )
    card.ratio("duplicates", "false pairs", len(found - wanted), len(found), "0 ideal")
    canonical: dict[str, str] = {}
    for s in system.briefing.duplicates:
        head = system.gid(s.canonical)
        canonical[head] = f"itself (the canonical of {', '.join(system.gids(s.members))})"
        for member in system.gids(s.members):
            canonical[member] = head
    members = [(m, g.canonical) for g in groups for m in g.members]
    right = sum(1 for m, c in members if canonical.get(m) == c)
    for m, c in members:
        if canonical.get(m) != c:
            card.fail("duplicates", f"{m} canonical", c, canonical.get(m, "in no group"))
    card.ratio("duplicates", "members with the right canonical", right, len(members))


def _quality(card: Scorecard, gold: Gold, scope: Scope, system: System) -> None:
    score = {system.gid(q.doc_id): q.score for q in system.quality or ()}
    undated = [d for d in gold.undated if scope.doc(d)]
    reports = [
        d
        for d, g in sorted(gold.documents.items())
        if g.published and d not in gold.undated and scope.doc(d)
    ]
    right = 0
    for report in reports:
        for page in undated:
            a, b = score.get(report), score.get(page)
            if a is not None and b is not None and a > b:
                right += 1
            else:
                card.fail(
                    "quality",
                    f"{report} vs undated {page}",
                    f"{report} scored higher",
                    f"{_num(a)} vs {_num(b)}",
                )
    card.ratio(
        "quality",
        "dated reports above undated pages",
        right,
        len(reports) * len(undated),
        "pairs",
        "quality.pairs",
    )


def _num(value: float | None) -> str:
    return "no score" if value is None else f"{value:.2f}"
