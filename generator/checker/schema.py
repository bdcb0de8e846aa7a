"""The shape of claims.yaml, declared once.

The loader validates against these tables, and ``factcheck schema`` turns the same
tables into a JSON Schema for editors' autocompletion, so the two cannot drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.checker.model import STATUSES, UPDATE_TYPES, Stance

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE = r"^\d{4}-\d{2}-\d{2}$"
SHA256 = r"^[0-9a-f]{64}$"
COLOR = r"^#[0-9a-fA-F]{6}$"
URL = r"^https?://[^\s]+$"
LANGUAGE = r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$"

SLUG_RE = re.compile(SLUG)
DATE_RE = re.compile(DATE)
SHA256_RE = re.compile(SHA256)
COLOR_RE = re.compile(COLOR)
URL_RE = re.compile(URL)
LANGUAGE_RE = re.compile(LANGUAGE)


@dataclass(frozen=True)
class Field:
    """One key of a mapping in claims.yaml.

    ``kind`` is one of: text, slug, date, int, url, sha256, color, language, enum, object
    (a nested :data:`OBJECTS` entry named by ``of``) or list (of ``of``, itself a
    kind name or an object name) or map (a mapping from names the editor chooses
    to values of ``of``).
    """

    name: str
    kind: str
    description: str
    required: bool = False
    of: str | None = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None  # for an int: the least value allowed


STANCES = tuple(stance.value for stance in Stance)
# What the site shows of a source's text (generator/checker/excerpts.py says how).
PUBLISH = ("full", "excerpts", "none")

OBJECTS: dict[str, tuple[Field, ...]] = {
    "root": (
        Field("verdicts", "list", "The rating scale, ordered from best to worst. "
              "A built-in scale applies when left out.", of="verdict"),
        Field("authors", "list", "The people who write the stories; stories name "
              "them by id.", of="author"),
        Field("speakers", "list", "Whose statements the sources report (a ministry, a "
              "think tank): citations name them in `speaker`, by id, name or alias.",
              of="speaker"),
        Field("include", "list", "Glob patterns, relative to claims.yaml, of further "
              "claims files (story files), e.g. `stories/*.yaml`.", of="text"),
        Field("sources", "list", "The registry of source texts that citations quote "
              "(required unless `include` is given).", of="source"),
        Field("claims", "list", "The fact-checked claims (required unless `include` "
              "is given).", of="claim"),
        Field("rules", "map", "Severity per rule code, to raise a warning to an error or "
              "switch it off: `error`, `warning` or `off`. Only warnings and information "
              "can be changed.",
              of="enum", choices=("error", "warning", "off")),
        Field("hedges", "map", "Words a fair quote keeps, per language code (`en`, `ru`, "
              "`de`...): added to the built-in lists of quote-drops-hedge.",
              of="wordlists"),
        Field("language", "language", "The language the fact-checks are written in, a "
              "BCP 47 tag in lowercase (default `en`): ClaimReview's inLanguage."),
        Field("second_check", "enum", "`required`: a claim is published only with a "
              "checker (`checked_by`) who is not among its story's authors "
              "(second-check-missing). Default: `optional`.",
              choices=("required", "optional")),
        Field("publish", "enum", "What the site shows of each source's text, unless the "
              "source sets its own `publish`: `full` (the whole text), `excerpts` (only "
              "the cited passages, each in a bounded context; the default) or `none` "
              "(metadata and links only).", choices=PUBLISH),
        Field("context_words", "int", "Excerpts: at most this many words shown on either "
              "side of the sentence(s) holding a quote, never across a paragraph break "
              "(default 20)."),
        Field("max_quote_words", "int", "The longest quote, in words, from a source not "
              "published in full before `quote-too-long` warns (default 50)."),
    ),
    "included": (
        Field("story", "object", "The published story these claims belong to.",
              of="story"),
        Field("sources", "list", "Sources registered in this file; every file of the "
              "project may cite them.", of="source"),
        Field("claims", "list", "The story's claims.", required=True, of="claim"),
    ),
    "story": (
        Field("id", "slug", "Slug, used in the story page's address.", required=True),
        Field("title", "text", "The headline.", required=True),
        Field("dek", "text", "One-line summary shown under the headline."),
        Field("published", "date", "Publication date as YYYY-MM-DD.", required=True),
        Field("updated", "date", "Date of the last change, YYYY-MM-DD."),
        Field("authors", "list", "Ids of the authors, from the `authors` registry "
              "in claims.yaml.", of="slug"),
        Field("intro", "text", "Markdown: the story's introduction."),
        Field("language", "language", "The language the story is written in, where it "
              "is not the publication's `language` (a BCP 47 tag in lowercase)."),
        Field("status", "enum", "Where the story stands: `draft`, `review` or "
              "`published` (default). Only published claims are built into the site; "
              "a claim without a status of its own takes its story's.", choices=STATUSES),
        Field("checked_by", "list", "Ids of the people (from the `authors` registry) who "
              "checked the story's claims.", of="slug"),
    ),
    "author": (
        Field("id", "slug", "Slug that stories use in `authors`, and the author "
              "page's address.", required=True),
        Field("name", "text", "The name readers see in the byline.", required=True),
        Field("role", "text", "Their role, e.g. Fact-checker or Editor.", required=True),
        Field("url", "url", "A page about them (http or https)."),
        Field("bio", "text", "Markdown: a short biography for the author page."),
    ),
    "speaker": (
        Field("id", "slug", "Slug that a citation's `speaker` may name.", required=True),
        Field("name", "text", "The name readers see: \"X, as reported by Y\".",
              required=True),
        Field("aliases", "list", "Other ways the sources name the same speaker; a "
              "citation naming any of them counts as the same origin.", of="text"),
    ),
    "wordlists": (
        Field("hedges", "list", "Conditions and hedges: `if confirmed`, `allegedly`. "
              "A leading `*` matches the end of a word.", of="text"),
        Field("negations", "list", "Negations: `not`, `*n't`.", of="text"),
        Field("attributions", "list", "Words that attribute a statement: `said`, "
              "`according to`.", of="text"),
        Field("qualifiers", "list", "Words that open a qualifying clause after a quote: "
              "`although`, `unless`.", of="text"),
    ),
    "verdict": (
        Field("id", "slug", "Slug that claims use in `verdict`.", required=True),
        Field("label", "text", "What readers see on the verdict badge.", required=True),
        Field("rating", "int", "ClaimReview ratingValue: higher means truer.",
              required=True),
        Field("description", "text", "What the verdict means, for the methodology."),
        Field("color", "color", "Badge colour as #rrggbb; the label always shows too."),
        Field("expects", "enum", "Which citation stance the verdict needs "
              "(default: supports above the scale's midpoint, contradicts below).",
              choices=("supports", "contradicts", "any")),
        Field("requires", "object", "What evidence a claim rated so must have: "
              "`{origins: N}`, at least N independent supporting origins.",
              of="requirements"),
    ),
    "requirements": (
        Field("origins", "int", "At least this many independent origins (speakers, or "
              "sources' relay groups) must support the claim; appearances never count.",
              minimum=1),
    ),
    "source": (
        Field("id", "slug", "Slug that citations use in `source`.", required=True),
        Field("file", "text", "Path of the source text, relative to claims.yaml.",
              required=True),
        Field("title", "text", "The headline, or a descriptive title.", required=True),
        Field("publisher", "text", "Who published it, only where the text says."),
        Field("author", "text", "Byline, only where the text gives one."),
        Field("published", "date", "Publication date as YYYY-MM-DD, where stated."),
        Field("url", "url", "Where it was published (http or https)."),
        Field("sha256", "sha256", "Fixity: the sha256 of the file's bytes."),
        Field("language", "language", "The text's language, a BCP 47 tag in lowercase "
              "(en, ru, pt-br), where known: readers' screen readers use it."),
        Field("retrieved", "date", "When the original was retrieved, YYYY-MM-DD."),
        Field("original", "text", "Path of the archived original (the page, PDF or "
              "file as retrieved), relative to claims.yaml."),
        Field("original_sha256", "sha256", "Fixity: the sha256 of the original's bytes."),
        Field("boilerplate", "list", "Passages of the text that are not the article "
              "(photo captions and credits, 'read more' links): shown de-emphasised, "
              "never citable. Each must occur in the text.", of="text"),
        Field("relays", "list", "The origins this source passes on (a wire story, a "
              "syndicated article): ids of registered sources, or slugs naming outlets "
              "not kept as sources, like `associated-press`.", of="slug"),
        Field("publish", "enum", "What the site shows of this source's text: `full`, "
              "`excerpts` or `none` (default: the publication's `publish`).",
              choices=PUBLISH),
        Field("license", "text", "The source's licence or a rights note, shown on its "
              "page (e.g. `CC BY 4.0`, `Public record`)."),
        Field("archive", "url", "A third-party archived copy of the original page (the "
              "Internet Archive's, as `factcheck archive` records it)."),
        Field("archived", "date", "The day that archived copy was made, YYYY-MM-DD (UTC)."),
    ),
    "claim": (
        Field("id", "slug", "Slug, used in the claim page's address.", required=True),
        Field("claim", "text", "The claim as made, in one sentence.", required=True),
        Field("claim_reviewed", "text", "The claim in at most 75 characters, for "
              "ClaimReview's claimReviewed and the share card, when `claim` is longer."),
        Field("claimant", "text", "Who made the claim."),
        Field("claimant_type", "enum", "Whether the claimant is a person or an "
              "organization; required with a claimant (ClaimReview's type for them).",
              choices=("person", "organization")),
        Field("claimant_url", "url", "A page that identifies the claimant, such as their "
              "Wikidata or Wikipedia page: ClaimReview's sameAs."),
        Field("claim_date", "date", "When the claim was made, YYYY-MM-DD."),
        Field("verdict", "slug", "Verdict id from the scale.", required=True),
        Field("summary", "text", "Markdown: the reasoning behind the verdict.",
              required=True),
        Field("tags", "list", "Topics, for filtering the index.", of="slug"),
        Field("published", "date", "Date this fact-check was published."),
        Field("updates", "list", "Corrections log.", of="update"),
        Field("appearance", "list", "Ids of sources in which the claim appears.",
              of="slug"),
        Field("status", "enum", "Where the claim stands: `draft`, `review` or "
              "`published`; default: its story's status.", choices=STATUSES),
        Field("checked_by", "list", "Ids of the people (from the `authors` registry) who "
              "checked this claim; default: the story's `checked_by`.", of="slug"),
        Field("citations", "list", "The evidence: quotes of registered sources.",
              required=True, of="citation"),
    ),
    "update": (
        Field("date", "date", "When the change was made.", required=True),
        Field("note", "text", "Markdown: what changed and why (for a correction: what "
              "was wrong and what it says now).", required=True),
        Field("type", "enum", "`correction` (a factual error fixed), `clarification`, "
              "or `update` (new information; the default).", choices=UPDATE_TYPES),
        Field("was", "slug", "For a correction that changed the verdict: the verdict "
              "id it had before."),
    ),
    "citation": (
        Field("source", "slug", "Id of a registered source.", required=True),
        Field("quote", "text", "Words copied from the source; elide with ` ... `.",
              required=True),
        Field("prefix", "text", "Text just before the quote, to pick one occurrence."),
        Field("suffix", "text", "Text just after the quote, to pick one occurrence."),
        Field("stance", "enum", "How the quote bears on the claim.", required=True,
              choices=STANCES),
        Field("note", "text", "Markdown: a remark on this piece of evidence."),
        Field("translation", "text", "Markdown: the newsroom's translation of the "
              "quote, shown beside the verified original."),
        Field("speaker", "text", "Whose statement the passage reports (\"Russian "
              "Ministry of Defence\"), or the id of a registered speaker: one origin, "
              "however many sources report it."),
    ),
}

# A field that needs another one beside it (JSON Schema's dependentRequired): the
# walker reports the missing one as a `schema` finding, at the field that needs it.
DEPENDENT: dict[str, dict[str, tuple[str, ...]]] = {
    "claim": {"claimant": ("claimant_type",)},
}

PATTERNS = {"slug": SLUG, "date": DATE, "sha256": SHA256, "color": COLOR, "url": URL,
            "language": LANGUAGE}

TITLES = {
    "root": "factcheck claims file",
    "included": "factcheck story file (a claims file that claims.yaml includes)",
    "story": "Story",
    "author": "Author",
    "verdict": "Verdict",
    "source": "Source",
    "claim": "Claim",
    "update": "Update",
    "citation": "Citation",
    "wordlists": "Word lists of one language",
    "speaker": "Speaker",
    "requirements": "Evidence a verdict requires",
}


def _kind_schema(kind: str, fld: Field | None = None) -> dict:
    if kind in OBJECTS:
        return {"$ref": f"#/$defs/{kind}"}
    if kind == "int":
        return {"type": "integer", **({"minimum": fld.minimum}
                                      if fld is not None and fld.minimum is not None else {})}
    if kind == "enum" and fld is not None:
        return {"type": "string", "enum": list(fld.choices)}
    schema: dict = {"type": "string"}
    if kind == "text":
        schema["minLength"] = 1
    if kind in PATTERNS:
        schema["pattern"] = PATTERNS[kind]
    return schema


def _field_schema(fld: Field) -> dict:
    if fld.kind == "list":
        schema = {"type": "array", "items": _kind_schema(fld.of or "text")}
    elif fld.kind == "map" and fld.name == "rules":
        from generator.checker.rules import (  # the configurable rules, for autocompletion
            ERROR,
            RULES,
        )

        value = _kind_schema(fld.of or "text", fld)
        schema = {"type": "object", "additionalProperties": False,
                  "properties": {code: {"description": rule.summary, **value}
                                 for code, rule in RULES.items()
                                 if rule.severity is not ERROR}}
    elif fld.kind == "map":
        schema = {"type": "object", "additionalProperties": _kind_schema(fld.of or "text", fld)}
    elif fld.kind == "object":
        schema = _kind_schema(fld.of or "")
    else:
        schema = _kind_schema(fld.kind, fld)
    return {"description": fld.description, **schema}


def _object_schema(name: str) -> dict:
    fields = OBJECTS[name]
    schema = {
        "title": TITLES[name],
        "type": "object",
        "properties": {f.name: _field_schema(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }
    if name in DEPENDENT:
        schema["dependentRequired"] = {k: list(v) for k, v in DEPENDENT[name].items()}
    if name == "update":  # `was` names the verdict a correction replaced
        schema["if"] = {"required": ["was"]}
        schema["then"] = {"required": ["type"], "properties": {"type": {"const": "correction"}}}
    return schema


# A claims.yaml without `include` has `sources` and `claims`, as in format v1;
# one that includes story files may leave either out.
ROOT_NEEDS_ONE_OF = (("sources", "claims"), ("include",))


def json_schema(kind: str = "root") -> dict:
    """Return the JSON Schema (draft 2020-12) of claims.yaml, or with ``kind``
    ``"included"`` of a story file that claims.yaml includes.

    >>> json_schema()["anyOf"]
    [{'required': ['sources', 'claims']}, {'required': ['include']}]
    >>> json_schema("included")["required"]
    ['claims']
    """
    top = _object_schema(kind)
    if kind == "root":
        top["anyOf"] = [{"required": list(names)} for names in ROOT_NEEDS_ONE_OF]
        del top["required"]
    used = _reachable(kind)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **top,
        "$defs": {name: _object_schema(name) for name in OBJECTS if name in used},
    }


def _reachable(kind: str) -> set[str]:
    """The object names a file of ``kind`` can hold, however deeply nested."""
    seen: set[str] = set()
    todo = [kind]
    while todo:
        for fld in OBJECTS[todo.pop()]:
            if fld.of in OBJECTS and fld.of not in seen:
                seen.add(fld.of)
                todo.append(fld.of)
    return seen
