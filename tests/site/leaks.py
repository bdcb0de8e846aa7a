"""Looking for a source's uncited text in a built site, wherever it could hide.

A *probe* is a piece of a source not published in full that lies wholly outside
what the site may show of it (the excerpt windows of an ``excerpts`` source, the
quoted pieces themselves of a ``none`` source): each such sentence of four words or
more, and each run of eight words. Every file under site/ is read the ways a
reader, a crawler or a script could read it: gzip'd files (Pagefind's fragments,
sitemap.xml.gz) decompressed, HTML entities decoded, tags dropped, JSON strings
unescaped; whitespace counts as one space. A probe found anywhere is a leak.

Probes that also occur in what the newsroom writes for readers (a source's title,
a claim that repeats a headline, a summary) are not the source's text republished
but the newsroom's words, published by choice; they are set aside, and listed, so a
test can say so. Comments and ``boilerplate`` declarations in claims.yaml are not
among them: they are not published as the newsroom's words.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from generator.checker.excerpts import FULL, NONE, publish_of, windows
from generator.checker.model import CheckResult
from generator.checker.sentences import sentence_spans

RUN = 8  # words
MIN_SENTENCE = 4  # words
_TAG = re.compile(r"<[^>]*>")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_SPACE = re.compile(r"\s+")


def flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Probe:
    source: str
    text: str


def _allowed(result: CheckResult, source_id: str, shown: str) -> list[tuple[int, int]]:
    spans = [r.pieces if shown == NONE else ((r.start, r.end),)
             for r in result.resolutions.values() if r.source == source_id]
    spans = [s for group in spans for s in group]
    if shown == NONE:
        return sorted(spans)
    return windows(result.texts[source_id], spans, result.project.context_words)


def editors_words(project) -> str:
    """Everything the newsroom publishes in its own name, flattened."""
    parts = [s.title for s in project.sources] + [s.publisher or "" for s in project.sources]
    for claim in project.claims:
        parts += [claim.claim, claim.summary, claim.claimant or ""]
        parts += [u.note for u in claim.updates]
        parts += [c.note or "" for c in claim.citations]
        parts += [c.translation or "" for c in claim.citations]
    for story in project.stories:
        parts += [story.title, story.dek or "", story.intro or ""]
    return flat("\n".join(parts))


def probes(result: CheckResult) -> tuple[list[Probe], list[Probe]]:
    """(probes to look for, probes set aside as the newsroom's own words)."""
    editors = editors_words(result.project)
    wanted: dict[str, Probe] = {}
    for source in result.project.sources:
        shown = publish_of(result.project, source)
        text = result.texts.get(source.id)
        if shown == FULL or text is None:
            continue
        allowed = _allowed(result, source.id, shown)

        def outside(a: int, b: int, allowed=allowed) -> bool:
            return not any(x < b and a < y for x, y in allowed)

        for a, b in sentence_spans(text):
            if outside(a, b) and len(text[a:b].split()) >= MIN_SENTENCE:
                wanted.setdefault(flat(text[a:b]), Probe(source.id, flat(text[a:b])))
        words = list(re.finditer(r"\S+", text))
        for i in range(len(words) - RUN + 1):
            a, b = words[i].start(), words[i + RUN - 1].end()
            if outside(a, b):
                wanted.setdefault(flat(text[a:b]), Probe(source.id, flat(text[a:b])))
    kept = [p for p in wanted.values() if p.text not in editors]
    aside = [p for p in wanted.values() if p.text in editors]
    return kept, aside


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def readings(data: bytes) -> list[str]:
    """The ways a file's bytes can be read as text, each whitespace-flattened."""
    while data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    raw = data.decode("utf-8", errors="replace").removeprefix("pagefind_dcd")
    out = [raw, html.unescape(raw), _TAG.sub(" ", html.unescape(raw))]
    out.append(_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), out[-1]).replace('\\"', '"'))
    try:
        out.append("\n".join(_strings(json.loads(raw))))
    except ValueError:
        pass
    return [flat(t) for t in out]


def find(found: list[Probe], files: list[Path], root: Path) -> list[str]:
    """``path: source: probe`` for every probe in any of the files."""
    leaks = []
    for path in files:
        texts = readings(path.read_bytes())
        for probe in found:
            if any(probe.text in t for t in texts):
                leaks.append(f"{path.relative_to(root)}: {probe.source}: {probe.text}")
    return leaks


def every_file(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*") if p.is_file())
