"""Lints that read what a verbatim check cannot: fairness, independence, figures.

Each module here is a pure analysis over plain values (texts, spans, word lists),
testable on its own; :mod:`generator.checker.lints.findings` turns their results into findings
after the citation check has resolved every quote.
"""
