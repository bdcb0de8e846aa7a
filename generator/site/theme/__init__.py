"""The ``factcheck`` MkDocs theme: a news publication's pages, not a manual's.

MkDocs finds a theme installed as a package through the ``mkdocs.themes`` entry
point and reads ``mkdocs_theme.yml`` beside this file. The folder holds only
templates and static files; nothing here is imported at build time.
"""
