"""Source quality: explained per-article signals combined into a 0–1 score a user can sort by.

Two steps, because they run at different stages: ``document_signals`` (``signals``,
per document, in the analysis stage) measures; ``score_quality`` (cross-document stage) adds
what the language layers found (dated events, people with roles, figures), weighs each signal
and says in words why. Weights and thresholds are data (``data/quality.toml``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from storyline.models import Document, DocumentAnalysis, Quality, QualityReason
from storyline.quality.rules import Rules, load_rules
from storyline.quality.signals import layer_signals
from storyline.quality.text_signals import (
    filler_matches,
    headline_features,
    news_deixis,
    text_signals,
)


def report_dating(document: Document, signals: Mapping[str, float], rules: Rules) -> float:
    """How surely the text is a dated report whose date was missed (0–1): a dateline opening
    it, or time references that only make sense from the day it was written ("on Monday")."""
    report = rules.report
    deixis = signals.get("news_deixis")
    if deixis is None:
        deixis = float(news_deixis(document.text, rules))
    by_deixis = float(report["deixis_dating"]) * min(1.0, deixis / float(report["deixis_full"]))
    by_dateline = float(report["dateline_dating"]) if document.dateline else 0.0
    return max(by_deixis, by_dateline)


def score_quality(
    document: Document, analysis: DocumentAnalysis, copy_of: str | None = None
) -> Quality:
    """The document's 0–1 quality score, every signal behind it and the top reasons in words.

    ``copy_of`` names the earlier document this one is a near-copy of (originality)."""
    return score_signals(document, analysis.signals, layer_signals(analysis), copy_of)


def score_signals(
    document: Document,
    stored: Mapping[str, float],
    layers: Mapping[str, float],
    copy_of: str | None = None,
) -> Quality:
    """``score_quality`` from what it reads of the analysis: its stored signals (``stored``;
    empty for an analysis without them, measured again from the text) and ``layer_signals``.
    Why: these two small maps are all a score needs of an analysis, so the quality stage keeps
    them instead of the analysis's mentions, events, figures and time expressions while a part
    of documents waits to be scored (issue 18: the stage's own peak was a part of analyses)."""
    rules = load_rules()
    signals = dict(stored) if stored else text_signals(document)
    dating = report_dating(document, signals, rules)
    signals["report_dating"] = dating
    signals["undated"] = 0.0 if document.published else 1.0 - dating
    signals["near_copy"] = float(copy_of is not None)
    signals |= layers
    own_dates = signals.get("specific_dates", 0.0)
    signals["specific_dates"] = max(own_dates, layers["dated_events"], layers["timex_dates"])
    signals["people_with_roles"] = max(
        signals.get("people_with_roles", 0.0), layers["people_with_roles_layer"]
    )
    signals["figures"] = max(signals.get("figures", 0.0), layers["figures_layer"])
    sourced = signals.get("quotes", 0.0) + signals.get("attributions", 0.0)
    signals["unsourced"] = float(sourced == 0)
    effects = {e.name: e.of(signals.get(e.signal, 0.0)) for e in rules.effects}
    score = min(1.0, max(0.0, rules.base + sum(effects.values())))
    reasons = [r for r in _reasons(document, signals, effects, rules) if r is not None]
    if copy_of is not None:
        text = f"a near-copy of {copy_of}, the first of its copies in the pile"
        reasons.append(_reason("near_copy", 1.0, effects, ["near_copy"], text))
    reasons = [r for r in reasons if abs(r.effect) >= rules.min_effect]
    reasons.sort(key=lambda r: (-abs(r.effect), r.signal))
    return Quality(
        doc_id=document.id,
        score=round(score, 3),
        signals={k: round(v, 4) for k, v in sorted(signals.items())},
        reasons=reasons[: rules.max_reasons],
    )


def _plural(n: float, one: str, many: str | None = None) -> str:
    count = int(n) if float(n).is_integer() else n
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _join(parts: list[str]) -> str:
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _in_brackets(parts: list[str]) -> str:
    """' (a, b and c)', or nothing when there is nothing to name (a signal stored by an older
    analysis may have no evidence beside it)."""
    return f" ({_join(parts)})" if parts else ""


def _reason(
    signal: str, value: float, effects: Mapping[str, float], names: Iterable[str], text: str
) -> QualityReason:
    effect = sum(effects.get(n, 0.0) for n in names)
    return QualityReason(signal=signal, value=round(value, 4), effect=round(effect, 4), reason=text)


def _reasons(
    document: Document, s: Mapping[str, float], effects: Mapping[str, float], rules: Rules
) -> list[QualityReason | None]:
    return [
        _undated_reason(document, s, effects),
        _report_reason(document, s, effects),
        _furniture_reason(document, s, effects),
        _sourcing_reason(document, s, effects, rules),
        _specificity_reason(s, effects),
        _template_reason(document, s, effects, rules),
        _filler_reason(document, s, effects, rules),
        _clickbait_reason(document, s, effects, rules),
    ]


def _dating_evidence(document: Document, s: Mapping[str, float]) -> list[str]:
    evidence = []
    if document.dateline:
        evidence.append(f"a dateline ({document.dateline.raw.rstrip(' :-–—')})")
    if s.get("news_deixis"):
        evidence.append(
            _plural(
                s["news_deixis"], "reference such as 'on Monday'", "references such as 'on Monday'"
            )
        )
    return evidence


def _report_reason(document: Document, s: Mapping[str, float], effects) -> QualityReason | None:
    if not s.get("report_dating") or not document.published:
        return None  # an undated text's dating evidence is told with its missing date
    text = f"written as a dated report{_in_brackets(_dating_evidence(document, s))}"
    return _reason("report_dating", s["report_dating"], effects, ["report"], text)


def _undated_reason(document: Document, s: Mapping[str, float], effects) -> QualityReason | None:
    if document.published:
        return None
    if not s.get("report_dating"):
        return _reason("undated", s["undated"], effects, ["undated"], "no publication date")
    text = (
        "no publication date found, though the text reads as a dated report"
        f"{_in_brackets(_dating_evidence(document, s))}"
    )
    return _reason("undated", s["undated"], effects, ["undated", "report"], text)


def _furniture_reason(document: Document, s: Mapping[str, float], effects) -> QualityReason | None:
    if not s.get("furniture_lines"):
        return None
    kinds = Counter(r.rule for r in document.furniture)
    listed = ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in kinds.most_common(3))
    share = s.get("furniture_share", 0.0)
    text = (
        f"{share:.0%} of the raw text was site furniture "
        f"({_plural(s['furniture_lines'], 'line')}: {listed})"
    )
    return _reason("furniture_share", share, effects, ["furniture"], text)


def _sourcing_reason(document: Document, s, effects, rules: Rules) -> QualityReason:
    names = ["quotes", "attributions", "official", "unsourced"]
    quotes, attributed = s.get("quotes", 0.0), s.get("attributions", 0.0)
    if s["unsourced"]:
        return _reason("sourcing", 0.0, effects, names, "no direct quotes or attributed sources")
    parts = []
    if quotes:
        parts.append(_plural(quotes, "direct quote"))
    if attributed:
        parts.append(_plural(attributed, "attributed statement"))
    text = _join(parts) or "no direct quotes or attributed statements counted"
    official = s.get("official_attributions", 0.0)
    if official:
        if official == attributed:
            text += ", to an official source" if official == 1 else ", all to official sources"
        else:
            text += f", {int(official)} to official sources"
        cues: list[str] = []
        for cue in rules.official_cues:
            m = cue.search(document.text)
            if m and m.group(0).lower() not in cues:
                cues.append(m.group(0).lower())
        if cues:
            text += f" ({', '.join(cues[:2])})"
    return _reason("sourcing", quotes + attributed, effects, names, text)


def _specificity_reason(s: Mapping[str, float], effects) -> QualityReason | None:
    parts = []
    dates, people, figures = s["specific_dates"], s["people_with_roles"], s["figures"]
    if dates:
        events = s.get("dated_events", 0.0)
        parts.append(
            _plural(events, "dated event")
            if events and events >= dates
            else _plural(dates, "specific date")
        )
    if people:
        parts.append(_plural(people, "named person with a role", "named people with roles"))
    if figures:
        parts.append(_plural(figures, "figure"))
    if not parts:
        return None
    return _reason(
        "specificity", dates + people + figures, effects, ["dates", "people", "figures"],
        _join(parts),
    )  # fmt: skip


def _template_reason(document: Document, s, effects, rules: Rules) -> QualityReason | None:
    if not s.get("template_points"):
        return None
    tpl = rules.template
    parts = []
    if s.get("faq_block"):
        parts.append("FAQ block")
    elif s.get("question_blocks", 0) >= tpl["min_question_run"]:
        parts.append(_plural(s["question_blocks"], "question block"))
    if s.get("step_headings", 0) >= tpl["min_steps"]:
        parts.append(_plural(s["step_headings"], "'Step N' how-to heading"))
    if s.get("boilerplate_headings", 0) >= tpl["min_boilerplate"]:
        parts.append(_plural(s["boilerplate_headings"], "boilerplate heading"))
    if s.get("caption_residue"):
        parts.append(_plural(s["caption_residue"], "image-caption residue"))
    if s.get("heading_density", 0) > tpl["max_heading_density"]:
        parts.append(f"{int(s['headings'])} headings in {int(s['words'])} words")
    if not parts:  # points stored by an older analysis, without the counts behind them
        return None
    text = f"{_join(parts)}: template/SEO structure"
    return _reason("template", s["template_points"], effects, ["template"], text)


def _filler_reason(document: Document, s, effects, rules: Rules) -> QualityReason | None:
    if not s.get("filler_hits") or not effects.get("filler"):
        return None  # nothing to name: skip running the patterns again
    hits = filler_matches(document.text, rules)
    if not hits:
        return None
    examples: list[str] = []
    for phrase, _ in sorted(hits, key=lambda h: -h[1]):
        if phrase.lower() not in examples:
            examples.append(phrase.lower())
    quoted = ", ".join(f"'{e}'" for e in examples[:3])
    text = (
        f"{_plural(len(hits), 'generated-filler phrase')} "
        f"({s['filler_rate']:.1f} per 1,000 words): {quoted}"
    )
    return _reason("filler_rate", s["filler_rate"], effects, ["filler"], text)


FEATURE_WORDS = {
    "second_person": "second person",
    "exclamation": "exclamation mark",
    "listicle": "numbered listicle",
    "question": "question headline",
}


def _clickbait_reason(document: Document, s, effects, rules: Rules) -> QualityReason | None:
    features = headline_features(document.title, rules)
    if not features:
        return None
    parts = [f"'{features['phrase']}'"] if "phrase" in features else []
    parts += [FEATURE_WORDS[f] for f in FEATURE_WORDS if f in features]
    text = f"clickbait headline: {', '.join(parts)}"
    return _reason("clickbait", s.get("clickbait_points", 0.0), effects, ["clickbait"], text)
