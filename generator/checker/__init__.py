"""The checker: claims files in, findings out.

Loading (YAML with a location for every value, and messages an editor can act on),
the quote matcher, the rule catalogue, the lints, the check's caches and the report
formats. It is the core that the three other parts build on, so it imports nothing
from them, nor MkDocs or Jinja2: ``factcheck check`` stays quick in pre-commit.
"""
