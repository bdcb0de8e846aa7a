"""Who supports a claim: its supporting citations counted by origin.

An origin is whose word a passage carries. A citation may name it (``speaker:``,
"Russian Ministry of Defence"), compared after folding case and spacing, or by
the id, name or an alias of a speaker in the ``speakers:`` registry; three
outlets reporting one ministry's statement are one origin. A citation without a
speaker counts as its source's relay group (provenance.py): a wire story printed
twice is one origin. A citation of one of the claim's own ``appearance`` sources
is never support and never an origin: a text that makes a claim cannot confirm it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from generator.checker.model import Citation, Claim, Speaker, Stance
from generator.checker.normalize import fold


def speaker_key(name: str) -> str:
    """A speaker's name as compared: case and spacing folded, quotes and dashes too.

    >>> speaker_key("  Russian  Ministry of\\nDefence ")
    'russian ministry of defence'
    """
    return " ".join(fold(name).casefold().split())


class Speakers:
    """The ``speakers:`` registry, looked up by id, name or alias.

    >>> reg = Speakers([Speaker("russian-mod", "Russian Ministry of Defence",
    ...                         ["Russian Defense Ministry"])])
    >>> reg.origin("russian defense ministry") == reg.origin("russian-mod")
    True
    >>> reg.origin("Institute for the Study of War")
    ('speaker:institute for the study of war', 'Institute for the Study of War')
    """

    def __init__(self, registry: Iterable[Speaker] = ()):
        self._by_key: dict[str, Speaker] = {}
        for speaker in registry:
            for name in (speaker.id, speaker.name, *speaker.aliases):
                self._by_key.setdefault(speaker_key(name), speaker)

    def origin(self, name: str) -> tuple[str, str]:
        """The origin key of a speaker named so, and the name readers see."""
        key = speaker_key(name)
        known = self._by_key.get(key)
        if known is not None:
            return f"speaker:{known.id}", known.name
        return f"speaker:{key}", " ".join(name.split())

    def name(self, name: str) -> str:
        """The name readers see for a citation's ``speaker``: the registry's, if any."""
        return self.origin(name)[1]


@dataclass
class Origin:
    """One independent origin of support, and the sources that carry it."""

    key: str
    label: str  # the speaker's name, or the first source's id
    speaker: bool
    sources: list[str] = field(default_factory=list)

    def describe(self, relays: Mapping[str, Sequence[str]]) -> str:
        """How a message names it.

        >>> Origin("g:a", "a", False, ["a", "b"]).describe({"a": ["ap"], "b": ["ap"]})
        '`a` and `b`, which relay `ap`'
        >>> Origin("speaker:x", "X", True, ["a", "b"]).describe({})
        '“X”, as reported in `a` and `b`'
        """
        named = " and ".join(f"`{s}`" for s in self.sources)
        if self.speaker:
            return f"“{self.label}”, as reported in {named}"
        shared = sorted({r for s in self.sources for r in relays.get(s, ())})
        if shared:
            verb = "relay" if len(self.sources) > 1 else "relays"
            return f"{named}, which {verb} " + " and ".join(f"`{r}`" for r in shared)
        return named


@dataclass
class Support:
    """A claim's supporting citations, sorted out: independent origins, and the
    citations of its own appearances (never counted)."""

    origins: list[Origin]
    appeared: list[Citation]
    sources: list[str]  # supporting sources that are not appearances, in order

    @property
    def self_only(self) -> bool:
        """All the support there is comes from where the claim appeared."""
        return bool(self.appeared) and not self.origins


def support(claim: Claim, groups: Mapping[str, str], speakers: Speakers) -> Support:
    """The claim's ``supports`` citations, counted by origin.

    >>> from generator.checker.model import Citation as C
    >>> claim = Claim("c", "x", "v", "s", [
    ...     C("a", "q", Stance.SUPPORTS, speaker="The Ministry"),
    ...     C("b", "q", Stance.SUPPORTS, speaker="the  ministry"),
    ...     C("d", "q", Stance.SUPPORTS), C("e", "q", Stance.SUPPORTS)], appearance=["e"])
    >>> got = support(claim, {}, Speakers())
    >>> [(o.label, o.sources) for o in got.origins], [c.source for c in got.appeared]
    ([('The Ministry', ['a', 'b']), ('d', ['d'])], ['e'])
    """
    appearance = set(claim.appearance)
    by_key: dict[str, Origin] = {}
    appeared: list[Citation] = []
    sources: list[str] = []
    for cite in claim.citations:
        if cite.stance is not Stance.SUPPORTS:
            continue
        if cite.source in appearance:
            appeared.append(cite)
            continue
        if cite.source not in sources:
            sources.append(cite.source)
        if cite.speaker and cite.speaker.strip():
            key, label = speakers.origin(cite.speaker)
            origin = by_key.setdefault(key, Origin(key, label, True))
        else:
            group = groups.get(cite.source, cite.source)
            origin = by_key.setdefault(f"group:{group}", Origin(f"group:{group}",
                                                                cite.source, False))
        if cite.source not in origin.sources:
            origin.sources.append(cite.source)
    return Support(list(by_key.values()), appeared, sources)
