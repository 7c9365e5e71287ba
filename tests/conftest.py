"""Make the repository importable (core, ui) whatever directory pytest starts from."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import os  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def local_ray():
    """One embedded Ray for the whole test session (2 CPUs, a 200 MB object store), ended at
    the end of the session even when tests fail. Ray is started only by tests that ask."""
    from core import cluster

    saved = os.environ.get(cluster.WORKERS_ENV)
    os.environ[cluster.WORKERS_ENV] = "2"
    try:
        yield cluster.connect(cluster.LOCAL)
    finally:
        cluster.disconnect()
        if saved is None:
            os.environ.pop(cluster.WORKERS_ENV, None)
        else:
            os.environ[cluster.WORKERS_ENV] = saved
