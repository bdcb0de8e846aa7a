"""The editor's commands: ``fix``, ``find``, ``suggest``, ``diff`` and ``init``.

Tools an editor runs on a publication, built on the checker. Neither the site nor
capture imports them.
"""
