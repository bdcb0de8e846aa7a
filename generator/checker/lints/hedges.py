"""Words a fair quote must not leave behind: hedges, negations, attributions.

A quote can occur verbatim in its source and still misrepresent it: "the foray
would be among Ukraine's largest" is in the article, but the article's sentence
begins "If confirmed,". This module finds the quote's own sentence around its
resolved span and reports the governing words of that sentence the quote leaves
out. Word lists are per language, and a project can add to them in claims.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, count, islice
from operator import methodcaller

from generator.checker.sentences import sentence_bounds

KINDS = ("hedges", "negations", "attributions", "qualifiers")
KIND_NAMES = {"hedges": "a hedge", "negations": "a negation",
              "attributions": "the attribution", "qualifiers": "a qualifier after it"}

# Per language, per kind. A phrase matches whole words, case-insensitively; a
# leading ``*`` matches the end of a word ("*n't" in "didn't"); ' matches ’ too.
BUILTIN: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "hedges": ("if confirmed", "if true", "if accurate", "if verified", "may",
                   "may have", "might", "could", "allegedly", "alleged", "reportedly",
                   "purportedly", "supposedly", "supposed", "apparently", "apparent",
                   "possibly", "possible", "probably", "likely", "unverified",
                   "unconfirmed", "could not be verified", "not independently verified",
                   "appears to", "appear to", "seems", "seemed", "claiming to",
                   "claimed", "rumoured", "rumored", "speculate", "unclear"),
        "negations": ("not", "no", "never", "none", "neither", "nor", "*n't",
                      "without", "denied", "denies", "deny", "false", "rejected"),
        "attributions": ("said", "says", "say", "according to", "told", "claimed",
                         "claims", "claim", "stated", "accused", "insisted",
                         "wrote", "reported", "reports", "announced", "per"),
        # A clause after the quote that qualifies it: "X, although Y"; "X, unless Y"
        # (concessions and conditions; a plain "but" adds as often as it qualifies)
        "qualifiers": ("although", "though", "even though", "unless", "except",
                       "albeit"),
    },
    "ru": {
        "hedges": ("если подтвердится", "возможно", "предположительно", "якобы",
                   "вероятно", "по неподтверждённым данным",
                   "по неподтвержденным данным", "может", "могут", "мог", "могли",
                   "по некоторым данным", "не подтверждено", "видимо"),
        "negations": ("не", "нет", "ни", "никогда", "отрицает", "опроверг"),
        "attributions": ("по словам", "по данным", "как сообщает", "сообщил",
                         "сообщила", "сообщили", "заявил", "заявила", "заявили",
                         "утверждает", "утверждают", "сообщает", "пишет"),
        "qualifiers": ("хотя", "если только", "за исключением"),
    },
}


def phrase_pattern(phrase: str) -> str:
    """A regex for one list entry: whole words, any apostrophe, any spacing.

    >>> bool(re.search(phrase_pattern("*n't"), "they didn’t"))
    True
    >>> bool(re.search(phrase_pattern("may"), "in mayhem"))
    False
    """
    suffix = phrase.startswith("*")
    words = phrase.lstrip("*").split()
    body = r"\s+".join(re.escape(w).replace("'", "['’]") for w in words)
    return ("" if suffix else r"(?<!\w)") + body + r"(?!\w)"


@dataclass(frozen=True)
class WordLists:
    """The phrases of each kind, every language together (a quote's language need
    not be known: a Russian hedge never occurs in an English sentence).

    >>> lists = WordLists.merged({"de": {"hedges": ["angeblich"]}})
    >>> "angeblich" in lists.hedges and "allegedly" in lists.hedges
    True
    """

    hedges: tuple[str, ...]
    negations: tuple[str, ...]
    attributions: tuple[str, ...]
    qualifiers: tuple[str, ...] = ()

    @classmethod
    def merged(cls, extra: Mapping[str, Mapping[str, Sequence[str]]] | None = None
               ) -> WordLists:
        """The built-in lists plus a project's own (``hedges:`` in claims.yaml)."""
        kinds: dict[str, list[str]] = {k: [] for k in KINDS}
        for table in (*BUILTIN.values(), *(extra or {}).values()):
            for kind in KINDS:
                for phrase in table.get(kind, ()):
                    if phrase.strip() and phrase not in kinds[kind]:
                        kinds[kind].append(phrase.strip())
        return cls(*(tuple(kinds[k]) for k in KINDS))

    @cached_property
    def patterns(self) -> dict[str, re.Pattern]:
        """One regex per kind; longer phrases first so "may have" beats "may"."""
        out = {}
        for kind in KINDS:
            phrases = sorted(getattr(self, kind), key=len, reverse=True)
            out[kind] = re.compile("|".join(phrase_pattern(p) for p in phrases) or "(?!)",
                                   re.IGNORECASE)
        return out

    @cached_property
    def _table(self) -> tuple[dict, tuple]:
        """First word -> [(the phrase's other words, kind)], longest first; and the
        ``*`` suffixes. Matching words by table is several times faster than one
        regex of every phrase, and a check runs it for each of thousands of quotes."""
        table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        suffixes = []
        for kind in KINDS:
            for phrase in getattr(self, kind):
                words = _fold(phrase).split()
                if phrase.startswith("*"):
                    suffixes.append((words[0].lstrip("*"), kind))
                elif words:
                    table.setdefault(words[0], []).append((tuple(words[1:]), kind))
        for entries in table.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        return table, tuple(suffixes)

    def spans(self, text: str, begin: int = 0, finish: int | None = None
              ) -> dict[str, list[tuple[int, int]]]:
        """Where each kind's phrases occur in ``text[begin:finish]``, by kind.

        >>> WordLists.merged().spans("They didn’t say; it may have been so.")
        {'negations': [(8, 11)], 'attributions': [(12, 15)], 'hedges': [(20, 28)]}
        """
        stop = len(text) if finish is None else finish
        piece = text[begin:stop]
        low = piece.lower()
        # Lowercasing the span at once is lowercasing it word by word, but for a
        # capital sigma (its small form depends on the letters around it) and a
        # letter whose small form is longer (İ): those take the slow road, as do
        # word lists the quick one cannot read (a "*" suffix that is not a word).
        if (len(low) != len(piece) or "Σ" in piece or begin < 0 or stop < 0
                or self._quick is None):
            return self._spans_by_word(text, begin, finish)
        return self._spans_quick(low.replace("’", "'"), begin)

    def _spans_quick(self, low: str, begin: int) -> dict[str, list[tuple[int, int]]]:
        """:meth:`_spans_by_word` on the span already lowercased (``low``, starting at
        ``begin`` of the text): a regex in C finds the words that begin a phrase and
        the words that end in a suffix, and only those are looked at in Python.
        Positions are compared by where words end: a phrase covers the words up to
        the end of its last one."""
        (table, suffixes), (firsts, ends) = self._table, self._quick
        heads = {m.end(): m for m in firsts.finditer(low)}
        tails = {m.end() for m in ends.finditer(low)} - heads.keys() if suffixes else ()
        out: dict[str, list[tuple[int, int]]] = {}
        covered: dict[str, int] = {}
        for q in sorted(heads.keys() | tails) if tails else heads:
            head = heads.get(q)
            if head is not None:
                word = head.group()
                entries = table[word]
                follow = (list(islice(_TOKEN.finditer(low, q), len(entries[0][0])))
                          if entries[0][0] else ())
                for rest, kind in entries:
                    n = len(rest)
                    if covered.get(kind, 0) >= q or n > len(follow):
                        continue
                    if all(follow[j].group() == rest[j] for j in range(n)):
                        out.setdefault(kind, []).append(
                            (begin + head.start(), begin + (follow[n - 1].end() if n else q)))
                        covered[kind] = follow[n - 1].end() if n else q
            for suffix, kind in suffixes:
                # A suffix is a word: where the text has it before q, the word has it.
                if covered.get(kind, 0) < q and (
                        word.endswith(suffix) if head is not None
                        else low.startswith(suffix, q - len(suffix), q)
                        and q >= len(suffix)):
                    out.setdefault(kind, []).append((begin + q - len(suffix), begin + q))
                    covered[kind] = q
        return out

    @cached_property
    def _quick(self) -> tuple[re.Pattern, re.Pattern] | None:
        """The regexes of :meth:`_spans_quick`: a whole word that begins a phrase, and
        the end of a word in a suffix; None when a suffix is not a word (or empty),
        which only the word by word reading handles."""
        table, suffixes = self._table
        if any(not _TOKEN.fullmatch(suffix) for suffix, _ in suffixes):
            return None
        # A word is a whole word when no letter or joining apostrophe is next to it.
        firsts = [word for word in table if _TOKEN.fullmatch(word)]
        whole = (r"(?<!\w)(?<!\w')(?:" + (_trie(firsts) if firsts else "(?!)")
                 + r")(?!\w)(?!'\w)")
        ends = "|".join(re.escape(e) for e in dict.fromkeys(e for e, _ in suffixes))
        return re.compile(whole), re.compile(r"(?:" + (ends or "(?!)") + r")(?!\w)(?!'\w)")

    def _spans_by_word(self, text: str, begin: int = 0, finish: int | None = None
                       ) -> dict[str, list[tuple[int, int]]]:
        """:meth:`spans`, each word lowercased by itself."""
        table, suffixes = self._table
        matches = list(_TOKEN.finditer(text, begin,
                                       len(text) if finish is None else finish))
        words = list(map(_APOSTROPHE, map(str.lower, map(_GROUP, matches))))
        # Only the words that begin a phrase or end in a suffix are looked at one by
        # one: finding them runs in C, and most words of a sentence are neither.
        hits = set(compress(count(), map(table.__contains__, words)))
        if suffixes:
            hits.update(compress(count(), map(methodcaller("endswith", self._endings),
                                              words)))
        out: dict[str, list[tuple[int, int]]] = {}
        covered: dict[str, int] = {}
        last = len(words)
        for i in sorted(hits):
            word = words[i]
            for rest, kind in table.get(word, ()):
                n = len(rest)
                if covered.get(kind, 0) > i or i + n >= last:
                    continue
                if all(words[i + 1 + j] == rest[j] for j in range(n)):
                    out.setdefault(kind, []).append((matches[i].start(),
                                                     matches[i + n].end()))
                    covered[kind] = i + n + 1
            for suffix, kind in suffixes:
                if word.endswith(suffix) and covered.get(kind, 0) <= i:
                    b = matches[i].end()
                    out.setdefault(kind, []).append((b - len(suffix), b))
                    covered[kind] = i + 1
        return out

    def may_have(self, kind: str, text: str, begin: int, finish: int) -> bool:
        """False only if :meth:`spans` finds no phrase of ``kind`` in
        ``text[begin:finish]``: none of the kind's first words is in its lowercased
        text (str.lower differs from word by word only at a capital sigma, so the
        test is made only for lists without a sigma and without ``*`` suffixes).

        >>> lists = WordLists.merged()
        >>> lists.may_have("qualifiers", "It rose, THOUGH slowly.", 0, 23)
        True
        >>> lists.may_have("qualifiers", "It rose, though slowly.", 0, 8)
        False
        """
        firsts = self._firsts.get(kind)
        if firsts is None:
            return True
        folded = text[begin:finish].lower().replace("’", "'")
        return any(word in folded for word in firsts)

    @cached_property
    def _firsts(self) -> dict[str, tuple[str, ...]]:
        """The first words of each kind whose phrases :meth:`may_have` can test."""
        out = {}
        for kind in KINDS:
            phrases = getattr(self, kind)
            if any(p.startswith("*") or {"σ", "ς", "Σ"} & set(p) for p in phrases):
                continue
            out[kind] = tuple({_fold(p).split()[0] for p in phrases if _fold(p).split()})
        return out

    @cached_property
    def _endings(self) -> tuple[str, ...]:
        return tuple(suffix for suffix, _ in self._table[1])


_TOKEN = re.compile(r"\w+(?:['’]\w+)*")


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


def _trie(words: list[str]) -> str:
    """A regex that matches exactly ``words``, letter by letter as a tree (one
    alternation of many words makes the engine try each of them at every word).

    >>> bool(re.fullmatch(_trie(["may", "may've", "might"]), "might"))
    True
    """
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")

    return emit(tree)


_GROUP = methodcaller("group")
_APOSTROPHE = methodcaller("replace", "’", "'")


@dataclass(frozen=True)
class Dropped:
    """Governing words of a quote's sentence that the quote leaves out.

    The marked sentence and the widened quote are worked out when read: the lints
    word one message for all the kinds a quote drops (:func:`together`), and a
    memo keeps every kind for whichever caller asks (:class:`DroppedMemo`).
    """

    kind: str  # hedges | negations | attributions | qualifiers
    words: tuple[str, ...]  # as the source spells them
    spans: tuple[tuple[int, int], ...] = ()  # the dropped phrases in the source
    context: tuple[int, int] = (0, 0)  # the sentence's part shown, and the widened quote
    kept: tuple[int, int] = (0, 0)
    text: str = field(default="", repr=False, compare=False)  # the source's

    @property
    def sentence(self) -> str:
        """The whole sentence, each dropped phrase marked >>like this<<."""
        return together(self.text, [self])[0]

    @property
    def widened(self) -> str:
        """The source's text of a quote that keeps them."""
        return together(self.text, [self])[1]


def together(text: str, found: Sequence[Dropped]) -> tuple[str, str]:
    """One marked sentence and one widened quote for all the kinds a quote drops.

    >>> t = "If confirmed, the raid was big, although few saw it."
    >>> at = t.index("the raid")
    >>> marked, widened = together(t, dropped(t, [(at, t.index(",", at))], WordLists.merged()))
    >>> marked
    '>>If confirmed<<, the raid was big, >>although<< few saw it.'
    >>> widened == t
    True
    """
    spans = sorted(span for d in found for span in d.spans)
    begin = min(d.context[0] for d in found)
    stop = max(d.context[1] for d in found)
    marked, at = [], begin
    for a, b in spans:
        marked += [text[at:a], ">>", text[a:b], "<<"]
        at = b
    marked.append(text[at:stop])
    lo, hi = min(d.kept[0] for d in found), max(d.kept[1] for d in found)
    return " ".join("".join(marked).split()), " ".join(text[lo:hi].split())


def _outside(span: tuple[int, int], pieces: Sequence[tuple[int, int]]) -> bool:
    """True if any character of ``span`` lies outside every kept piece."""
    a, b = span
    for lo, hi in pieces:
        if lo <= a < hi:
            a = hi
    return a < b


# A clause that begins here no longer hangs on the words before it.
_CLAUSE = re.compile(r";|,\s+(?:while|but|whereas|although|though)\s|\s[–—]\s",
                     re.IGNORECASE)
TAIL_WORDS = 8  # words after a quote govern it in a short tail ("..., he said.")


def scope(text: str, pieces: Sequence[tuple[int, int]],
          sentences: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The part of the quote's sentence whose words govern the quote.

    Before the quote, its own clause ("If confirmed, ..."; not a clause that ends
    with ", while"); after it, only a short tail (", officials said.").

    >>> t = "Putin alleged shelling, while the ministry said 31 were hurt, in a long list of other figures given."
    >>> a, b = scope(t, [(t.index("31"), t.index(" hurt") + 5)])
    >>> t[a:b]
    'the ministry said 31 were hurt'
    """  # noqa: E501  (a doctest's or rule text's line as printed)
    return _scope(text, pieces, sentences)[:2]


def _scope(text: str, pieces: Sequence[tuple[int, int]],
           sentences: list[tuple[int, int]] | None = None) -> tuple[int, int, int]:
    """:func:`scope`, and where the quote's sentence ends."""
    begin, finish = sentence_bounds(text, pieces[0][0], pieces[-1][1], sentences)
    end = finish
    for m in _CLAUSE.finditer(text, begin, pieces[0][0]):
        begin = m.end()
    if len(text[pieces[-1][1]:finish].split()) > TAIL_WORDS:
        finish = pieces[-1][1]
    return begin, finish, end


def dropped(text: str, pieces: Sequence[tuple[int, int]], lists: WordLists,
            kinds: Sequence[str] = KINDS,
            sentences: list[tuple[int, int]] | None = None) -> list[Dropped]:
    """What the quote (``pieces`` of ``text``) leaves out of its sentence, by kind.

    Attributions count only when the quote itself attributes nothing: "officials
    said X" already presents X as somebody's word. A qualifier counts anywhere after
    the quote's start in its sentence: "X, although Y" cut to "X" says less than the
    source does. ``sentences``: the text's sentence spans, when the caller has them (a
    prepared source keeps them).

    >>> t = "If confirmed, the foray would be among the largest."
    >>> at = t.index("the foray")
    >>> [d.sentence for d in dropped(t, [(at, len(t))], WordLists.merged())]
    ['>>If confirmed<<, the foray would be among the largest.']
    >>> dropped(t, [(0, len(t))], WordLists.merged())
    []
    >>> t = "Kyiv has not claimed it, although officials have hinted at it."
    >>> [d.widened for d in dropped(t, [(0, t.index(","))], WordLists.merged())]
    ['Kyiv has not claimed it, although officials have hinted at it.']
    """
    begin, finish, end = _scope(text, pieces, sentences)
    where = lists.spans(text, begin, finish)
    out = []
    for kind in kinds:
        found, stop = where.get(kind, []), finish
        if kind == "qualifiers":  # after the quote, the whole rest of its sentence
            stop = max(finish, end)
            found = (lists.spans(text, pieces[0][0], stop).get(kind, [])
                     if lists.may_have(kind, text, pieces[0][0], stop) else [])
        spans = [span for span in found if _outside(span, pieces)]
        if kind == "attributions" and len(spans) < len(found):
            continue  # the quote keeps an attribution of its own
        if not spans:
            continue
        lo = begin if spans[0][0] < pieces[0][0] else pieces[0][0]
        hi = stop if spans[-1][1] > pieces[-1][1] else pieces[-1][1]
        out.append(Dropped(kind, tuple(text[a:b] for a, b in spans), tuple(spans),
                           (begin, stop), (lo, hi), text))
    return out


class DroppedMemo(dict):
    """:func:`dropped` of the quotes of one project's sources, by (source id, pieces).

    A claim's summary usually quotes the very passage one of its citations quotes:
    the citation's lint and the prose's lint would each find the same sentence and
    its governing words. Each kind is worked out on its own (:func:`dropped` reads
    the sentence once and then filters by kind), so every kind is found once and
    each caller takes the kinds it asks for, in its own order.
    """

    def dropped(self, sid: str, text: str, pieces: Sequence[tuple[int, int]],
                lists: WordLists, kinds: Sequence[str],
                sentences: list[tuple[int, int]] | None = None) -> list[Dropped]:
        """``dropped(text, pieces, lists, kinds, sentences)``, ``text`` being the
        source ``sid``'s: a memo holds one check's sources, read with one ``lists``."""
        key = (sid, tuple(pieces))
        every = self.get(key)
        if every is None:
            every = self[key] = {d.kind: d for d in dropped(text, pieces, lists, KINDS,
                                                            sentences)}
        return [every[kind] for kind in kinds if kind in every]
