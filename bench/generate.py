"""A synthetic newsroom of any size, the same every time for the same arguments.

``generate(folder, claims=4000, sources=1000)`` writes a factcheck project:

* ``content/sources/src-NNNN.txt``: article-like texts of about 5 KB each, built
  from varied sentence templates with names, places, figures in many formats,
  curly quotes, apostrophes and dashes, paragraphs between blank lines (a third of
  the articles hard-wrapped at 72 columns, as texts copied from e-mail are);
* ``claims.yaml`` in the claims format (docs/reference.md): each claim cites three passages that
  really occur in the sources (4 to 30 words, some elided with `` ... `` inside
  one paragraph, some pinned with a prefix or suffix), the third the article the
  claim was made in (its ``appearance``, cited as context); a claim longer than
  search engines show has a ``claim_reviewed`` short form; and a few percent of the
  citations are broken the ways editors break them: a changed number, a dropped word,
  curly quotes typed straight, the wrong source;
* ``claims-clean.yaml``: the same file without the broken citations, which the
  site build uses (a build aborts on errors, by design);
* ``mkdocs.yml`` enabling the ``factcheck`` plugin, and ``content/index.md``;
* ``plain/``: the twin the site build is compared with, a bare MkDocs project with
  the same theme and an ordinary Markdown page for every page the plugin makes,
  at the same address and holding about the same text, lists cut into pages as
  the site cuts them (bench/twin.py).

Only the standard library is used, and every random choice comes from one seeded
:class:`random.Random`, so two runs with the same arguments give identical bytes.
The sources depend only on ``seed`` and ``sources``: the 1,000- and the
4,000-claim newsrooms share the very same articles.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import textwrap
from dataclasses import dataclass, field

import twin  # bench/twin.py, next to this file

FIRST = """Alice Amara Anton Beatriz Bilal Carmen Chen Dmitri Elena Emeka Farah Felix
Grace Hana Igor Ines Jamal Jana Kenji Laila Lars Lucia Marek Maria Mehmet Nadia Nikolai
Olga Omar Pavel Priya Rafael Rosa Samir Sofia Tomasz Ursula Viktor Wen Yusuf Zofia Aoife
Bruno Cyril Dalia Eamon Fatima Gustav Helga""".split()
LAST = """Abramova Achebe Bauer Castillo Dubois Eriksen Fischer Gallo Haddad Ivanova Jensen
Kaur Kowalski Lindqvist Moreau Nakamura Novak Okafor Petrov Quinn Rossi Schmidt Tanaka
Usman Varga Walsh Xu Yilmaz Zielinski O’Brien Brennan Costa Horvath Markovic Sato Fitzgerald
Okonkwo Lindgren Ferreira Kovacs""".split()
TITLES = ["the regional governor", "the finance minister", "a council spokeswoman",
          "the mayor", "the chief executive of the water company", "a senior police officer",
          "the health commissioner", "an opposition lawmaker", "the union’s general secretary",
          "a hospital administrator", "the transport secretary", "a local farmer",
          "the head of the port authority", "an economist at the central bank",
          "the school board chair", "a spokesman for the ministry"]
SYLLABLES = ("bar ken dor lin ost vel mar ton gra sud kov rin hal mer stan bel "
             "zor nik ash ford wick dal rev tum").split()
TOPICS = {
    "budget": ["budget", "deficit", "tax revenue", "spending plan", "bond issue"],
    "floods": ["flood defences", "river levels", "evacuation", "storm damage", "levee"],
    "health": ["hospital waiting lists", "vaccination drive", "clinic closures",
               "ambulance response times", "nursing shortage"],
    "transport": ["rail line", "bus fares", "bridge repairs", "airport expansion",
                  "road tolls"],
    "housing": ["rents", "social housing", "building permits", "evictions",
                "mortgage rates"],
    "energy": ["power prices", "wind farm", "gas pipeline", "grid outages",
               "coal plant closure"],
    "schools": ["exam results", "teacher pay", "class sizes", "school meals",
                "university fees"],
    "security": ["border incidents", "police numbers", "cyber attack",
                 "drone sightings", "emergency powers"],
}
ORGS = ["the Ministry of Finance", "the Regional Water Authority", "the Port Authority",
        "the National Statistics Office", "the Health Inspectorate", "the Audit Chamber",
        "the Teachers’ Union", "the Chamber of Commerce", "the Electoral Commission",
        "the State Railway Company", "the Central Bank", "the Environment Agency"]
PUBLISHERS = ["The Northern Courier", "Daily Ledger", "Harbour Times", "The Evening Post",
              "Regional Herald", "Metro Wire", "The Observer-Gazette", "Capital Report"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
VERDICTS = [("accurate", "supports"), ("mostly-accurate", "supports"), ("mixed", None),
            ("misleading", "contradicts"), ("inaccurate", "contradicts")]

# Sentence templates. Slots: {p} person, {t} title, {o} org, {place}, {n*} figures,
# {topic}, {day}, {month}, {year}. Curly quotes and dashes are written as published.
TEMPLATES = [
    "{o} said on {day} that {topic} had risen by {pct} over the past {nsmall} months.",
    "“We have never seen {topic} like this,” said {p}, {t}, adding that {nint} households "
    "had been affected.",
    "According to figures released in {month}, {nint} people in {place} were waiting for "
    "a decision on {topic}.",
    "The plan, which would cost {money}, was approved by {nsmall} votes to {nsmall2} — a "
    "narrower margin than expected.",
    "{p}, {t}, told reporters in {place} that the government’s promise on {topic} was "
    "“simply not credible.”",
    "Between {year} and {year2}, spending on {topic} fell from {money} to {money2}, the "
    "report found.",
    "Residents of {place} said the {topic} problem began in {month} {year}, long before "
    "officials acknowledged it.",
    "In a statement, {o} described the situation as “serious but under control” and "
    "promised an update by {day}.",
    "The {place} district recorded {nint} cases, up from {nint2} a year earlier, a rise of "
    "{pct}.",
    "Critics, including {p}, argued that the {topic} figures had been “massaged” to look "
    "better before the {year} election.",
    "About {pct} of those surveyed in {place} said {topic} was their main concern; only "
    "{pct2} named the economy.",
    "“There is no money left for {topic},” {p} wrote on social media on {day}, a claim "
    "{o} later disputed.",
    "The contract — worth {money} over {nsmall} years — was awarded without a public "
    "tender, documents seen by this newspaper show.",
    "Officials in {place} confirmed that {nint} staff had been hired since {month}, "
    "short of the {nint2} promised.",
    "{o} has not responded to requests for comment on the {topic} report.",
    "At a meeting on {day} evening, about {nsmall}0 people gathered outside the town hall "
    "in {place} to protest over {topic}.",
    "The report, published on {month} {dom}, puts the total cost at {money}, or roughly "
    "{money3} per resident.",
    "{p}’s office said the figures for {topic} were “preliminary” and could change.",
    "Trains between {place} and {place2} were cancelled for {nsmall} days after the "
    "{topic} incident on {day}.",
    "Since {year}, {o} has spent {money} on {topic}, according to its annual accounts.",
    "Asked whether {topic} would improve, {p} replied: “Not this year, and probably not "
    "next year either.”",
    "Some {nint} complaints about {topic} were filed in {year2}, the highest number "
    "since records began in {year}.",
    "The measure passed with the support of {nsmall} parties; {p} abstained, citing "
    "concerns about {topic}.",
    "Temperatures of {temp} degrees were recorded in {place} on {day}, a {month} record.",
    "A {nsmall}-page audit by {o} found that {pct} of the {topic} budget went unspent.",
    "The number of {topic} cases in {place} — {nint}, by the latest count — is roughly "
    "double the national average.",
    "{p} said the decision was taken on {month} {dom} “after careful consideration” of "
    "{nsmall} alternatives.",
    "Local shops in {place} reported losses of up to {money} during the {topic} crisis.",
]
HEADLINES = [
    "{Topic} in {place}: what the figures show",
    "{o_cap} under pressure over {topic}",
    "{place} residents demand answers on {topic}",
    "{p} defends record on {topic} as critics cite {money}",
    "Inside the {topic} row that divided {place}",
    "{Topic}: {nint} affected, {o} says",
]


def _place(rng: random.Random) -> str:
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
    return name.capitalize()


def _fmt_int(rng: random.Random, lo: int, hi: int) -> str:
    return f"{rng.randint(lo, hi):,}"


def _money(rng: random.Random) -> str:
    unit = rng.choice(["million", "million", "billion", ""])
    cur = rng.choice(["€", "$", "£"])
    if unit:
        amount = f"{rng.randint(1, 999) / 10:.1f}".removesuffix(".0")
        sep = rng.choice([" ", " ", "\u00a0"])
        return f"{cur}{amount}{sep}{unit}"
    return f"{cur}{rng.randint(1000, 999999):,}"


def _fill(template: str, rng: random.Random, topic: str, places: list[str]) -> str:
    year = rng.randint(2009, 2024)
    values = {
        "p": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "t": rng.choice(TITLES),
        "o": rng.choice(ORGS),
        "o_cap": rng.choice(ORGS)[4:],
        "place": rng.choice(places),
        "place2": rng.choice(places),
        "topic": topic,
        "Topic": topic.capitalize(),
        "day": rng.choice(DAYS),
        "month": rng.choice(MONTHS),
        "dom": str(rng.randint(1, 28)),
        "year": str(year),
        "year2": str(min(2025, year + rng.randint(1, 6))),
        "nsmall": str(rng.randint(2, 19)),
        "nsmall2": str(rng.randint(2, 19)),
        "nint": _fmt_int(rng, 120, 98000),
        "nint2": _fmt_int(rng, 120, 98000),
        "pct": rng.choice(["{} percent", "{}%", "{}.{} percent"]).format(
            rng.randint(2, 89), rng.randint(1, 9)),
        "pct2": f"{rng.randint(2, 40)} percent",
        "money": _money(rng),
        "money2": _money(rng),
        "money3": _money(rng),
        "temp": rng.choice(["−", "", ""]) + str(rng.randint(3, 41)),
    }
    text = template.format(**values)
    return text[0].upper() + text[1:]


@dataclass
class Article:
    id: str
    file: str
    title: str
    publisher: str
    author: str | None
    published: str
    url: str
    topic: str
    text: str
    paragraphs: list[list[str]] = field(repr=False)  # words of each paragraph
    flat: str = field(repr=False, default="")  # whitespace-collapsed text


def make_article(index: int, rng: random.Random, variety: int | None = None) -> Article:
    """One article of about 5 KB; its paragraphs are also kept as word lists."""
    theme = rng.choice(sorted(TOPICS)[:variety])
    places = [_place(rng) for _ in range(3)]
    target = rng.randint(4300, 5700)
    paras: list[str] = []
    size = 0
    while size < target:
        topic = rng.choice(TOPICS[theme])
        para = " ".join(_fill(rng.choice(TEMPLATES), rng, topic, places)
                        for _ in range(rng.randint(2, 5)))
        paras.append(para)
        size += len(para.encode()) + 2
    title = _fill(rng.choice(HEADLINES), rng, rng.choice(TOPICS[theme]), places)
    author = None if rng.random() < 0.2 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    wrapped = rng.random() < 1 / 3
    body = [textwrap.fill(p, 72, break_on_hyphens=False) if wrapped else p for p in paras]
    head = [title] + ([f"By {author}"] if author else [])
    text = "\n\n".join(head + body) + "\n"
    ident = f"src-{index:04d}-{theme}"
    year, month, day = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    publisher = rng.choice(PUBLISHERS)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return Article(
        id=ident, file=f"content/sources/{ident}.txt", title=title, publisher=publisher,
        author=author, published=f"{year}-{month:02d}-{day:02d}",
        url=f"https://news.example.org/{year}/{month:02d}/{slug}", topic=theme, text=text,
        paragraphs=[p.split() for p in paras], flat=" ".join(text.split()))


# -- citations -------------------------------------------------------------------

@dataclass
class Cite:
    source: str
    quote: str
    stance: str
    prefix: str | None = None
    suffix: str | None = None
    note: str | None = None
    broken: str | None = None  # how an editor broke it, if they did


CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
NUMBER = re.compile(r"\d")


def _span(rng: random.Random, words: list[str], lo: int, hi: int) -> tuple[int, int]:
    length = min(len(words), rng.randint(lo, hi))
    start = rng.randint(0, len(words) - length)
    return start, start + length


def _is_edge_safe(words: list[str]) -> bool:
    return bool(words) and all(w not in ("...", "…", "[...]", "[…]") for w in words)


def make_citation(rng: random.Random, art: Article, stance: str) -> Cite:
    """A correct citation of a real passage of ``art``."""
    for _ in range(50):
        words = rng.choice(art.paragraphs)
        if len(words) < 12:
            continue
        shape = rng.random()
        if shape < 0.15 and len(words) >= 24:  # elided: two pieces of one paragraph
            a0, a1 = _span(rng, words[: len(words) // 2], 5, 10)
            b0, b1 = _span(rng, words[len(words) // 2 + 2:], 4, 10)
            b0 += len(words) // 2 + 2
            b1 += len(words) // 2 + 2
            first, second = " ".join(words[a0:a1]), " ".join(words[b0:b1])
            if art.flat.count(first) != 1:
                continue
            marker = rng.choice([" ... ", " ... ", " … ", " [...] "])
            return Cite(art.id, first + marker + second, stance)
        s0, s1 = _span(rng, words, 4, 30)
        quote = " ".join(words[s0:s1])
        if not _is_edge_safe(words[s0:s1]):
            continue
        count = art.flat.count(quote)
        cite = Cite(art.id, quote, stance)
        if count > 1 or (shape > 0.9 and s0 >= 3):  # pinned with the words before it
            if s0 < 3:
                continue
            cite.prefix = " ".join(words[max(0, s0 - rng.randint(3, 5)):s0])
            if art.flat.count(cite.prefix + " " + quote) != 1:
                continue
        elif 0.85 < shape <= 0.9 and s1 + 3 <= len(words):
            cite.suffix = " ".join(words[s1:s1 + rng.randint(3, 5)])
        if rng.random() < 0.1:
            cite.note = "The figure is repeated in the article’s closing paragraph."
        return cite
    raise RuntimeError(f"no quotable passage in {art.id}")


def break_citation(rng: random.Random, cite: Cite, art: Article,
                   articles: list[Article]) -> Cite:
    """Break a citation the way an editor does; return it unchanged if this one cannot."""
    words = cite.quote.split(" ")
    how = rng.choice(["number", "dropped-word", "curly-quotes", "wrong-source"])
    out = Cite(**{**cite.__dict__, "broken": how})
    if how == "number":
        spots = [i for i, w in enumerate(words) if NUMBER.search(w)]
        if not spots:
            return cite
        i = rng.choice(spots)
        digits = [j for j, c in enumerate(words[i]) if c.isdigit()]
        j = rng.choice(digits)
        new = str((int(words[i][j]) + rng.randint(1, 8)) % 10)
        words[i] = words[i][:j] + new + words[i][j + 1:]
        out.quote = " ".join(words)
    elif how == "dropped-word":
        inner = list(range(1, len(words) - 1))
        if len(words) < 8 or " ... " in cite.quote or any(m in words for m in ("…", "[...]")):
            return cite
        del words[rng.choice(inner)]
        out.quote = " ".join(words)
    elif how == "curly-quotes":
        straight = cite.quote.translate(CURLY)
        if straight == cite.quote:
            return cite
        out.quote = straight
    else:
        other = rng.choice(articles)
        if other.id == art.id:
            return cite
        out.source = other.id
        out.prefix = out.suffix = None
        return out
    if out.quote in art.flat:  # the change happened to make another real passage
        return cite
    return out


# -- writing YAML by hand, as an editor would lay it out ---------------------------

_PLAIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u2018-\u201d€$£][^:#\n\"]*$")
_SPECIAL = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def scalar(text: str) -> str:
    """A YAML scalar for ``text``: plain when that is safe, double-quoted otherwise."""
    if (_PLAIN.match(text) and text == text.strip() and text.lower() not in _SPECIAL
            and not text.startswith(("“", "‘", "’", "”", "'", '"'))
            and ": " not in text and " #" not in text and "\u00a0" not in text
            and not text.endswith(":")):
        return text
    return json.dumps(text, ensure_ascii=False)


@dataclass
class ClaimRec:
    id: str
    claim: str
    claimant: str
    claim_date: str
    verdict: str
    summary: str
    tags: list[str]
    published: str
    citations: list[Cite]
    updates: list[tuple[str, str]] = field(default_factory=list)
    appearance: list[str] = field(default_factory=list)  # where the claim was made
    claim_reviewed: str | None = None  # the short form, for a claim over 75 characters


def claims_yaml(articles: list[Article], claims: list[ClaimRec], broken: bool,
                include: str | None = None) -> str:
    """claims.yaml: the sources and the claims; with ``include``, the authors and the
    pattern of the story files instead of the claims."""
    out = ["# A synthetic newsroom generated by bench/generate.py; do not edit.", ""]
    if include:
        out.append("authors:")
        for author in AUTHORS:
            out += [f"  - id: {_slug(author)}", f"    name: {scalar(author)}",
                    "    role: Fact-checker"]
        out += ["include:", f"  - {include}", ""]
    out.append("sources:")
    for art in articles:
        out.append(f"  - id: {art.id}")
        out.append(f"    file: {art.file}")
        out.append(f"    title: {scalar(art.title)}")
        out.append(f"    publisher: {scalar(art.publisher)}")
        if art.author:
            out.append(f"    author: {scalar(art.author)}")
        out.append(f"    published: {art.published}")
        out.append(f"    url: {art.url}")
        if int(art.id[4:8]) % 2 == 0:
            digest = hashlib.sha256(art.text.encode()).hexdigest()
            out.append(f"    sha256: {digest}")
    if include:
        return "\n".join(out) + "\n"
    out += ["", "claims:"]
    out += claim_lines(claims, broken)
    return "\n".join(out) + "\n"


def claim_lines(claims: list[ClaimRec], broken: bool) -> list[str]:
    out: list[str] = []
    for claim in claims:
        out.append(f"  - id: {claim.id}")
        out.append(f"    claim: {scalar(claim.claim)}")
        if claim.claim_reviewed:
            out.append(f"    claim_reviewed: {scalar(claim.claim_reviewed)}")
        out.append(f"    claimant: {scalar(claim.claimant)}")
        out.append("    claimant_type: person")
        if claim.appearance:
            out.append(f"    appearance: [{', '.join(claim.appearance)}]")
        out.append(f"    claim_date: {claim.claim_date}")
        out.append(f"    verdict: {claim.verdict}")
        out.append("    summary: |")
        out += [("      " + line).rstrip() for line in claim.summary.splitlines()]
        out.append(f"    tags: [{', '.join(claim.tags)}]")
        out.append(f"    published: {claim.published}")
        if claim.updates:
            out.append("    updates:")
            for day, note in claim.updates:
                out.append(f"      - date: {day}")
                out.append(f"        note: {scalar(note)}")
        out.append("    citations:")
        for good in claim.citations:
            cite = good if broken else _unbroken(good)
            out.append(f"      - source: {cite.source}")
            out.append(f"        quote: {scalar(cite.quote)}")
            if cite.prefix:
                out.append(f"        prefix: {scalar(cite.prefix)}")
            if cite.suffix:
                out.append(f"        suffix: {scalar(cite.suffix)}")
            out.append(f"        stance: {cite.stance}")
            if cite.note:
                out.append(f"        note: {scalar(cite.note)}")
    return out


# -- stories: the claims in files of their own, as a newsroom publishes them ------

AUTHORS = [f"{first} {last}" for first, last in zip(FIRST[::4], LAST[::3], strict=False)][:12]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "")).strip("-")


@dataclass
class StoryRec:
    id: str
    title: str
    dek: str
    published: str
    authors: list[str]
    claims: list[ClaimRec]


def make_stories(rng: random.Random, claims: list[ClaimRec], count: int) -> list[StoryRec]:
    """Split the claims into ``count`` stories of consecutive claims, one to three
    authors each, dated by their newest claim."""
    out = []
    for i in range(count):
        members = claims[i * len(claims) // count:(i + 1) * len(claims) // count]
        topic = members[0].tags[1].replace("-", " ") if members else "the news"
        out.append(StoryRec(
            id=f"story-{i + 1:04d}-{_slug(topic)}",
            title=f"Week {i + 1}: what was said about {topic}, checked",
            dek=f"{len(members)} claims about {topic}, rated against the record.",
            published=max((c.published for c in members), default="2024-01-01"),
            authors=[_slug(a) for a in rng.sample(AUTHORS, rng.randint(1, 3))],
            claims=members))
    return out


def story_yaml(story: StoryRec, broken: bool) -> str:
    out = ["# A story of the synthetic newsroom (bench/generate.py); do not edit.",
           "story:", f"  id: {story.id}", f"  title: {scalar(story.title)}",
           f"  dek: {scalar(story.dek)}", f"  published: {story.published}",
           f"  authors: [{', '.join(story.authors)}]", "  intro: |",
           f"    This week we checked {len(story.claims)} claims. **Each** quote is",
           "    verified against the archived article.", "claims:"]
    return "\n".join(out + claim_lines(story.claims, broken)) + "\n"


def _unbroken(cite: Cite) -> Cite:
    return getattr(cite, "original", cite)


# -- the newsroom ---------------------------------------------------------------

def make_claims(rng: random.Random, articles: list[Article], count: int,
                broken_rate: float, variety: int | None = None) -> list[ClaimRec]:
    claims = []
    last = 2025
    first_year = last - variety + 1 if variety else 2016
    for i in range(count):
        verdict, needs = rng.choice(VERDICTS[:variety])
        first = articles[i % len(articles)]  # every source is cited once before any twice
        others = rng.sample(articles, 2)
        stances = [needs or rng.choice(["supports", "contradicts"])] + [
            rng.choice(["supports", "contradicts", "context"]) for _ in range(2)]
        # The third passage is where the claim was made, as a desk cites it: context,
        # listed under `appearance` (unless the claim cites that source for more).
        stances[2] = "context"
        appearance = [] if others[1] in (first, others[0]) else [others[1].id]
        cites = []
        for art, stance in zip([first, *others], stances, strict=False):
            good = make_citation(rng, art, stance)
            cite = good
            if rng.random() < broken_rate:
                cite = break_citation(rng, good, art, articles)
                if cite is not good:
                    cite.original = good  # type: ignore[attr-defined]
            cites.append(cite)
        places = sorted({w for w in first.paragraphs[0] if w.istitle()})[:1] or ["the city"]
        topic = rng.choice(TOPICS[first.topic])
        claimant = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        claim_text = _fill(rng.choice(TEMPLATES), rng, topic, places)
        # The summary quotes the source's words, as a desk's would: the good citation's,
        # not the broken one's, so that a fixed citation leaves no misquote behind.
        lead = getattr(cites[0], "original", cites[0]).quote
        lead = lead.split(" ... ")[0].split(" … ")[0].split(" [...] ")[0]
        summary = (
            f"{claimant} said this in a {rng.choice(['speech', 'post', 'interview'])} "
            f"about {topic}. The article in *{first.publisher}* reports that "
            f"“{lead}”, which "
            f"{'bears this out' if needs == 'supports' else 'does not settle it'}.\n\n"
            f"We also checked [{others[0].publisher}]({others[0].url}) and "
            f"{others[1].publisher}. **Bottom line:** the verdict is `{verdict}`; "
            f"{rng.randint(2, 9)} other outlets repeated the claim without checking it.")
        y, m, d = rng.randint(first_year, last), rng.randint(1, 12), rng.randint(1, 28)
        updates = ([(f"{y}-{m:02d}-{min(28, d + 1):02d}", "Added a second source.")]
                   if rng.random() < 0.1 else [])
        words = re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")
        claims.append(ClaimRec(
            id=f"claim-{i + 1:05d}-{words}", claim=claim_text, claimant=claimant,
            claim_date=f"{y}-{m:02d}-{d:02d}", verdict=verdict, summary=summary,
            tags=[first.topic, words], published=f"{y}-{m:02d}-{min(28, d + 1):02d}",
            citations=cites, updates=updates, appearance=appearance,
            claim_reviewed=_short(claim_text)))
    return claims


def _short(claim: str, most: int = 75) -> str | None:
    """A desk's `claim_reviewed` for a claim longer than search engines show: its
    words up to ``most`` characters, cut at a word and closed with a full stop."""
    if len(claim) <= most:
        return None
    cut = claim[:most - 1].rsplit(" ", 1)[0]
    if cut.count("“") > cut.count("”"):  # no quotation left open
        cut = cut[:cut.rindex("“")]
    words = cut.rstrip(",;:—– ").split(" ")
    while len(words) > 3 and words[-1].lower().strip(",;:—–") in _LOOSE:
        words.pop()  # not "... fell from $54,862 to."
    return " ".join(words).rstrip(",;:—– .") + "."


_LOOSE = set("a an and at between by for from had has in of on or over the that to was "
             "were with".split() + [""])


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


# Both sites: the same theme (the factcheck theme, as a newsroom publishes) and
# settings, and the same three pages in the nav; claim and source pages stay out of
# the nav on both sides. Search is Pagefind's, which the plugin runs (the timed
# builds leave it out on both sides: bench/run.py times it apart); MkDocs' own
# search plugin would write the full text of every page into one file.
COMMON_YML = """site_url: https://bench.example.org/
use_directory_urls: true
theme:
  name: {theme}
nav:
  - Home: index.md
  - Claims: claims/index.md
  - Sources: sources/index.md
validation:
  nav:
    omitted_files: info
    not_found: warn
"""
MKDOCS_YML = """site_name: Bench newsroom
docs_dir: content
plugins:
  - factcheck:
      claims: claims-clean.yaml
"""
PLAIN_YML = """site_name: Bench plain pages
docs_dir: docs
plugins: []
"""


def generate(folder: str, claims: int = 1000, sources: int = 1000, seed: int = 2024,
             broken_rate: float = 0.04, theme: str = "factcheck", stories: int = 0,
             variety: int | None = None) -> dict:
    """Write the newsroom (and its plain twin under ``plain/``); return what it holds.

    With ``stories``, the claims go into that many story files under ``stories/``
    (``stories-clean/`` for the site build), which claims.yaml includes. With
    ``variety``, the claims fall in that many topics, verdicts and years only, so that
    a small newsroom still fills several pages of each kind of list (the tests' archive).
    """
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    src_rng = random.Random(f"{seed}:sources:{sources}")
    articles = [make_article(i + 1, src_rng, variety) for i in range(sources)]
    claim_rng = random.Random(f"{seed}:claims:{claims}")
    records = make_claims(claim_rng, articles, claims, broken_rate, variety)
    os.makedirs(os.path.join(folder, "content", "sources"))
    for art in articles:
        _write(os.path.join(folder, art.file), art.text)
    story_recs = make_stories(random.Random(f"{seed}:stories:{stories}"), records,
                              stories) if stories else []
    if story_recs:
        for name, broken in (("stories", True), ("stories-clean", False)):
            os.makedirs(os.path.join(folder, name))
            for story in story_recs:
                _write(os.path.join(folder, name, f"{story.id}.yaml"), story_yaml(story, broken))
        _write(os.path.join(folder, "claims.yaml"),
               claims_yaml(articles, records, True, include="stories/*.yaml"))
        _write(os.path.join(folder, "claims-clean.yaml"),
               claims_yaml(articles, records, False, include="stories-clean/*.yaml"))
    else:  # one claims file, and a hand-written front page
        _write(os.path.join(folder, "claims.yaml"), claims_yaml(articles, records, True))
        _write(os.path.join(folder, "claims-clean.yaml"),
               claims_yaml(articles, records, False))
        _write(os.path.join(folder, "content", "index.md"),
               "# Bench newsroom\n\nA synthetic newsroom for the benchmark.\n")
    _write(os.path.join(folder, "mkdocs.yml"), MKDOCS_YML + COMMON_YML.format(theme=theme))
    plain = os.path.join(folder, "plain")
    pages = twin.plain_pages(plain, articles, records, story_recs)
    _write(os.path.join(plain, "mkdocs.yml"), PLAIN_YML + COMMON_YML.format(theme=theme))
    broken: dict[str, int] = {}
    for rec in records:
        for cite in rec.citations:
            if cite.broken:
                broken[cite.broken] = broken.get(cite.broken, 0) + 1
    return {
        "claims": claims, "sources": sources, "stories": stories,
        "citations": sum(len(r.citations) for r in records),
        "broken": broken, "plain_pages": pages,
        "claims_bytes": sum(os.path.getsize(os.path.join(folder, p))
                            for p in claims_files(folder)),
        "source_bytes": sum(len(a.text.encode()) for a in articles),
    }


def claims_files(folder: str) -> list[str]:
    """claims.yaml and the story files it includes, relative to ``folder``."""
    stories = os.path.join(folder, "stories")
    names = sorted(os.listdir(stories)) if os.path.isdir(stories) else []
    return ["claims.yaml"] + [f"stories/{n}" for n in names if n.endswith(".yaml")]


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--broken-rate", type=float, default=0.04)
    parser.add_argument("--stories", type=int, default=0,
                        help="put the claims in this many story files (default: one file)")
    args = parser.parse_args(argv)
    info = generate(args.folder, args.claims, args.sources, args.seed, args.broken_rate,
                    stories=args.stories)
    print(json.dumps(info, indent=2))


if __name__ == "__main__":
    main()
