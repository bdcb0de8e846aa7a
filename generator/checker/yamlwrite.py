"""Writing YAML scalars that read back exactly: one home for every command that
prints or edits a value in claims.yaml (``check`` hints, ``find``, ``suggest``,
``fix``, ``add-source``).

A quote may hold anything a source holds: quotes of every kind, a colon, a
backslash, an escape character. The writers here pick the plainest form that YAML
reads back as the same text, so pasting a printed value never changes a quote.
"""

from __future__ import annotations

import yaml

from generator.checker.yamlsyntax import Loader

_DOUBLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
                   "\0": "\\0", "\x1b": "\\e"}


def double_quoted(value: str) -> str:
    """A YAML double-quoted scalar that reads back as ``value``, whatever it holds.

    >>> print(double_quoted('He said "stop"\\n'))
    "He said \\"stop\\"\\n"
    """
    out = []
    for ch in value:
        if ch in _DOUBLE_ESCAPES:
            out.append(_DOUBLE_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7f <= ord(ch) <= 0x9f or ch in "\u2028\u2029\ufeff":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def yaml_scalar(value: str) -> str:
    """The simplest scalar that reads back as ``value`` after ``quote: ``.

    Plain when YAML allows it, double-quoted otherwise; for ``factcheck find``.

    >>> yaml_scalar("the state of emergency")
    'the state of emergency'
    >>> yaml_scalar('"Stop", he said: now')
    '"\\\\"Stop\\\\", he said: now"'
    >>> yaml_scalar("yes")
    '"yes"'
    """
    if value == value.strip() and "\n" not in value:
        try:
            if yaml.load(f"quote: {value}\n", Loader=Loader) == {"quote": value}:
                return value
        except yaml.YAMLError:
            pass
    return double_quoted(value)
