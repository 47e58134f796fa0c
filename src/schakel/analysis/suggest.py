# SPDX-License-Identifier: EUPL-1.2
"""Suggest a domain, the minor flag and the acute flag for a signal, with the evidence.

This is a *suggestion for the coordinator*, never a decision: the aandachtsfunctionaris reads
the signal, sees which phrases led to the suggestion and decides. Nothing is routed on the
strength of this output alone. The method is deliberately simple so that every outcome can be
explained from the evidence list:

1. Find the indicator phrases of the catalogue in the text (see :mod:`.lexicon`), plus three
   number rules (long hours, very low pay, many people in one home; :mod:`.numeric`). A phrase
   right after a negation ("geen schulden") does not count, nor does a phrase covered by an
   exception of its entry ("eigen paspoort" is no red flag).
2. Each indicator counts once for its domain, with its weight and a small bonus when more of
   its phrases match. Indicators ticked by the reporter on the signal checklist count as well.
3. Cue phrases give more scores: coercion (threats, violence, fear), smuggling (paid,
   voluntary border crossing), "none" (the text itself says things are in order), and
   acute danger. Ages and school or youth-care words give the minor flag.
4. Fixed rules turn the scores into a label (:func:`_decide_label`), the list of domains
   (:func:`_domains`) and the two flags.
5. The linear model of :mod:`.model` (words of the text plus the scores of step 3) then
   decides the label and the domains, and names the words that weighed most (evidence kind
   ``model``); the rules' label stays available as ``rule_label``.

All thresholds are module constants, so a change is one reviewed line with its measured effect
(``schakel eval text``) in the commit message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache

from schakel.analysis.ages import AgeMention, extract_ages, school_year_hints
from schakel.analysis.lexicon import NEGATION_WINDOW, Lexicon, Match
from schakel.analysis.model import (
    LinearModel,
    feature_spans,
    features,
    lexicon_features,
    readable,
    shipped_model,
)
from schakel.analysis.numeric import rule_hits
from schakel.analysis.text import WORD_RE, Token, fold, tokenize

LABELS = ("sexual", "labour", "housing", "criminal", "dependency", "smuggling", "none")
UNSURE = "unsure"

#: Exploitation evidence (best domain + coercion share) below this: the analysis abstains.
MIN_EVIDENCE = 1.0
#: Coercion cues (threats, violence, fear) count for this share in the exploitation evidence.
COERCION_SHARE = 0.5
#: Smuggling wins when its score reaches the minimum and the ratio of the exploitation evidence.
SMUGGLING_MIN = 2.5
SMUGGLING_RATIO = 0.8
#: "None" wins when its score reaches the minimum and the ratio of the exploitation evidence.
NONE_MIN = 2.0
NONE_RATIO = 0.6
#: A second domain is listed when it has this many indicators of its own, scores at least the
#: minimum and at least this share of the first domain.
SECONDARY_INDICATORS = 2
SECONDARY_MIN = 1.8
SECONDARY_SHARE = 0.4
#: A second phrase of the same indicator adds this share of its weight, up to the cap.
REPEAT_BONUS = 0.2
REPEAT_CAP = 1.6
#: Sexual exploitation goes first when one of its core signs is present and it scores this
#: share of the best domain (the OM guideline gives it priority).
SEXUAL_CORE = frozenset({
    "sexual-forced-sex", "sexual-earnings-handed-over", "sexual-unlicensed-location",
    "sexual-advertisements",
})
SEXUAL_PRIORITY_SHARE = 0.7
#: Dependency goes before labour when care need is present and it scores this share of labour.
CARE_NEED = "dependency-care-need"
CARE_PRIORITY_SHARE = 0.6
#: Weight of an indicator the reporter ticked on the checklist.
TICKED_WEIGHT = 1.5
#: Minor: cue score needed without any written age, and when only adult ages are written.
MINOR_CUES = 1.0
MINOR_CUES_WITH_ADULT_AGES = 2.0
MINOR_AGE_SCORE = 2.0
#: Smuggling also wins when a border crossing or payment for the journey is described
#: (score at least this) and the text's reassurances ("geen aanwijzingen voor uitbuiting",
#: "vrij om te gaan") add up with it to the smuggling minimum: in a border context "no
#: exploitation" confirms smuggling rather than "none".
SMUGGLING_WITH_NONE = 1.5
SMUGGLING_JOURNEY = frozenset({"smuggling-border", "smuggling-payment", "smuggling-named"})
#: How much an acute "block" ("geen acute situatie") weighs against the acute cues.
ACUTE_BLOCK_WEIGHT = 3.0

#: Below this many words the model has too little text to weigh; the rules decide alone
#: (a two-word note is "unsure", not the model's prior).
MODEL_MIN_WORDS = 8

INDICATOR_KINDS = frozenset({"indicator", "ticked"})
#: Cue kind whose phrases open a negation that reaches to the end of the sentence, and the
#: kinds of evidence it negates.
NEGATION_SCOPE = "negation_scope"
SCOPED_KINDS = frozenset({"indicator", "coercion", "acute_danger"})
#: Setting cues (workplace, sex work, dwelling, drugs/theft, care) only decide where
#: concept-level evidence counts; they never score a domain by themselves.
SETTING = "setting"
SETTING_SHARE = 1.0
CONCEPT_OWN_SHARE = 0.5


@dataclass(frozen=True)
class Evidence:
    """Why the analysis said what it said: one matched phrase, rule, age or ticked indicator.

    ``kind`` is ``indicator`` (catalogue phrase or number rule), ``ticked`` (checked by the
    reporter), ``age``, or the cue kind (``coercion``, ``smuggling``, ``none``, ``acute``,
    ``acute_now``, ``acute_danger``, ``acute_block``, ``acute_past``, ``minor``).
    ``start``/``end`` are character offsets in the signal text (-1 for a ticked indicator).
    """

    kind: str
    code: str
    domain: str
    phrase: str
    start: int
    end: int
    text: str
    weight: float
    negated: bool = False


@dataclass
class Suggestion:
    """The outcome of :func:`suggest`; ``as_dict()`` gives a JSON-ready form.

    ``label`` is one of :data:`LABELS` or ``unsure``; ``domains`` lists the exploitation
    domains that apply, primary first (empty for smuggling, none and unsure).
    """

    label: str
    label_score: float
    domains: list[str]
    domain_scores: dict[str, float]
    minor: bool
    minor_score: float
    acute: bool
    acute_score: float
    smuggling_score: float
    none_score: float
    coercion_score: float
    indicators: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    ignored: list[Evidence] = field(default_factory=list)
    ages: list[AgeMention] = field(default_factory=list)
    #: What the lexicon rules alone would say (equal to ``label`` without the model).
    rule_label: str = ""
    #: The model's probability per label (empty when the rules decided alone).
    label_probabilities: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def evidence_for(self, key: str) -> list[Evidence]:
        """Evidence behind one domain (``"labour"``) or cue kind (``"acute"``)."""
        return [e for e in self.evidence if e.domain == key or e.kind == key]


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon of the shipped catalogue, compiled once per process."""
    return Lexicon.from_catalog()


def suggest(
    text: str, indicators: Iterable[str] = (), lexicon: Lexicon | None = None,
    *, use_model: bool = True,
) -> Suggestion:
    """Suggest label, domains, minor and acute for ``text``.

    ``indicators`` are codes the reporter ticked on the signalenkaart; each adds evidence for
    its domain. ``lexicon`` defaults to the shipped catalogue; the Django side passes one built
    from the database (:meth:`Lexicon.from_indicators`) so that phrases added in the admin count.

    The rules below find the evidence and give the flags; the label and the domains are then
    decided by the small linear model of :mod:`.model` (trained offline on every labelled
    signal, with the lexicon's scores among its features), because that generalises better
    to new wording than the fixed label rules. ``use_model=False`` (or a missing weight file)
    gives the rules' own decision; ``rule_label`` always holds it.
    """
    result = rule_suggestion(text, indicators, lexicon)
    model = shipped_model() if use_model else None
    if model is None or len(WORD_RE.findall(text)) < MODEL_MIN_WORDS:
        return result
    return _apply_model(model, text, result)


def rule_suggestion(
    text: str, indicators: Iterable[str] = (), lexicon: Lexicon | None = None
) -> Suggestion:
    """The lexicon and rules alone (section 4.4 of docs/algorithm.md); the model's input."""
    lexicon = lexicon or default_lexicon()
    kept, ignored = find_evidence(text, lexicon)
    kept = _assign_concepts(kept + _ticked(lexicon, indicators), lexicon)
    scores = _scores(kept, lexicon)
    domain_scores = {d: round(scores.get(d, 0.0), 2) for d in lexicon.domains()}
    ages = extract_ages(text)
    minor_score, minor_evidence = _minor(text, ages, scores.get("minor", 0.0))
    acute, acute_score = _acute(scores)
    label, label_score = _decide_label(domain_scores, kept, scores)
    return Suggestion(
        label=label,
        label_score=round(label_score, 2),
        domains=_domains(label, domain_scores, kept, lexicon),
        domain_scores=domain_scores,
        minor=minor_score >= 1.0,
        minor_score=round(minor_score, 2),
        acute=acute,
        acute_score=round(acute_score, 2),
        smuggling_score=round(scores.get("smuggling", 0.0), 2),
        none_score=round(scores.get("none", 0.0), 2),
        coercion_score=round(scores.get("coercion", 0.0), 2),
        indicators=sorted({e.code for e in kept if e.kind in INDICATOR_KINDS}),
        evidence=sorted(kept + minor_evidence, key=lambda e: e.start),
        ignored=ignored,
        ages=ages,
        rule_label=label,
    )


def _apply_model(model: LinearModel, text: str, result: Suggestion) -> Suggestion:
    """Label and domains from the model; flags, scores and phrase evidence stay the rules'.

    The label is the most probable one, or ``unsure`` below the model's abstain threshold.
    The domains are the label (when it is a domain) and every other domain whose own
    probability reaches the threshold. The words that weighed most for the label are added
    to the evidence (kind ``model``), so the coordinator sees why.
    """
    feats = features(text, lexicon_features(result.domain_scores, result.none_score,
                                            result.smuggling_score, result.coercion_score))
    decision = model.decide(feats, result.rule_label)
    top = model.explain(feats, decision.label)  # nothing to explain for "unsure"
    spans = feature_spans([name for name, _ in top], text)
    explained = [Evidence("model", name, decision.label, readable(name), *spans[name],
                          contribution) for name, contribution in top]
    return replace(
        result, label=decision.label, label_score=round(decision.labels[decision.best], 2),
        domains=decision.domains,
        label_probabilities={k: round(v, 3) for k, v in decision.labels.items()},
        evidence=sorted(result.evidence + explained, key=lambda e: e.start))


def minor_hints(text: str, lexicon: Lexicon | None = None) -> list[Evidence]:
    """Ages and school/youth words in ``text`` that suggest the person is under 18."""
    hints = [e for e in suggest(text, lexicon=lexicon).evidence if e.kind in {"age", "minor"}]
    return [e for e in hints if e.kind == "minor" or e.weight > 0]


# ── evidence ────────────────────────────────────────────────────────────────────────────────


def find_evidence(text: str, lexicon: Lexicon) -> tuple[list[Evidence], list[Evidence]]:
    """Phrase and rule matches in ``text``: (kept, ignored because negated)."""
    folded = fold(text)
    kept, ignored = _phrase_evidence(text, tokenize(folded, text), lexicon)
    return kept + _rule_evidence(text, folded, lexicon), ignored


def _phrase_evidence(text: str, tokens: list[Token],
                     lexicon: Lexicon) -> tuple[list[Evidence], list[Evidence]]:
    """A match of an entry that overlaps an earlier match of the same entry is left out."""
    exceptions = _ranges(lexicon.exception_index.matches(tokens))
    kept: list[Evidence] = []
    ignored: list[Evidence] = []
    taken: dict[str, list[tuple[int, int]]] = {}
    matches = sorted(lexicon.index.matches(tokens), key=lambda m: (m.start, -m.end))
    scopes = [m for m in matches if lexicon.entries[m.owner].kind == NEGATION_SCOPE]
    for match in matches:
        entry = lexicon.entries[match.owner]
        if entry.kind == NEGATION_SCOPE:
            continue
        spans = taken.setdefault(match.owner, [])
        if _covered(match, exceptions) or any(s < match.end and match.start < e for s, e in spans):
            continue
        negated = not match.phrase.negated and (
            _is_negated(match, tokens, text, lexicon)
            or (entry.kind in SCOPED_KINDS and _in_negation_scope(match, scopes, tokens)))
        (ignored if negated else kept).append(_to_evidence(match, text, lexicon, negated))
        if not negated:
            spans.append((match.start, match.end))
    return kept, ignored


def _in_negation_scope(match: Match, scopes: list[Match], tokens: list[Token]) -> bool:
    """After "geen aanwijzingen dat", "geen sprake van", "niets gezien van" ... the rest of
    the sentence is what was *not* found: "geen aanwijzingen dat ze ergens moesten werken"."""
    sentence = tokens[match.first].sentence
    return any(scope.last < match.first and tokens[scope.first].sentence == sentence
               for scope in scopes)


def _ranges(matches: list[Match]) -> dict[str, list[tuple[int, int]]]:
    ranges: dict[str, list[tuple[int, int]]] = {}
    for match in matches:
        ranges.setdefault(match.owner, []).append((match.first, match.last))
    return ranges


def _covered(match: Match, exceptions: dict[str, list[tuple[int, int]]]) -> bool:
    """An exception phrase of the same entry overlaps this match ("geen eigen paspoort")."""
    return any(first <= match.last and match.first <= last
               for first, last in exceptions.get(match.owner, ()))


def _is_negated(match: Match, tokens: list[Token], text: str, lexicon: Lexicon) -> bool:
    """A negation word shortly before the phrase in the same clause, or inside its gap.

    The look-back stops at a sentence end, a comma or colon, or a clause word such as
    "maar": in "geen contract, maar wel een loonstrook" the "geen" does not reach
    "loonstrook".
    """
    inside = tokens[match.first + 1:match.last]
    if any(_negates(t, tokens, lexicon) for t in inside):
        return True
    sentence = tokens[match.first].sentence
    for at in range(match.first - 1, max(-1, match.first - 1 - NEGATION_WINDOW), -1):
        token = tokens[at]
        gap = text[token.end:tokens[at + 1].start]
        if token.sentence != sentence or any(mark in gap for mark in ",:;()"):
            return False
        if token.text in lexicon.clause_breaks:
            return False
        if token.text in lexicon.negations:
            return _negates(token, tokens, lexicon)
    return False


def _negates(token: Token, tokens: list[Token], lexicon: Lexicon) -> bool:
    """A negation word, except "niet alleen" ("not only ... but also" adds, it does not deny)."""
    if token.text not in lexicon.negations:
        return False
    following = tokens[token.index + 1] if token.index + 1 < len(tokens) else None
    return not (token.text == "niet" and following is not None and following.text == "alleen")


def _to_evidence(match: Match, text: str, lexicon: Lexicon, negated: bool) -> Evidence:
    entry = lexicon.entries[match.owner]
    return Evidence(entry.kind, entry.code, entry.domain, match.phrase.raw, match.start,
                    match.end, text[match.start:match.end], entry.weight, negated)


def _rule_evidence(text: str, folded: str, lexicon: Lexicon) -> list[Evidence]:
    """Hours, pay and crowding thresholds (:mod:`.numeric`) as indicator evidence."""
    evidence = []
    for hit in rule_hits(folded):
        entry = lexicon.entries.get(hit.code)
        if entry is not None:
            evidence.append(Evidence("indicator", hit.code, entry.domain, f"regel: {hit.rule}",
                                     hit.start, hit.end, text[hit.start:hit.end], entry.weight))
    return evidence


def _ticked(lexicon: Lexicon, codes: Iterable[str]) -> list[Evidence]:
    ticked = []
    for code in dict.fromkeys(codes):
        entry = lexicon.entries.get(code)
        if entry is not None and entry.kind == "indicator":
            ticked.append(Evidence("ticked", code, entry.domain, "", -1, -1, "", TICKED_WEIGHT))
    return ticked


def _assign_concepts(evidence: list[Evidence], lexicon: Lexicon) -> list[Evidence]:
    """Concept-level evidence goes to the domain its setting points to.

    Some signs mean the same in every form of exploitation: a withheld passport, money or a
    bank card taken, a debt that must be worked off, isolation, threats, fear. The catalogue
    has them per domain, so one "paspoort afgepakt" used to count for three domains at once.
    Now the indicators of one concept group (``concept_groups`` in the cue file) count once,
    for the domain with the strongest *setting*: its other (setting-specific) indicators, its
    setting cues (workplace, sex work, dwelling, drugs or theft, care) and, at half weight,
    the concept's own phrasing. The passport of a greenhouse worker is labour evidence, the
    same sentence about a woman receiving clients is sexual evidence.
    """
    if not lexicon.concepts:
        return evidence
    concept = [e for e in evidence
               if e.kind in INDICATOR_KINDS and lexicon.concept_of(e.code) is not None]
    if not concept:
        return evidence
    plain = [e for e in evidence if e.kind not in INDICATOR_KINDS
             or lexicon.concept_of(e.code) is None]
    base = _scores(plain, lexicon)
    setting = _setting_scores(plain)
    assigned = []
    for codes in lexicon.concepts.values():
        group = [e for e in concept if e.code in codes]
        if not group:
            continue
        own = _scores(group, lexicon)
        # a concept counts only for the domains it has indicators in: a debt is never
        # housing evidence, a withheld passport can be (the landlord holds it)
        allowed = [lexicon.entries[c].domain for c in codes if c in lexicon.entries]
        target = max(dict.fromkeys(allowed), key=lambda d: (
            base.get(d, 0.0) + SETTING_SHARE * setting.get(d, 0.0)
            + CONCEPT_OWN_SHARE * own.get(d, 0.0)))
        assigned += [replace(e, domain=target) for e in group]
    return plain + assigned


def _setting_scores(evidence: list[Evidence]) -> dict[str, float]:
    """Setting cues per domain; each cue entry counts once (capped like indicators)."""
    by_code: dict[str, list[Evidence]] = {}
    for item in evidence:
        if item.kind == SETTING:
            by_code.setdefault(item.code, []).append(item)
    scores: dict[str, float] = {}
    for items in by_code.values():
        factor = min(1 + REPEAT_BONUS * (len(items) - 1), REPEAT_CAP)
        scores[items[0].domain] = scores.get(items[0].domain, 0.0) + items[0].weight * factor
    return scores


def _scores(evidence: list[Evidence], lexicon: Lexicon | None = None) -> dict[str, float]:
    """Per domain (indicators) and per cue kind. An indicator or cue counts once, with a small
    bonus when several of its phrases match (more detail about the same thing); the
    indicators of one concept group count once together."""
    by_code: dict[str, list[Evidence]] = {}
    for item in evidence:
        if item.kind != SETTING:
            by_code.setdefault(_score_key(item, lexicon), []).append(item)
    scores: dict[str, float] = {}
    for items in by_code.values():
        first = max(items, key=lambda e: e.weight)
        key = first.domain if first.kind in INDICATOR_KINDS else first.kind
        factor = min(1 + REPEAT_BONUS * (len(items) - 1), REPEAT_CAP)
        scores[key] = scores.get(key, 0.0) + first.weight * factor
    return scores


def _score_key(item: Evidence, lexicon: Lexicon | None) -> str:
    concept = lexicon.concept_of(item.code) if lexicon and item.kind in INDICATOR_KINDS else None
    return f"{item.domain}:{concept}" if concept else item.code


# ── flags ───────────────────────────────────────────────────────────────────────────────────


def _minor(text: str, ages: list[AgeMention], cue_score: float) -> tuple[float, list[Evidence]]:
    """Score >= 1.0 means minor. A written age under 18 settles it; without ages, school and
    youth-care words decide; when only adult ages are written, more of them are needed."""
    hints = school_year_hints(text)
    evidence = [Evidence("age", "age", "", "", a.start, a.end, a.raw,
                         MINOR_AGE_SCORE if a.minor else 0.0) for a in ages]
    evidence += [Evidence("minor", "school-year", "", "", s, e, raw, 1.0) for s, e, raw in hints]
    if any(a.minor for a in ages):
        return MINOR_AGE_SCORE, evidence
    needed = MINOR_CUES_WITH_ADULT_AGES if ages else MINOR_CUES
    return (cue_score + (1.0 if hints else 0.0)) / needed, evidence


def _acute(scores: dict[str, float]) -> tuple[bool, float]:
    """Acute when the writer called (or asks for) emergency services, or when danger and
    'now' come together, unless the text says it is not acute; danger in the past
    ("vorige week") with no emergency call is not acute."""
    emergency = scores.get("acute", 0.0)
    now, danger = scores.get("acute_now", 0.0), scores.get("acute_danger", 0.0)
    blocked, past = scores.get("acute_block", 0.0) > 0, scores.get("acute_past", 0.0) > 0
    score = emergency + now + danger - ACUTE_BLOCK_WEIGHT * blocked - past
    if blocked:
        return False, score
    return bool(emergency or (now and danger and not past)), score


# ── label and domains ───────────────────────────────────────────────────────────────────────


def _decide_label(domain_scores: dict[str, float], evidence: list[Evidence],
                  scores: dict[str, float]) -> tuple[str, float]:
    """The rules, in order:

    1. smuggling cues outweigh the evidence of exploitation (indicators plus coercion) →
       ``smuggling``; debt for the journey that must be worked off is exploitation evidence,
       so it keeps such a signal out of smuggling;
    2. the text itself says things are in order, and that outweighs the evidence → ``none``;
    3. no indicator at all, or very little evidence → ``unsure`` (the coordinator reads it);
    4. otherwise the best-scoring exploitation domain, with the two conventions of
       :func:`_preferred_domain`.
    """
    smuggling, none = scores.get("smuggling", 0.0), scores.get("none", 0.0)
    top_domain, top = max(domain_scores.items(), key=lambda kv: kv[1], default=("", 0.0))
    exploitation = top + COERCION_SHARE * scores.get("coercion", 0.0)
    if smuggling >= SMUGGLING_MIN and smuggling >= exploitation * SMUGGLING_RATIO:
        return "smuggling", smuggling
    journey = any(e.code in SMUGGLING_JOURNEY for e in evidence)
    if (journey and smuggling >= SMUGGLING_WITH_NONE and smuggling + none >= SMUGGLING_MIN
            and smuggling + none >= exploitation * SMUGGLING_RATIO):
        return "smuggling", smuggling + none
    if none >= NONE_MIN and none >= exploitation * NONE_RATIO:
        return "none", none
    if top <= 0 or exploitation < MIN_EVIDENCE:
        return UNSURE, top
    return _preferred_domain(top_domain, domain_scores, evidence), top


def _preferred_domain(top_domain: str, domain_scores: dict[str, float],
                      evidence: list[Evidence]) -> str:
    """Sexual exploitation first when its core signs are there; dependency before labour when
    care for an ill, disabled or elderly person is central (the eval set's convention)."""
    codes = {e.code for e in evidence}
    sexual_codes = {e.code for e in evidence if e.domain == "sexual"}
    top = domain_scores[top_domain]
    sexual = domain_scores.get("sexual", 0.0)
    if sexual_codes & SEXUAL_CORE and sexual >= SEXUAL_PRIORITY_SHARE * top:
        return "sexual"
    if (top_domain == "labour" and CARE_NEED in codes
            and domain_scores.get("dependency", 0.0) >= CARE_PRIORITY_SHARE * top):
        return "dependency"
    return top_domain


def _domains(label: str, domain_scores: dict[str, float], evidence: list[Evidence],
             lexicon: Lexicon | None = None) -> list[str]:
    """Primary domain first, then every domain with enough evidence of its own: at least
    two different indicators, a minimum score and a share of the first domain's score."""
    if label not in domain_scores:
        return []
    top = max(domain_scores.values())
    indicators: dict[str, set[str]] = {}
    for item in evidence:
        if item.kind in INDICATOR_KINDS:
            indicators.setdefault(item.domain, set()).add(_score_key(item, lexicon))
    others = [
        domain for domain, score in sorted(domain_scores.items(), key=lambda kv: -kv[1])
        if domain != label
        and len(indicators.get(domain, ())) >= SECONDARY_INDICATORS
        and score >= max(SECONDARY_MIN, SECONDARY_SHARE * top)
    ]
    return [label, *others]
