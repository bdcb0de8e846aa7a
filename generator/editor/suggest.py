"""``factcheck suggest``: passages of the sources a claim may have missed.

An editor cites what they found; the passage that qualifies or contradicts the
claim is the one easiest to miss. This ranks every sentence of every registered
source by the claim's distinctive terms and figures (inverse document frequency
over the sentences: the sources of one fact-check hold a few thousand sentences,
so a ranking library would add weight, not accuracy), drops the sentences the
claim already cites, and puts hedged or contradicting ones first. Each suggestion
is the source's exact sentence, ready to paste as a citation.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from dataclasses import asdict, dataclass

from generator.checker.lints.hedges import WordLists
from generator.checker.lints.numbers import quantities
from generator.checker.model import CheckResult, Claim
from generator.checker.sentences import sentence_spans
from generator.checker.textmatch import paragraphs, split_quote, word_count
from generator.checker.yamlwrite import double_quoted
from generator.editor.fix import replacement_text
from generator.editor.words import STOPWORDS, content_words

MIN_SCORE = 0.2  # of the best possible score: below this a sentence shares too little
CONTRARY = ("however", "but", "although", "though", "despite", "contrary", "denied",
            "dismissed")


@dataclass(frozen=True)
class Suggestion:
    source: str
    quote: str
    paragraph: int
    score: float
    hedged: tuple[str, ...]  # hedge words in the sentence
    contrary: tuple[str, ...]  # negations and contrasts in the sentence
    stance: str  # a first guess for the editor to confirm

    def as_yaml(self) -> str:
        """The citation to paste under the claim's ``citations:``."""
        why = ", ".join(f"“{w}”" for w in (*self.hedged, *self.contrary))
        return (f"- source: {self.source}\n  quote: {double_quoted(self.quote)}\n"
                f"  stance: {self.stance}  # a guess{' (' + why + ')' if why else ''}: "
                "read the passage and decide")


def _terms(text: str) -> set[str]:
    """Content words, stemmed (bare numbers left out), and figures by value.

    >>> sorted(_terms("Ukrainian troops pushed six miles"))
    ['#9.656', 'mile', 'push', 'six', 'troop', 'ukrain']
    """
    words = {w for w in content_words(text, STOPWORDS) if not w[0].isdigit() and len(w) > 2}
    return words | {f"#{q.base:.4g}" for q in quantities(text)}


def _cited_spans(result: CheckResult, claim: Claim) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for cite in claim.citations:
        res = result.resolutions.get((claim.id, cite.index))
        if res is not None:
            spans.setdefault(res.source, []).append((res.start, res.end))
    return spans


def _paragraph(text: str, at: int) -> int:
    spans = paragraphs(text)
    return max(1, bisect.bisect_right([lo for lo, _ in spans], at))


def _found(pattern: re.Pattern, text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.group() for m in pattern.finditer(text)))


def suggest(result: CheckResult, claim: Claim, lists: WordLists | None = None,
            limit: int = 5) -> list[Suggestion]:
    """The sentences most relevant to ``claim`` that it does not cite, best first."""
    lists = lists or WordLists.merged()
    contrary = re.compile("|".join([lists.patterns["negations"].pattern,
                                    *(rf"(?<!\w){w}(?!\w)" for w in CONTRARY)]),
                          re.IGNORECASE)
    cited = _cited_spans(result, claim)
    texts = result.texts  # a property that builds the mapping: once
    passages = [(sid, a, b, _terms(text[a:b])) for sid, text in texts.items()
                for a, b in sentence_spans(text)]
    frequency = Counter(t for *_, terms in passages for t in terms)
    idf = {t: math.log(1 + len(passages) / n) for t, n in frequency.items()}
    wanted = _terms(claim.claim)
    best = sum(idf.get(t, 0.0) for t in wanted) or 1.0
    ranked = []
    for sid, a, b, terms in passages:
        score = sum(idf[t] for t in terms & wanted) / best
        if score < MIN_SCORE or any(lo < b and a < hi for lo, hi in cited.get(sid, ())):
            continue
        if any(lo < b and a < hi for lo, hi in result.boilerplate.get(sid, ())):
            continue  # a caption or a credit: declared not citable
        text = texts[sid]
        quote = replacement_text(text[a:b])  # the words as they read: a quote that checks
        if word_count(quote) < 4 or len(split_quote(quote)[0]) > 1:
            continue  # too short to cite, or it would read as an elided quote
        hedged = _found(lists.patterns["hedges"], quote)
        against = _found(contrary, quote)
        stance = "contradicts" if against else "context" if hedged else "supports"
        ranked.append(Suggestion(sid, quote, _paragraph(text, a),
                                 round(score, 3), hedged, against, stance))
    ranked.sort(key=lambda s: -s.score)
    top = ranked[:limit * 2]
    top.sort(key=lambda s: (not (s.hedged or s.contrary), -s.score))
    return top[:limit]


def format_text(claim: Claim, found: list[Suggestion]) -> str:
    """Each suggestion with why it is flagged, and the YAML to paste."""
    if not found:
        return f"No uncited passage of the sources bears on `{claim.id}`.\n"
    out = [f"Evidence `{claim.id}` may have missed ({len(found)}), hedged or "
           "contradicting first:", ""]
    for s in found:
        why = "; ".join(filter(None, [
            s.hedged and "hedged: " + ", ".join(s.hedged),
            s.contrary and "may contradict: " + ", ".join(s.contrary)]))
        out.append(f"{s.source}, paragraph {s.paragraph} (relevance {s.score:.2f})"
                   + (f" [{why}]" if why else ""))
        out.extend("    " + line for line in s.as_yaml().splitlines())
        out.append("")
    return "\n".join(out)


def format_json(claim: Claim, found: list[Suggestion]) -> str:
    return json.dumps({"claim": claim.id,
                       "suggestions": [{**asdict(s), "yaml": s.as_yaml()} for s in found]},
                      ensure_ascii=False, indent=2) + "\n"
