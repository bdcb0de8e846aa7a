"""The reader's language: gettext catalogs, Babel dates, numbers and plurals.

``theme: locale: xx`` in mkdocs.yml (MkDocs' own setting) picks the language of every
word the site puts around the newsroom's content: the theme, the page templates,
page titles and descriptions, the feed, the share cards. The catalogs follow the
convention of MkDocs' own themes: one gettext domain, ``messages``, under
``generator/site/theme/locales/<locale>/LC_MESSAGES/``, written as ``.po`` and
compiled to ``.mo`` with Babel (``make catalogs``). MkDocs finds them there itself for
the theme's templates; :meth:`Localizer.install` puts the same catalog, with the
newsroom's own wording (``theme: strings:``), on every Jinja2 environment.

Strings are marked once where they are written: ``{% trans %}`` and ``_()`` in the
templates, ``gettext``/``ngettext`` through a :class:`Localizer` in the Python that
makes reader text, and :func:`N_` for a table of strings translated where used.
The content (claims, quotes, summaries, names) is never translated: it carries its
own language (:func:`content_lang`). Messages to editors (the CLI, build warnings)
stay English.
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

LOCALES = os.path.join(os.path.dirname(__file__), "theme", "locales")
DOMAIN = "messages"
SHIPPED = ("en", "es", "fr", "de", "pt", "ar", "uk")
"""The locales whose catalogs ship complete (tests/site/test_i18n.py holds them to it)."""


def N_(message: str) -> str:
    """Mark a string for the catalogs where it is written; it is translated where used.

    >>> N_("Supports")
    'Supports'
    """
    return message


def parse_locale(value) -> Locale:
    """A Babel locale from MkDocs' ``theme.locale`` (a Locale, or ``pt_BR``/``pt-BR``).

    >>> str(parse_locale("pt-BR")), str(parse_locale(None))
    ('pt_BR', 'en')
    """
    if isinstance(value, Locale):
        return value
    text = str(value or "en").strip().replace("-", "_") or "en"
    try:
        return Locale.parse(text)
    except (ValueError, UnknownLocaleError) as exc:
        raise ValueError(f"unknown locale {value!r}: {exc}") from exc


@lru_cache(maxsize=16)
def load_catalog(locale: str) -> NullTranslations:
    """The compiled catalog of a locale (``pt_BR`` falls back to ``pt``), or none."""
    return Translations.load(LOCALES, [locale], DOMAIN)


def has_catalog(locale: Locale) -> bool:
    return type(load_catalog(str(locale))) is not NullTranslations


@lru_cache(maxsize=64)  # a thousand counts per table: once, not on every preview rebuild
def _plural_table(locale: str, override, singular: str, plural: str
                  ) -> tuple[tuple[str, str], ...]:
    """:meth:`Localizer.plural_table`, for the newsroom's wording ``override`` (a
    string, a tuple of plural forms, or None)."""
    localizer = Localizer(locale, {singular: list(override) if isinstance(override, tuple)
                                   else override} if override is not None else None)
    table: dict[str, str] = {}
    for n in range(0, 1000):
        table.setdefault(localizer.locale.plural_form(n), localizer.ngettext(singular, plural, n))
    return tuple(table.items())


class Localizer:
    """Translations, dates and numbers in one locale, with the newsroom's overrides.

    ``overrides`` maps an English message to the newsroom's wording, in the site's
    language: a string, or for a message with a count, a list of its plural forms in
    the catalog's order (``["%(count)s verificación", "%(count)s verificaciones"]``).

    >>> es = Localizer("es", {"Fact check": "Verificación"})
    >>> es.gettext("Fact check"), es.gettext("Verdict"), es.date(date(2024, 8, 7))
    ('Verificación', 'Veredicto', '7 de agosto de 2024')
    >>> Localizer("ar").direction, Localizer("ar").tag, Localizer("pt_BR").tag
    ('rtl', 'ar', 'pt-BR')
    """

    def __init__(self, locale="en", overrides: dict | None = None):
        self.locale = parse_locale(locale)
        self.catalog = load_catalog(str(self.locale))
        self.overrides = dict(overrides or {})
        self._numbers: dict[tuple, str] = {}

    @property
    def tag(self) -> str:
        """The BCP 47 tag of the interface language, for ``<html lang>``."""
        return str(self.locale).replace("_", "-")

    @property
    def direction(self) -> str:
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def gettext(self, message: str) -> str:
        wording = self.overrides.get(message)
        if isinstance(wording, str):
            return wording
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        wording = self.overrides.get(singular)
        if isinstance(wording, str):
            return wording
        if isinstance(wording, list) and wording:
            index = self.plural_index(count)
            return str(wording[min(index, len(wording) - 1)])
        return self.catalog.ngettext(singular, plural, count)

    def plural_index(self, count: int) -> int:
        """Which of the catalog's plural forms a count takes (English's for none)."""
        rule = getattr(self.catalog, "plural", None)
        return int(rule(count)) if rule else int(count != 1)

    def date(self, value: date | None) -> str:
        """A date as a reader of the locale writes it; machine dates stay ISO elsewhere."""
        return format_date(value, "long", locale=self.locale) if value else ""

    def number(self, value: int | float) -> str:
        """A number as the locale writes it; each value formatted once (the pages of
        every list are numbered "page 3 of 160", and Babel takes its time)."""
        got = self._numbers.get((type(value), value))
        if got is None:
            got = self._numbers[(type(value), value)] = format_decimal(value,
                                                                        locale=self.locale)
        return got

    def join_list(self, items) -> Markup:
        """Items joined as the locale joins a list ("A, B and C", "A, B y C"); each
        item escaped unless it is markup already.

        >>> str(Localizer("es").join_list(["Ana", "<b>Luis</b>", Markup("<i>Eva</i>")]))
        'Ana, &lt;b&gt;Luis&lt;/b&gt; y <i>Eva</i>'
        """
        return Markup(format_list([str(escape(i)) for i in items], locale=self.locale))

    def language_name(self, tag: str) -> str:
        """A language's name in the reader's language, from its BCP 47 tag.

        >>> Localizer("es").language_name("ru"), Localizer("es").language_name("x-none")
        ('ruso', 'x-none')
        """
        try:
            return Locale.parse(tag.replace("-", "_")).get_display_name(self.locale) or tag
        except (ValueError, UnknownLocaleError):
            return tag

    def quote(self, text: str) -> str:
        """Text in the locale's quotation marks (the catalog's ``“%(text)s”``)."""
        return self.gettext("\u201c%(text)s\u201d") % {"text": text}

    def plural_table(self, singular: str, plural: str) -> dict[str, str]:
        """A counted message for a script: the wording for each CLDR plural category
        of the locale (what ``Intl.PluralRules`` names), ``%(count)s`` left to fill.

        >>> Localizer("en").plural_table("%(count)s claim", "%(count)s claims")
        {'other': '%(count)s claims', 'one': '%(count)s claim'}
        """
        override = self.overrides.get(singular)
        return dict(_plural_table(str(self.locale), tuple(override) if isinstance(
            override, list) else override, singular, plural))

    def script_strings(self) -> dict:
        """What the site's scripts say (search, the claims filter), in this locale."""
        return {
            "claim_verdict": self.gettext("Claim \u00b7 Verdict:"),
            "not_rated": self.gettext("not rated"),
            "source_text": self.gettext("Source text"),
            "page": self.gettext("Page"),
            "searching": self.gettext("Searching\u2026"),
            "no_results": self.gettext("No results for \u201c%(query)s\u201d."),
            "results": self.plural_table("%(count)s result for \u201c%(query)s\u201d.",
                                         "%(count)s results for \u201c%(query)s\u201d."),
            "results_first": self.gettext("%(count)s results for \u201c%(query)s\u201d, "
                                          "the first %(shown)s shown."),
            "failed": self.gettext("Search could not load. Browse all claims instead."),
            "filter_count": self.plural_table("%(shown)s of %(count)s claim shown",
                                              "%(shown)s of %(count)s claims shown"),
        }

    def install(self, env) -> None:
        """Give a Jinja2 environment ``{% trans %}``, ``_()``, ``ngettext()`` in this
        locale (new-style: ``%(name)s`` formatting, arguments escaped), and the
        ``human_date`` and ``number`` filters. Catalog text is plain text: it is
        escaped here, so a newsroom's override cannot turn into markup."""
        if "jinja2.ext.InternationalizationExtension" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        env.policies["ext.i18n.trimmed"] = True
        env.install_gettext_callables(
            lambda message: str(escape(self.gettext(message))),
            lambda singular, plural, n: str(escape(self.ngettext(singular, plural, n))),
            newstyle=True)
        env.filters["human_date"] = self.date
        env.filters["number"] = self.number
        env.filters["join_list"] = self.join_list
        env.globals.update(fc_locale=self.tag, fc_dir=self.direction,
                           text_direction=self.direction, language_name=self.language_name)


def strings_option(value) -> dict:
    """The newsroom's overrides (``theme: strings:``), checked: English message to
    its wording, a string or a list of plural forms.

    >>> strings_option({"Verdict": "Rating"})
    {'Verdict': 'Rating'}
    >>> strings_option(["x"])
    Traceback (most recent call last):
    ...
    ValueError: `strings:` under `theme:` must map English messages to your wording
    """
    if not value:
        return {}
    if not isinstance(value, dict):
        raise ValueError("`strings:` under `theme:` must map English messages to your wording")
    out = {}
    for key, wording in value.items():
        forms = wording if isinstance(wording, list) else [wording]
        if not isinstance(key, str) or not forms or not all(isinstance(f, str) for f in forms):
            raise ValueError(f"`strings:` under `theme:`: {key!r} must be a message in "
                             "English and its wording a string (or a list of plural forms)")
        out[key] = wording
    return out


def builtin_verdicts(verdicts) -> set[str]:
    """The ids of the verdicts that are the built-in scale's, word for word."""
    from generator.checker.load import DEFAULT_VERDICTS

    builtin = {(v.id, v.label, v.description) for v in DEFAULT_VERDICTS}
    return {v.id for v in verdicts if (v.id, v.label, v.description) in builtin}


def localized_scale(project, i18n: Localizer):
    """The project with the built-in verdict scale in the reader's language.

    A newsroom's own labels are its content and stay as written; only verdicts that
    are the built-in ones, word for word, are translated.
    """
    from dataclasses import replace

    builtin = builtin_verdicts(project.verdicts)
    if not builtin:
        return project
    verdicts = [replace(v, label=i18n.gettext(v.label),
                        description=i18n.gettext(v.description) if v.description else None)
                if v.id in builtin else v for v in project.verdicts]
    return replace(project, verdicts=verdicts)


def content_lang(*tags: str | None) -> str:
    """The first language given: a quote's source, a story, the publication.

    >>> content_lang(None, "uk", "en"), content_lang(None, None)
    ('uk', 'en')
    """
    return next((t for t in tags if t), "en")
