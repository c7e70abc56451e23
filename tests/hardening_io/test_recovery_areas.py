"""Recovery areas are owned and locked by the running studio (process id and host in the
lock file): another studio never offers a live one, and a killed one's is offered."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from app.core.workspace.recovery import RecoveryStore, merged

ROOT = Path(__file__).parents[2]
_STUDIO = """
import sys, time
from app.core.workspace.recovery import RecoveryStore
area = RecoveryStore(sys.argv[1]).area(sys.argv[2])
area.save({"templates/x/en/sms.txt": "thirty live words"})
print(area.lock_path, flush=True)
time.sleep(600)
"""


def test_a_live_area_is_never_offered_and_a_killed_ones_is(tmp_path: Path) -> None:
    folder, project = tmp_path / "recovery", tmp_path / "project"
    studio = subprocess.Popen([sys.executable, "-c", _STUDIO, str(folder), str(project)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert studio.stdout is not None
        lock = Path(studio.stdout.readline().strip())
        owner = json.loads(lock.read_text(encoding="utf-8"))
        assert owner["pid"] == studio.pid and owner["host"] == socket.gethostname()
        store = RecoveryStore(folder)
        assert store.orphans(project) == []  # alive: its text is not a leftover
    finally:
        os.kill(studio.pid, signal.SIGKILL)
        studio.wait(10)
    orphans = store.orphans(project)
    assert merged(orphans) == {"templates/x/en/sms.txt": "thirty live words"}
    # While one studio offers it, another doesn't offer it too.
    assert RecoveryStore(folder).orphans(project) == []
    for orphan in orphans:
        orphan.release()  # "Later": kept, offered again
    again = RecoveryStore(folder).orphans(project)
    assert merged(again) == {"templates/x/en/sms.txt": "thirty live words"}
    for orphan in again:
        orphan.forget()  # discarded
    assert RecoveryStore(folder).orphans(project) == []


def test_an_earlier_versions_recovery_file_is_offered(tmp_path: Path) -> None:
    import hashlib

    project = tmp_path / "project"
    key = hashlib.sha256(str(project.resolve()).encode()).hexdigest()[:16]
    (tmp_path / f"{key}.json").write_text(json.dumps({"files": {"a.txt": "old words"}}),
                                          encoding="utf-8")
    assert merged(RecoveryStore(tmp_path).orphans(project)) == {"a.txt": "old words"}
