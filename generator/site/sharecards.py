"""The share cards of one build: which to publish, drawn once and kept across builds.

Cards are published under a name made from what is drawn on them
(:func:`generator.site.share_image.card_key`), so an unchanged claim keeps its file.
They are kept in the user's cache folder, as the check's results are (the same
folder, ``$FACTCHECK_CACHE_DIR`` or ``~/.cache/factcheck``: see
generator/checker/cache_disk.py), one sub-folder per site, so a fresh checkout whose
CI restores that folder draws only the cards of new or changed claims. With the
cache turned off (``FACTCHECK_NO_CACHE=1``) they go in a temporary folder, and the
previous build's cards in site/ are kept instead.

Drawing the cards of a large archive takes minutes, so the missing ones are drawn by
background processes (``python -m generator.site.share_image``), started when the
check has passed (``on_config``) and working while MkDocs renders the pages; at the
end of the build (:meth:`ShareCards.publish`) this process draws what is left,
from the other end of the list, then hard-links every card into site/. No MkDocs
import here: the plugin calls these methods from its hooks.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

from generator.checker import cache_disk, parallel
from generator.checker.model import Project
from generator.site import share_image, share_text
from generator.site.i18n import Localizer, content_lang, localized_scale
from generator.site.pagemeta import CARD_DIR, card_uri, claim_card
from generator.site.siteindex import verdict_colors

BACKGROUND_FROM = 32  # missing cards: fewer are drawn at the end of the build, here


def store_folder(config_file: str, prefix: str) -> str | None:
    """The cache folder of one site's cards (None: caching is turned off)."""
    where = cache_disk.folder()
    if where is None:
        return None
    site = hashlib.sha256(f"{os.path.abspath(config_file)}\0{prefix}".encode(
        "utf-8", "surrogatepass")).hexdigest()[:24]
    return os.path.join(where, f"cards-{site}")


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
        self.font: tuple[str, ...] | None = None  # the font stack the cards are drawn in
        self.prefix = ""  # the instance's folder in the site ("kursk/"), or ""
        self.store: str | None = None  # where the cards are kept and drawn to
        self._temporary = False
        self._missing: list[tuple[str, share_image.Card]] = []
        self._drawers: list[subprocess.Popen] = []

    def prepare(self, project: Project, site_name: str, site_description: str | None,
                site_dir: str, font: str | None = None, prefix: str = "",
                i18n: Localizer | None = None, config_file: str = "mkdocs.yml",
                jobs: int | None = None) -> list[str]:
        """Decide every card, find those already drawn, start drawing the others;
        return what the build should tell the newsroom (letters no font has, a
        Pillow that cannot shape joined scripts)."""
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
        self.store = store_folder(config_file, prefix)
        try:
            os.makedirs(self.store, mode=0o700, exist_ok=True)
        except (OSError, TypeError):  # no cache: a folder of this build's own
            self.store = tempfile.mkdtemp(prefix="factcheck-cards-")
            self._temporary = True
        previous = os.path.join(site_dir, prefix + CARD_DIR)
        unique = dict(self.cards.values())
        self._missing = [(key, card) for key, card in unique.items()
                         if not self._kept(key) and not self._from(previous, key)]
        count = parallel.processes(len(self._missing), BACKGROUND_FROM, jobs)
        if count > 1:
            self._start(max(1, count - 1))
        return notes

    def _kept(self, key: str) -> bool:
        """Whether the store holds this card (see :func:`share_image.kept`)."""
        return share_image.kept(os.path.join(self.store, f"{key}.png"))

    def _from(self, previous: str, key: str) -> bool:
        """Take the previous build's card from site/ (before MkDocs empties it)."""
        try:
            target = os.path.join(self.store, f"{key}.png")
            if os.path.lexists(target):
                os.unlink(target)  # one that is not kept: the previous build's instead
            os.link(os.path.join(previous, f"{key}.png"), target)
        except OSError:
            return False  # gone, or another file system: the card is drawn again
        return self._kept(key)

    def _start(self, processes: int) -> None:
        """Background processes drawing the missing cards, each its share, in order.
        Each reads its share from an unnamed temporary file, a line at a time, so
        neither it nor this process holds every card's text, and this process never
        waits on a pipe."""
        for k in range(processes):
            try:
                with tempfile.TemporaryFile(dir=self.store) as todo:
                    for key, card in self._missing[k::processes]:
                        todo.write(json.dumps([key, *share_image.fields(card)]).encode(
                            "utf-8", "surrogatepass") + b"\n")
                    todo.seek(0)
                    proc = subprocess.Popen(
                        [sys.executable, "-m", "generator.site.share_image", self.store,
                         json.dumps(list(self.font or ()))], stdin=todo,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        env=_child_env())
            except OSError:  # cannot start one: this process draws them at the end
                continue
            self._drawers.append(proc)

    def count(self) -> int:
        """How many card files the site has (claims with the same card share one)."""
        return len({key for key, _ in self.cards.values()})

    def uri(self, key: str | None) -> str | None:
        """Where the card of a claim (or, for ``None``, of the site) is published."""
        card = self.cards.get(key)
        return self.prefix + card_uri(card[0]) if card else None

    def publish(self, site_dir: str) -> int:
        """Finish drawing, then put every card into site/; how many were drawn."""
        if not self.cards:
            return 0
        for key, card in reversed(self._missing):  # the background ones start at the front
            if self._drawers and self._kept(key):
                break  # ... and have come this far
            share_image.write(self.store, key, card, self.font)
        for proc in self._drawers:
            proc.wait()
        for key, card in self._missing:  # a background process that failed, if any
            if not self._kept(key):
                share_image.write(self.store, key, card, self.font)
        folder = os.path.join(site_dir, self.prefix + CARD_DIR)
        os.makedirs(folder, exist_ok=True)
        keys = {key for key, _ in self.cards.values()}
        for key in keys:
            source, target = (os.path.join(where, f"{key}.png") for where in (self.store, folder))
            try:
                os.link(source, target)
            except FileExistsError:
                pass
            except OSError:
                shutil.copyfile(source, target)
        self._prune(keys)
        drawn = len(self._missing)
        self._missing = []
        return drawn

    def _prune(self, keys: set[str]) -> None:
        """Forget the cards of claims this site no longer has (edited, removed)."""
        for name in os.listdir(self.store):
            if name.endswith(".png") and name[:-4] not in keys:
                try:
                    os.unlink(os.path.join(self.store, name))
                except OSError:
                    pass

    def cleanup(self) -> None:
        """Stop drawing (a build that failed), and remove a temporary store."""
        for proc in self._drawers:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self._drawers = []
        if self._temporary and self.store:
            shutil.rmtree(self.store, ignore_errors=True)
        self._temporary = False


def _child_env() -> dict[str, str]:
    """The environment of a drawing process: this one's, with this package first on
    the path (a checkout run with PYTHONPATH, or an installed package)."""
    env = dict(os.environ)
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    return env
