"""The site: the MkDocs plugin and theme, page contexts, templates and exports.

It reads the checker's result (``generator.checker``) and renders pages, structured
data, the feed and share cards; it never imports the editor's commands.
"""
