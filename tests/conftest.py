"""Make the repository importable (core, ui) whatever directory pytest starts from."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import os  # noqa: E402

import pytest  # noqa: E402


def pytest_configure(config):
    """Servers and AppTests started by tests start Ray only for a sweep (a test that wants
    Ray starts it and ends it: local_ray, or its own server's process group)."""
    os.environ["PLAYGROUND_RAY_START"] = "first-sweep"


@pytest.fixture(scope="session")
def local_ray():
    """One embedded Ray for the whole test session (2 CPUs, a 200 MB object store), ended at
    the end of the session even when tests fail. Ray is started only by tests that ask."""
    import shutil
    import tempfile

    from core import cluster

    # Ray's sockets and logs in a folder of our own (RAY_TMPDIR), not the shared /tmp/ray.
    saved = {k: os.environ.get(k) for k in (cluster.WORKERS_ENV, "RAY_TMPDIR")}
    ray_tmp = tempfile.mkdtemp(prefix="rpg-", dir="/tmp")
    os.environ.update({cluster.WORKERS_ENV: "2", "RAY_TMPDIR": ray_tmp})
    try:
        yield cluster.connect(cluster.LOCAL)
    finally:
        cluster.disconnect()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(ray_tmp, ignore_errors=True)


def run_cli(capsys, *argv):
    """`python -m core ARGV` in-process: (exit code, stdout, stderr)."""
    from core.__main__ import main

    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def stop_process_group(proc, timeout: float = 15) -> None:
    """End a process started with ``start_new_session=True`` and everything in its process
    group (a server's Ray, a ``ray start`` head's daemons): SIGTERM, then SIGKILL."""
    import signal
    import subprocess

    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            continue
