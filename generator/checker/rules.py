"""The rule catalogue: every finding the checker can report, declared once.

Each :class:`Rule` carries its code, default severity, a one-line summary, a longer
description, an example and the fix. Everything else derives from here: findings
are made by :meth:`Rule.finding` (so no call site chooses a severity), the SARIF
rule list, the ``check --help`` listing and the editors' guide's "Rule codes"
section (generator/checker/ruleguide.py, kept in sync by a test).

A rule's severity can be changed per project (generator/checker/severities.py).

Like ruff's ``codes.rs``, the catalogue is one table; the checks that report a rule
live in their own modules and refer to it by name (``rules.QUOTE_NOT_FOUND``), so
each rule code is written as a string in this module only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator.checker.model import NOWHERE, Finding, Loc, Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Rule:
    """One kind of finding, with everything an editor needs to understand it.

    ``example`` is a snippet shown in the guide, in ``example_lang`` (``yaml`` or
    ``text``); ``fix`` is the help text (what to do), in Markdown.

    >>> QUOTE_TOO_SHORT.finding("c.yaml", Loc(3, 5, 3, 9), "too short").severity.value
    'warning'
    """

    code: str
    severity: Severity
    summary: str
    description: str
    fix: str
    example: str = ""
    example_lang: str = "yaml"

    @property
    def name(self) -> str:
        """The code in CamelCase, as SARIF names rules: ``QuoteNotFound``."""
        return "".join(part.title() for part in self.code.split("-"))

    @property
    def anchor(self) -> str:
        """The id MkDocs gives this rule's heading in the editors' guide.

        >>> QUOTE_NOT_FOUND.anchor
        'quote-not-found-error'
        """
        return f"{self.code}-{self.severity.value}"

    def finding(self, path: str, loc: Loc | None, message: str, *,
                claim: str | None = None, citation: int | None = None,
                suggestion: str | None = None) -> Finding:
        """A finding of this rule, at its default severity."""
        return Finding(path, loc or NOWHERE, self.severity, self.code, message,
                       claim, citation, suggestion)


YAML_SYNTAX = Rule(
    "yaml-syntax", ERROR,
    "claims.yaml is not valid YAML",
    "`claims.yaml` is not valid YAML, so nothing else can be checked. The line and\n"
    "column point at the fault.",
    "quote the value (`quote: \"Smirnov said: the situation is difficult\"`),\n"
    "close the quotation mark you opened, indent with spaces, never tabs. Save the file\n"
    "as UTF-8.",
    '    quote: Smirnov said: the situation is difficult     # ": " inside plain text')

SCHEMA = Rule(
    "schema", ERROR,
    "A field is missing, unknown, of the wrong type, or badly formed",
    "A field is missing, unknown or misspelt, or a value has the wrong form: an id\n"
    "that is not a slug, a date not written `YYYY-MM-DD`, a URL that is not http(s), a\n"
    "stance that does not exist.",
    "follow the message; it names the field and, where it can, suggests the\n"
    "right spelling (`kursk-evacuation`, `2024-08-07`, `quote`, `supports`). Your editor\n"
    "underlines these as you type if it reads the schema.",
    "  - id: Kursk Evacuation         # not a slug\n"
    "    claim_date: 7 August 2024    # not YYYY-MM-DD\n"
    "    citations:\n"
    "      - source: kursk-report\n"
    "        qoute: ...               # misspelt: the message suggests `quote`\n"
    "        stance: support          # should be supports")

DUPLICATE_ID = Rule(
    "duplicate-id", ERROR,
    "Two sources, claims, verdicts, stories or authors share an id, or a key repeats",
    "Two sources, claims, verdicts, stories or authors share an id, in the same file\n"
    "or in two of them (the message names the first place as `path:line`), or a field\n"
    "appears twice in the same item (YAML would silently keep only the last). The\n"
    "first item with an id is the one checked and published.",
    "give each item its own id, or merge the repeated field.",
    "  - id: kursk-report\n"
    "    file: content/sources/kursk-report.txt\n"
    "  - id: kursk-report              # the second one: rename it")

UNKNOWN_SOURCE = Rule(
    "unknown-source", ERROR,
    "A citation names a source id that is not registered",
    "A citation's `source` (or a claim's `appearance`) names an id that is not\n"
    "registered under `sources:`.",
    "correct the spelling, or register the source first.",
    "      - source: kursk-reprot     # the message asks: did you mean `kursk-report`?")

UNKNOWN_AUTHOR = Rule(
    "unknown-author", ERROR,
    "A story names an author who is not in the registry",
    "A story's `authors` names an id that is not in the `authors:` registry of\n"
    "`claims.yaml`.",
    "correct the spelling (the message suggests the closest id), or add the\n"
    "person to the registry.",
    "  authors: [ana-lmia]             # the message asks: did you mean `ana-lima`?")

UNKNOWN_VERDICT = Rule(
    "unknown-verdict", ERROR,
    "A claim's verdict is not on the rating scale",
    "A claim's `verdict` is not an id on the verdict scale.",
    "use one of the ids listed in the message (they are defined under\n"
    "`verdicts:` at the top of `claims.yaml`).",
    "    verdict: acurate            # the message asks: did you mean `accurate`?")

SOURCE_UNREADABLE = Rule(
    "source-unreadable", ERROR,
    "A source file is missing, outside the project, or not UTF-8",
    "A source's `file` does not exist, is a folder, lies outside the project (an\n"
    "absolute path or one that climbs out with `../`), or is not UTF-8 text. The same\n"
    "goes for its archived `original`, which may be any kind of file.",
    "check the path, relative to `claims.yaml` (usually\n"
    "`content/sources/...`). Convert a file in another encoding to UTF-8 before you\n"
    "register it; the message gives the line and column of the first bad byte.",
    "    file: ../elsewhere/article.txt   # outside the project")

SOURCE_CHANGED = Rule(
    "source-changed", ERROR,
    "A source file's sha256 differs from the registered one",
    "The source file's sha256 differs from the `sha256` registered for it: the text was\n"
    "edited after it was registered. Likewise for the archived `original` and its\n"
    "`original_sha256`.",
    "sources are kept as published. Restore the file (`git checkout --\n"
    "content/sources/<file>`). If the publisher really changed the article, register the\n"
    "new version with its new digest (given in the message) and log the correction in\n"
    "the claims that cite it.",
    "    sha256: 6f1ed002ab5595859014ebf0951522d9...   # no longer the file's digest")

QUOTE_NOT_FOUND = Rule(
    "quote-not-found", ERROR,
    "The quote does not occur in the cited source",
    "The quote does not occur in the cited source, even after normalization. The\n"
    "message shows the closest passage, how similar it is, and a word diff:\n"
    "`[-words only in your quote-]{+words only in the source+}`. When nothing in the\n"
    "cited source comes close (under 90% similar) but the quote occurs in a different\n"
    "registered source, the message names that source instead: you probably cited the\n"
    "wrong article. When the quote runs across a page number or running head that the\n"
    "source (often a PDF) has on lines of its own, the message says so and shows what is\n"
    "in between: the check never skips words inside a quote. Characters that look alike\n"
    "but differ (a Cyrillic `а` typed for a Latin `a`) are named with their code points.",
    "copy the source's words exactly (`factcheck find` prints them), cite the\n"
    "source that actually says it, or, for an elided quote, keep every piece inside one\n"
    "paragraph and in the source's order. With a `prefix` or `suffix`, check that they\n"
    "are the words right next to the quote. Across a page break, mark the gap with\n"
    "`[...]` (the message gives the quote that way when it verifies).",
    "  = diff, [-quote-]{+source+}: He added that schools would {+stay+} closed",
    "text")

PROSE_QUOTE_NOT_FOUND = Rule(
    "prose-quote-not-found", ERROR,
    "Words in quotation marks in a summary, update note, dek or intro are in no cited source",
    "Words the desk's prose puts in quotation marks are a quote too. Every quoted\n"
    "fragment of a claim's `summary` and `updates` notes must occur, matched as a quote\n"
    "is, in a source the claim cites (or in the claim); of a story's `dek` and `intro`,\n"
    "in a source its claims cite; and within what the site publishes of that source:\n"
    "its excerpt windows, or for `publish: none` the cited passages. Marks of every\n"
    "kind count: `\"…\"`, `“…”`, `„…“`, `«…»`, `「…」`; single ones (`‘…’`, `'…'`) only as a\n"
    "pair around two or more words, so an apostrophe (`Russia's`, `don't`) never opens\n"
    "a quote. Text in backticks is left alone, and a comma or full stop just inside\n"
    "the closing mark (`\"difficult,\"`) may be the prose's own. The finding points at\n"
    "the fragment itself and, like `quote-not-found`, gives the closest passage.",
    "copy the source's words exactly (the message gives the closest passage), cite\n"
    "the source that says them, or, if the words are the desk's own, take away the\n"
    "quotation marks.",
    "    summary: >-   # the source says \"on Tuesday\"\n"
    "      Business Insider says Ukraine pushed into Kursk \"by Tuesday\".")

QUOTE_AMBIGUOUS = Rule(
    "quote-ambiguous", WARNING,
    "The quote occurs more than once in its source",
    "The quote occurs more than once in the source, so the site cannot know which\n"
    "passage to highlight and link.",
    "quote a longer, unique passage, or add a `prefix` (the words just before)\n"
    "or a `suffix` (the words just after). `factcheck find` shows a prefix for each\n"
    "occurrence.",
    "        quote: the situation is difficult   # said twice in the article")

QUOTE_NORMALIZED = Rule(
    "quote-normalized", WARNING,
    "The quote matched only after folding punctuation",
    "The quote matched only after folding punctuation: it has straight quotes where the\n"
    "source has curly ones or guillemets (`«»`), an apostrophe for `’` or `ʼ`, a hyphen\n"
    "for a dash, `...` for `…`. The message gives the source's exact text. Ligatures,\n"
    "words hyphenated at a line break and invisible characters never warn.",
    "run `factcheck check --fix`, which rewrites these quotes to the source's\n"
    "characters and changes nothing else, or paste the text from the message.",
    "        quote: It's the \"final\" gas transit point      # the source: It’s the “final” …")

QUOTE_TOO_SHORT = Rule(
    "quote-too-short", WARNING,
    "The quote has fewer than four words",
    "The quote has fewer than four words: too little to anchor a claim, and likely to\n"
    "occur in many places.",
    "quote the whole phrase or sentence that carries the meaning.",
    "        quote: evacuated             # one word")

QUOTE_TOO_LONG = Rule(
    "quote-too-long", WARNING,
    "A quote from a source not published in full is longer than `max_quote_words`",
    "The site publishes this source only as excerpts (or not at all: `publish: none`),\n"
    "and the quote has more words than `max_quote_words` (default 50, set at the top of\n"
    "`claims.yaml`). Quoting is fair when it is short: a quote that long republishes\n"
    "the publisher's text rather than citing it. Words left out with an elision do not\n"
    "count.",
    "quote only the words that carry the evidence, leaving the rest out with ` ... `,\n"
    "or cite two shorter passages; if the newsroom may republish the source (a public\n"
    "record, an openly licensed text), give it `publish: full`.",
    "  - id: governor-statement\n"
    "    publish: excerpts           # the default\n"
    "...\n"
    "        quote: In order to eliminate the consequences ... (62 words)")

VERDICT_EVIDENCE = Rule(
    "verdict-evidence", WARNING,
    "The verdict lacks the evidence its rating implies",
    "The verdict and the citations disagree. A verdict on the true side of the scale\n"
    "needs at least one citation with `stance: supports` (a citation of the claim's own\n"
    "`appearance` does not count; when it is the only one, `self-support` says so); one\n"
    "on the false side needs at least one with `stance: contradicts`. A verdict can\n"
    "state what it expects with `expects:` in the scale, and how many independent\n"
    "origins it needs with `requires:` (`verdict-origins`).",
    "cite the evidence the verdict rests on with the right stance, or\n"
    "reconsider the verdict.",
    "    verdict: accurate\n"
    "    citations:\n"
    "      - source: kursk-report\n"
    "        quote: ...\n"
    "        stance: context          # accurate needs a `supports` citation")

BOILERPLATE_NOT_FOUND = Rule(
    "boilerplate-not-found", ERROR,
    "A passage listed under a source's `boilerplate` is not in its text",
    "A source's `boilerplate` lists passages of its text that are not the article's\n"
    "running text (photo captions and credits, \"read more\" links, player and share\n"
    "widgets), so that the site sets them apart instead of showing them as paragraphs.\n"
    "Each passage must occur in the text, matched like a quote; this one does not.",
    "copy the passage from the source (`factcheck find` prints its exact text);\n"
    "line breaks inside it count as spaces.",
    "    boilerplate:\n"
    "      - ( Kremlin POOL/UPI/REX/Shutterstock)\n"
    "      - (Kremlin POOL/UPI/REX/Shutterstock)    # the source has a line break after (")

UNUSED_SOURCE = Rule(
    "unused-source", WARNING,
    "A registered source is not cited by any claim",
    "A source is registered but no claim cites it.",
    "cite it, or remove it from `sources:` (and its file, if nothing else\n"
    "needs it).")

# -- fair quotation and independent evidence (generator/checker/lints/) -------------------

QUOTE_DROPS_HEDGE = Rule(
    "quote-drops-hedge", WARNING,
    "The quote leaves out a hedge, negation or attribution of its own sentence",
    "The quote occurs in the source, but its own sentence holds words that govern what\n"
    "it says and the quote leaves them out: a condition or hedge (`if confirmed`, `may\n"
    "have`, `allegedly`, `reportedly`, `unverified`, `could`), a negation (`not`, `no`,\n"
    "`never`), a qualifier that follows the quote in its sentence (`, although ...`,\n"
    "`unless`, `except`), or, when the claim presents the words as fact, the\n"
    "attribution (`said`, `according to`). Words before the quote count within its\n"
    "clause; words after it only in a short tail (`..., officials said.`), a qualifier\n"
    "anywhere after it; words cut out by an elision always count. The message shows\n"
    "the whole sentence with the dropped words marked `>>like this<<`. Word lists\n"
    "exist for English and Russian; add your own per language under `hedges:` in\n"
    "`claims.yaml`. A citation with `stance: context` is never flagged. Words quoted\n"
    "in a summary, update note, dek or intro are held to the same rule (but for the\n"
    "attribution): a word the prose itself writes in the same sentence counts as kept,\n"
    "and a fragment that is itself hedged (`\"supposed\"`) shows its hedge.",
    "widen the quote to keep the words (the message gives the wider quote), or\n"
    "cite the passage with `stance: context` and say in the summary what the source\n"
    "actually claims; reconsider the verdict if the hedge was carrying it.",
    "        quote: the cross-border foray would be among Ukraine’s largest\n"
    "        stance: supports      # the sentence begins \"If confirmed,\"")

SINGLE_ORIGIN = Rule(
    "single-origin", WARNING,
    "A true-side verdict's support from several sources traces to one origin",
    "A claim rated on the true side cites supporting passages from two or more sources,\n"
    "but they all trace to one origin: the same `speaker` (three outlets reporting one\n"
    "ministry's statement), or, for passages without a speaker, one relay group (a\n"
    "source declares the wire story or article it passes on: `relays:\n"
    "[associated-press]`). Two printings of one report are one piece of evidence, not\n"
    "corroboration. Appearances of the claim are never counted. When the verdict\n"
    "`requires` more origins than there are, `verdict-origins` reports it instead.",
    "cite a source with its own reporting, or choose a verdict that rests on one\n"
    "report's word (and say so in the summary).",
    "  - id: outlet-a\n"
    "    relays: [associated-press]\n"
    "  - id: outlet-b\n"
    "    relays: [associated-press]   # citing both is citing the AP once")

POSSIBLE_RELAY = Rule(
    "possible-relay", WARNING,
    "Two sources that support one claim share a long near-identical passage",
    "Two sources cited together in support of one claim share a passage of twelve\n"
    "words or more, word for word but for a word here and there: one probably relays\n"
    "the other, or both relay one origin, so the claim may be counting one report\n"
    "twice. The message quotes the passage; declared boilerplate does not count.\n"
    "Reported on the source registered later.",
    "read both texts; if they share an origin, declare it with `relays:` on the\n"
    "sources (the finding then goes away, and `single-origin` counts them as one).",
    "source `outlet-b` shares a passage of 23 words with `outlet-a`, nearly word for\n"
    "word: It said that 300 soldiers, 11 tanks, and 20 combat vehicles ...",
    "text")

SELF_SUPPORT = Rule(
    "self-support", WARNING,
    "The only support for a claim comes from where the claim appeared",
    "Every `stance: supports` citation of the claim quotes a source listed in the\n"
    "claim's own `appearance`: the text that makes the claim is offered as its proof\n"
    "(a headline checked against its own article). Each such citation is also an\n"
    "`appearance-as-support`; this finding says the claim has no other support.",
    "cite an independent source that supports the claim, or rate the claim on\n"
    "what other sources say; list in `appearance` only the texts that make the claim.",
    "    appearance: [business-insider-six-miles]\n"
    "    citations:\n"
    "      - source: business-insider-six-miles   # the claim's own article\n"
    "        stance: supports")

APPEARANCE_AS_SUPPORT = Rule(
    "appearance-as-support", WARNING,
    "A citation of one of the claim's own appearances has `stance: supports`",
    "The citation quotes a source listed in the claim's `appearance`, a text in which the\n"
    "claim itself is made, with `stance: supports`. An appearance states the claim; it\n"
    "cannot confirm it. It is never counted as support or as an origin, whatever else\n"
    "supports the claim, so marking it `supports` only misleads the reader.",
    "mark it `stance: context` (the claim as made), and rest the verdict on\n"
    "independent sources; if the source does not make the claim, take it out of\n"
    "`appearance`.",
    "    appearance: [business-insider-six-miles]\n"
    "    citations:\n"
    "      - source: business-insider-six-miles   # where the claim was made\n"
    "        stance: supports                     # should be context")

NO_APPEARANCE = Rule(
    "no-appearance", INFO,
    "A claim names a claimant but no `appearance`",
    "The claim says who made it (`claimant`) but not in which sources it appears\n"
    "(`appearance`). Without it the check cannot tell the texts that make the claim\n"
    "from the evidence about it, so a source that merely repeats the claim could be\n"
    "counted as its support. For information only: it never fails a check.",
    "list under `appearance` the sources in which the claim is made (they are then\n"
    "never counted as support); if none of the registered sources makes it, this note\n"
    "can stay.",
    "    claimant: Russian Ministry of Defence\n"
    "    citations: [...]            # no `appearance:`: which source made the claim?")

VERDICT_ORIGINS = Rule(
    "verdict-origins", WARNING,
    "The verdict requires more independent supporting origins than the claim has",
    "The verdict scale says this verdict `requires: {origins: N}`: at least N\n"
    "independent origins support the claim. An origin is a citation's `speaker`, or,\n"
    "without one, its source's relay group (sources linked by `relays`); citations of\n"
    "the claim's own `appearance` never count. The message lists the origins counted.\n"
    "Where `expects` asks for a stance of evidence, `requires` asks how much of it.",
    "cite support from another origin (an independent report, not a second\n"
    "printing of the same one), or choose a verdict whose requirement the evidence\n"
    "meets.",
    "verdicts:\n"
    "  - id: accurate\n"
    "    requires: {origins: 2}   # one ministry's word, however often printed, is one")

NUMBER_MISMATCH = Rule(
    "number-mismatch", WARNING,
    "A figure in a true-side claim is in no supporting quote",
    "A figure in a claim rated on the true side (digits or words, English or Russian:\n"
    "`3,000`, `six`, `a dozen`, `двенадцать`; with units of length, percent, or counted\n"
    "things) is given by no verified supporting quote nor its `translation`. Lengths are "
    "converted, within the rounding of a conversion (10%):\n"
    "six miles (9.7 km) supports `about 10 km`, not `20 km`. The same unit must give\n"
    "the same figure. Dates, years and times are not figures. The message lists the\n"
    "figures the supporting quotes do give.",
    "correct the figure, cite the passage that gives it, or reconsider the verdict.",
    "    claim: Ukrainian troops pushed 20 km into Russia.\n"
    "    citations:\n"
    "      - quote: at least six miles from the border    # 9.7 km, not 20")

WEEKDAY_MISMATCH = Rule(
    "weekday-mismatch", WARNING,
    "A weekday and a date in a claim or summary disagree",
    "A claim or summary writes a weekday next to a date (`Tuesday, 8 August 2024`,\n"
    "`Wednesday, August 7`, `2024-08-06`; English or Russian) and the date fell on\n"
    "another day. A date without a year takes the year of the claim's `claim_date`.",
    "correct the weekday or the date; a date worked out by counting days is\n"
    "worth checking against a calendar.",
    "    summary: The incursion began on Tuesday, 8 August 2024.   # a Thursday")


CLAIM_REVIEWED_TOO_LONG = Rule(
    "claim-reviewed-too-long", WARNING,
    "The claim is over 75 characters and no `claim_reviewed` gives a short form",
    "Search engines show a fact-check's `claimReviewed` in at most 75 characters\n"
    "(Google's advice). `claim` stays the claim as it was made; a longer one needs a\n"
    "`claim_reviewed:` of at most 75 characters for ClaimReview and the share card.",
    "add `claim_reviewed:` with the claim in 75 characters or fewer, keeping\n"
    "what is checked (who, what figure, when); or shorten `claim_reviewed` itself.",
    "    claim: Ukrainian forces advanced up to 10 kilometres into the Kursk region, "
    "breaching Russian defensive lines.\n"
    "    claim_reviewed: Ukrainian forces advanced up to 10 km into the Kursk region.")

RATING_SCALE = Rule(
    "rating-scale", WARNING,
    "The verdict scale's ratings cannot be published as a ClaimReview rating",
    "ClaimReview's `reviewRating` needs a `worstRating` of at least 1 and a\n"
    "`bestRating` above it. A scale that starts at 0, has a negative rating, or has\n"
    "a single rating breaks that; its reviews then carry only the verdict's label\n"
    "(`alternateName`), and no number.",
    "number the verdicts from 1 (the least true) upwards, each above the one below.",
    "  - {id: true, label: True, rating: 1}\n"
    "  - {id: false, label: False, rating: 0}     # worstRating must be at least 1")

SECOND_CHECK_MISSING = Rule(
    "second-check-missing", ERROR,
    "A claim is published without a second checker, and claims.yaml requires one",
    "With `second_check: required` at the top of `claims.yaml`, a published claim\n"
    "needs someone in `checked_by` (its own, else its story's) who is not among its\n"
    "story's authors: the second pair of eyes. Drafts and claims in review are not\n"
    "held to it.",
    "add the second checker's author id to `checked_by`, or keep the claim (or\n"
    "its story) at `status: review` until someone has checked it.",
    "  authors: [ana-lima]\n"
    "  checked_by: [ana-lima]       # an author checking her own work does not count")

VERDICT_CHANGE_UNLOGGED = Rule(
    "verdict-change-unlogged", ERROR,
    "A published claim's verdict changed without a correction naming the old one",
    "`factcheck diff` compares the claims with the base of a pull request. A\n"
    "published claim whose verdict changed needs a new `updates` entry with\n"
    "`type: correction` and `was:` the earlier verdict, so that readers see the change.",
    "add the correction: `- {date: ..., type: correction, was: <old verdict>,\n"
    "note: what was wrong and what the verdict is now}`.",
    "    verdict: misleading        # was accurate at the base\n"
    "    updates: [{date: 2024-08-12, type: correction, was: accurate, note: ...}]")

class Catalogue(Mapping[str, Rule]):
    """The rules by code, in the order the guide and SARIF list them.

    >>> RULES["quote-not-found"] is QUOTE_NOT_FOUND, "schema" in RULES
    (True, True)
    """

    def __init__(self, *rules: Rule):
        self._rules = {rule.code: rule for rule in rules}

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def index(self, code: str) -> int:
        """The rule's position (SARIF's ``ruleIndex``); -1 for an unknown code."""
        return next((i for i, c in enumerate(self._rules) if c == code), -1)


RULES = Catalogue(
    YAML_SYNTAX, SCHEMA, DUPLICATE_ID, UNKNOWN_SOURCE, UNKNOWN_AUTHOR, UNKNOWN_VERDICT,
    SOURCE_UNREADABLE, SOURCE_CHANGED, QUOTE_NOT_FOUND, PROSE_QUOTE_NOT_FOUND,
    QUOTE_AMBIGUOUS, QUOTE_NORMALIZED, QUOTE_TOO_SHORT, QUOTE_TOO_LONG, VERDICT_EVIDENCE,
    BOILERPLATE_NOT_FOUND, UNUSED_SOURCE,
    QUOTE_DROPS_HEDGE, SINGLE_ORIGIN, POSSIBLE_RELAY, SELF_SUPPORT, APPEARANCE_AS_SUPPORT,
    NO_APPEARANCE, VERDICT_ORIGINS, NUMBER_MISMATCH, WEEKDAY_MISMATCH,
    CLAIM_REVIEWED_TOO_LONG, RATING_SCALE, SECOND_CHECK_MISSING, VERDICT_CHANGE_UNLOGGED,
)
