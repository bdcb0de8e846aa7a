"""How many examples each hypothesis property tries.

``FACTCHECK_EXAMPLES`` scales every property's count (a percentage, default 100):
``make mutate`` runs the properties once per mutant and sets it lower, since a
mutant the properties catch is nearly always caught by the first examples.
"""

from __future__ import annotations

import os


def examples(count: int) -> int:
    """``count`` scaled by $FACTCHECK_EXAMPLES percent, at least one.

    >>> examples(400) if not os.environ.get("FACTCHECK_EXAMPLES") else 400
    400
    """
    percent = int(os.environ.get("FACTCHECK_EXAMPLES") or 100)
    return max(1, count * percent // 100)
