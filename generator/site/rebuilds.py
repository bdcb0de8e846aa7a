"""What ``mkdocs serve`` keeps from one rebuild to the next, so an edit costs little.

The plugin holds one :class:`Rebuilds` for a serve session. With ``--dirty``, it
knows each generated page's key (:mod:`generator.site.pagekeys`) as last built: a page
whose key is the same is backed by an old, empty file that MkDocs takes as
unmodified and skips; ``claims.json`` keeps the line of every claim whose page
key is the same. In any ``serve`` it keeps the Jinja2 environment (compiled
templates) while the templates are the same, and which warnings it has logged,
so a rebuild repeats none of them.

When the garbage collector runs during a rebuild is the plugin's business
(:class:`generator.gcpolicy.Deferred`), not this module's.

Nothing here is reused under a different key, so nothing can go stale:
``tests/site/test_preview_edits.py`` rebuilds a site after each kind of edit and
compares it with a clean build.
"""

from __future__ import annotations

import logging
import os
import tempfile

import jinja2

from generator.checker.model import CheckResult, Finding
from generator.site.feed import feed_inputs
from generator.site.pagekeys import files_digest, page_keys
from generator.site.render import PACKAGE_TEMPLATES, SiteOptions, SiteRenderer, environment
from generator.site.siteindex import claim_uri

log = logging.getLogger("mkdocs.plugins.factcheck")


def built_path(src_uri: str, use_directory_urls: bool) -> str:
    """Where MkDocs writes a generated page, relative to site_dir.

    >>> built_path("claims/a/index.md", True), built_path("cross-reference.md", True)
    ('claims/a/index.html', 'cross-reference/index.html')
    >>> built_path("cross-reference.md", False)
    'cross-reference.html'
    """
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if not use_directory_urls or stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def _has_files(folder: str | None) -> bool:
    return bool(folder) and any(names for _, _, names in os.walk(folder))


def _warning_key(finding: Finding) -> tuple:
    return finding.path, finding.code, finding.claim, finding.citation, finding.message


class Rebuilds:
    """One serve session's memory of its last build (see the module)."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}  # page keys of the build under way
        self.built: dict[str, str] = {}  # page keys of the last finished build
        self._stamp: str | None = None
        self._env: tuple[tuple, jinja2.Environment] | None = None
        self._json: dict[str, tuple[str, str]] = {}  # claim id -> (key, claims.json line)
        self._data: dict[str, str] = {}  # claims.json and its parts, as last written
        self._data_now: dict[str, str] = {}  # ... as this build writes them
        self._warned: set[tuple] | None = None
        self._compiled = _Compiled()
        self._cards: dict = {}  # card digests by claim object (see pagekeys.card_digests)
        self._parts: dict = {}  # claims.json's other parts, with their lines
        self._feed: tuple[str, str] | None = None  # feed_inputs and the feed
        self._paths: tuple[tuple, dict[str, str]] = ((), {})  # pages' output files
        self._texts: dict = {}  # source texts' digests (see pagekeys.page_keys)
        self._last_keys: dict = {}  # what page_keys worked out last (its ``last``)
        self.specs: dict = {}  # claim page specs by claim object (see pagekinds)

    def environment(self, options: SiteOptions) -> jinja2.Environment:
        """The last build's environment while templates, site name, publisher and
        language are the same (compiling the templates costs more than a claim page)."""
        key = (options.templates_dir, options.site_name, options.publisher_name,
               options.locale, repr(sorted(options.strings.items())),
               files_digest(options.templates_dir, PACKAGE_TEMPLATES))
        if self._env is None or self._env[0] != key:
            self._env = (key, environment(options, options.publisher_name
                                          or options.site_name))
        return self._env[1]

    def unchanged(self, result: CheckResult, renderer: SiteRenderer, site_wide: str,
                  built_dir: str, use_directory_urls: bool, known=None) -> set[str]:
        """The generated pages (src_uri, without prefix) whose key is the one last
        built and whose output is still in ``built_dir``; ``known``: see
        :func:`generator.site.pagekeys.claim_digests`."""
        options = renderer.site.options
        self.keys = page_keys(result, renderer.pages(), site_wide + files_digest(
            options.templates_dir, PACKAGE_TEMPLATES),
            overridden=_has_files(options.templates_dir), known=known, cards=self._cards,
            texts=self._texts, last=self._last_keys, statuses=renderer.site.status)
        if self._paths[0] != (built_dir, use_directory_urls):
            self._paths = ((built_dir, use_directory_urls), {})
        paths = self._paths[1]  # each page's output file, worked out once a session
        same = set()
        for uri, key in self.keys.items():
            if self.built.get(uri) != key:
                continue
            path = paths.get(uri)
            if path is None:
                path = paths[uri] = os.path.join(built_dir, built_path(uri,
                                                                       use_directory_urls))
            if os.path.exists(path):
                same.add(uri)
        for uri in self.keys.keys() - same:  # until written: a failed build leaves
            self.built.pop(uri, None)  # them half done, and an edit back, stale
        log.info(f"factcheck: rebuilding {len(self.keys) - len(same)} of "
                 f"{len(self.keys)} generated pages")
        return same

    def stamp(self) -> str:
        """The old, empty file that backs an unchanged page."""
        if self._stamp is None:
            handle, self._stamp = tempfile.mkstemp(prefix="factcheck-unchanged-")
            os.close(handle)
            os.utime(self._stamp, (0, 0))
        return self._stamp

    def claims_files(self, renderer: SiteRenderer, built_dir: str) -> list[tuple[str, str]]:
        """``claims.json`` and its parts, keeping the line of each claim whose page key
        is the same; in a dirty rebuild, only the files whose text changed (the
        others are in ``built_dir`` as the last build wrote them)."""
        if not self.keys:
            return renderer.claims_files()
        keys = {c.id: self.keys.get(claim_uri(c.id)) for c in renderer.site.project.claims}
        out = []
        self._data_now = {}
        for name, text in renderer.claims_files(self._json, keys, self._parts):
            self._data_now[name] = text
            if self._data.get(name) != text or not os.path.exists(
                    os.path.join(built_dir, name)):
                self._data.pop(name, None)
                out.append((name, text))
        return out

    def feed(self, renderer: SiteRenderer) -> str:
        """The feed, made again only when what it shows changed (most edits do not
        touch a story, an update log or a publication date)."""
        key = feed_inputs(renderer.site)
        if self._feed is None or self._feed[0] != key:
            self._feed = (key, renderer.feed())
        return self._feed[1]

    def theme_environment(self, env: jinja2.Environment) -> jinja2.Environment:
        """The theme's environment (MkDocs makes a new one for every build) with the
        templates compiled by earlier builds of the session, while their text is the
        same: compiling them again cost more than the pages an edit changes."""
        env.bytecode_cache = self._compiled
        return env

    def finished(self) -> None:
        """The build is written: its keys are what the next one compares with."""
        self.built, self.keys = self.keys, {}
        self._data, self._data_now = self._data_now, {}

    def new_warnings(self, result: CheckResult) -> list[Finding]:
        """The warnings not logged by the last check of this session (all, the first time).

        A check that failed (a broken edit) leaves the lints out, so its warnings are
        fewer: they are added to those logged, not put in their place, or the fix
        would log every lint's warning again."""
        seen = self._warned
        now = {_warning_key(f) for f in result.warnings}
        self._warned = now | (seen or set()) if result.errors else now
        return [f for f in result.warnings if seen is None or _warning_key(f) not in seen]

    def close(self) -> None:
        if self._stamp:
            os.unlink(self._stamp)
            self._stamp = None


class _Compiled(jinja2.BytecodeCache):
    """Compiled templates in memory, by name and file; Jinja2 checks each against a
    checksum of the template's text, so an edited template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
