"""The share cards of one build: which to publish, and which the last build left.

Cards are published under a name made from what is drawn on them
(:func:`generator.site.share_image.card_key`), so an unchanged claim keeps its file. MkDocs
empties site/ before it writes; :meth:`ShareCards.prepare` runs before that (from the
plugin's ``on_config``) and hard-links the previous build's cards that are still
wanted into a temporary folder, from which :meth:`ShareCards.files` publishes them.
Only new or changed cards are drawn. No MkDocs import: the plugin turns the list
into MkDocs files. A plugin instance with a ``prefix`` (one of several publications
in one site) publishes its cards under that folder, so two never share a file.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from generator.checker.model import Project
from generator.site import share_image, share_text
from generator.site.i18n import Localizer, content_lang, localized_scale
from generator.site.pagemeta import CARD_DIR, card_uri, claim_card
from generator.site.siteindex import verdict_colors


def card_notes(cards: dict, fonts: tuple[str, ...]) -> list[str]:
    """What the newsroom should know about the cards: the letters no font of the
    stack has (left out of the card), and a Pillow without complex text layout."""
    notes = []
    type_ = share_text.Typesetter(fonts)
    lacking: dict[str, list[str]] = {}
    for key, card in cards.items():
        text = " ".join((card.title, card.verdict or "", card.byline, card.site_name,
                         card.label))
        for char in type_.missing(text):
            lacking.setdefault(char, []).append(key or "the site's card")
    if lacking:
        chars = "".join(list(lacking)[:20])
        where = sorted({k for keys in lacking.values() for k in keys})
        notes.append(f"share cards: no font has {chars!r}, left out of the cards of "
                     f"{', '.join(where[:5])}{' and more' if len(where) > 5 else ''}; set "
                     "`share_font` under the plugin to a TrueType font that has them")
    if not share_text.complex_layout() and any(
            share_text.needs_shaping(" ".join((c.title, c.verdict or "", c.byline)))
            for c in cards.values()):
        notes.append(f"share cards: {share_text.INSTALL_RAQM}")
    return notes


class ShareCards:
    """The site's card (key ``None``) and one card per claim (key: the claim id)."""

    def __init__(self) -> None:
        self.cards: dict[str | None, tuple[str, share_image.Card]] = {}
        self.font: str | None = None
        self._kept: str | None = None
        self.prefix = ""  # the instance's folder in the site ("kursk/"), or ""

    def prepare(self, project: Project, site_name: str, site_description: str | None,
                site_dir: str, font: str | None = None, prefix: str = "",
                i18n: Localizer | None = None) -> list[str]:
        """Decide every card; return what the build should tell the newsroom (letters
        no font has, a Pillow that cannot shape joined scripts)."""
        self.cleanup()
        i18n = i18n or Localizer()
        self.font = share_image.font_stack(font, i18n.direction)
        self.prefix = prefix
        project = localized_scale(project, i18n)
        colors = verdict_colors(project.verdicts)
        verdicts = {v.id: v for v in project.verdicts}
        cards = {None: share_image.Card(site_description or site_name, site_name=site_name,
                                        direction=i18n.direction, language=project.language)}
        for claim in project.claims:
            story = project.story(claim.story) if claim.story else None
            cards[claim.id] = claim_card(claim, verdicts.get(claim.verdict),
                                         colors.get(claim.verdict, "#4f4f4f"), site_name,
                                         i18n, content_lang(story and story.language,
                                                            project.language))
        self.cards = {k: (share_image.card_key(card, self.font), card)
                      for k, card in cards.items()}
        notes = card_notes(cards, self.font)
        previous = os.path.join(site_dir, prefix + CARD_DIR)
        if not os.path.isdir(previous):
            return notes
        self._kept = tempfile.mkdtemp(prefix="factcheck-cards-")
        for key, _ in self.cards.values():
            old = os.path.join(previous, f"{key}.png")
            try:
                os.link(old, os.path.join(self._kept, f"{key}.png"))
            except OSError:
                pass  # gone, or another file system: the card is drawn again
        return notes

    def uri(self, key: str | None) -> str | None:
        """Where the card of a claim (or, for ``None``, of the site) is published."""
        card = self.cards.get(key)
        return self.prefix + card_uri(card[0]) if card else None

    def files(self) -> list[tuple[str, str | None, bytes | None]]:
        """(site path, kept file or None, drawn PNG or None) for every card."""
        out: list[tuple[str, str | None, bytes | None]] = []
        missing = []
        for key, card in self.cards.values():
            kept = os.path.join(self._kept, f"{key}.png") if self._kept else None
            if kept and os.path.isfile(kept):
                out.append((self.prefix + card_uri(key), kept, None))
            else:
                missing.append((key, card))
        drawn = share_image.render_many([card for _, card in missing], self.font)
        out += [(self.prefix + card_uri(key), None, png)
                for (key, _), png in zip(missing, drawn, strict=False)]
        return out

    def cleanup(self) -> None:
        if self._kept:
            shutil.rmtree(self._kept, ignore_errors=True)
        self._kept = None
