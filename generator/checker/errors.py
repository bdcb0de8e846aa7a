"""The one error a command raises when it cannot run at all.

Findings are data (a wrong quote is a result, exit status 1); an unreadable claims
file, a bad argument, a refused fetch are not: the command stops. Every such error
is a :class:`CommandError`, and the CLI alone turns it into ``factcheck: <message>``
on standard error and exit status 2, so no command needs a handler of its own.
"""

from __future__ import annotations


class CommandError(Exception):
    """The command could not run; the message says why and what to do.

    >>> str(CommandError("cannot read claims.yaml: No such file or directory"))
    'cannot read claims.yaml: No such file or directory'
    """
