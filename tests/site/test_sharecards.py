"""Share cards: drawn once, by background processes, kept in the user's cache.

A build draws the cards of new or changed claims only; the others come from the
cache folder (which CI restores), even into an empty site/. A file in that folder
that is not the user's own, or that others may write, is never published.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile

import pytest
from PIL import Image

from generator.checker.load import load_project
from generator.site import share_image
from generator.site.sharecards import ShareCards

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


@pytest.fixture(scope="module")
def project():
    sys.path.insert(0, os.path.join(REPO, "bench"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    with tempfile.TemporaryDirectory() as tmp:
        generate.generate(tmp, claims=40, sources=10, seed=3, broken_rate=0)
        loaded, _ = load_project(os.path.join(tmp, "claims-clean.yaml"))
        yield loaded


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    return folder


def _build(project, site, jobs, config="mkdocs.yml") -> tuple[ShareCards, int]:
    cards = ShareCards()
    cards.prepare(project, "Bench checks", "Claims, checked.", str(site), config_file=config,
                  jobs=jobs)
    drawn = cards.publish(str(site))
    cards.cleanup()
    return cards, drawn


def _published(cards: ShareCards, site) -> dict[str, bytes]:
    out = {}
    for key in [None] + [c for c in cards.cards if c]:
        path = site / cards.uri(key)
        out[cards.uri(key)] = path.read_bytes()
    return out


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_card_is_drawn_once_and_kept_for_the_next_build(project, cache, tmp_path, jobs):
    site = tmp_path / "site"
    cards, drawn = _build(project, site, jobs)
    assert drawn == len({key for key, _ in cards.cards.values()}) == len(project.claims) + 1
    first = _published(cards, site)
    for uri, png in first.items():  # what the background processes drew is the card
        key = uri.rsplit("/", 1)[1][:-4]
        card = next(card for k, card in cards.cards.values() if k == key)
        assert png == share_image.render(card), uri
        with Image.open(io.BytesIO(png)) as img:
            assert img.size == (1200, 630)
    # a fresh checkout: an empty site/, the cache restored
    again = tmp_path / "fresh-site"
    cards, drawn = _build(project, again, jobs)
    assert drawn == 0
    assert _published(cards, again) == first


def test_an_edited_claim_draws_its_card_alone_and_the_old_one_is_forgotten(project, cache,
                                                                          tmp_path):
    _build(project, tmp_path / "site", 1)
    store = next(cache.iterdir())
    before = set(os.listdir(store))
    # the text the card shows: the claim's short form if it has one, else the claim
    claim = project.claims[0]
    shown = "claim_reviewed" if claim.claim_reviewed else "claim"
    setattr(claim, shown, getattr(claim, shown) + " Edited.")
    try:
        cards, drawn = _build(project, tmp_path / "site2", 1)
    finally:
        setattr(claim, shown, getattr(claim, shown).removesuffix(" Edited."))
    assert drawn == 1
    after = set(os.listdir(store))
    assert len(after - before) == 1 and len(before - after) == 1


def test_a_card_others_may_write_in_the_cache_is_drawn_again(project, cache, tmp_path):
    cards, _ = _build(project, tmp_path / "site", 1)
    store = next(cache.iterdir())
    key = cards.cards[project.claims[0].id][0]
    planted = store / f"{key}.png"
    planted.unlink()
    planted.write_bytes(b"not the card")
    planted.chmod(0o666)
    cards, drawn = _build(project, tmp_path / "site2", 1)
    assert drawn == 1
    assert (tmp_path / "site2" / cards.uri(project.claims[0].id)).read_bytes() \
        == share_image.render(cards.cards[project.claims[0].id][1])


def test_without_a_cache_the_cards_are_still_published(project, tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    site = tmp_path / "site"
    cards, drawn = _build(project, site, 2)
    assert drawn == len(project.claims) + 1
    assert len(_published(cards, site)) == drawn
    assert not os.path.exists(cards.store)  # the temporary folder is gone
    cards, drawn = _build(project, site, 2)  # a rebuild keeps site/'s cards
    assert drawn == 0
