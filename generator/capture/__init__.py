"""Capture: ``add-source`` reads a web page, PDF or file and registers it.

Fetching (bounded), extracting the text once, archiving the original, and editing
the registry in claims.yaml as text. Built on the checker; imports no editor command.
"""
