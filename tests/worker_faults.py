"""A task for worker-pool tests: item 2 kills its worker as a native crash would, 3 raises."""

import faulthandler
import os


def abort_on_two(item: int) -> int:
    if item == 2:
        faulthandler.disable()
        os.abort()  # as the native parser does when it cannot allocate
    if item == 3:
        raise ValueError("bad")
    return item * 10
