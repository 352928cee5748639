"""The long-lived start-up heap of a server process, moved out of the garbage collector's reach.

A server (`serve slack`, `serve teams`) builds its models, corpus, indexes and app once; those
objects live as long as the process, yet every full collection walked them (~105 ms of CPU under
the GIL), stalling every request in flight. Freezing them once, before requests are taken, is the
remedy; garbage created later is collected as before.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> int:
    """Collect once, then move everything alive (models, corpus, indexes, the app: ~170,000 objects)
    out of the garbage collector's reach (`gc.freeze`); returns how many objects were frozen.

    Called once a server has built everything and before it takes requests. Those objects live
    as long as the process anyway, but every full (generation 2) collection walked all of them:
    ~105 ms of CPU under the GIL, started by whichever thread allocated at that moment - often a
    turn in the middle of a burst of Slack requests, stalling every acknowledgement in flight
    (BENCHMARKS.md, "Round 5: acknowledgement CPU and the accept loop"). After the freeze a full
    collection only walks what was allocated since. Garbage created later is collected as before."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
