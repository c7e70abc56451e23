"""The bounded render worker: CPU, memory, output, crashes and hangs end in one line
naming the template and file, and the next render works."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from app.core.checks import run_checks
from app.core.project import Project
from app.core.render import Renderer
from app.core.worker import Limits, RenderStopped, WorkerPool, use_pool
from app.core.worker.limits import project_limits
from app.kernel.errors import InputError

LOGIN_SMS = Path("templates/login_code/en/sms.txt")
# Allowed by every per-operation limit of the sandbox, yet seconds of CPU time.
CPU_HEAVY = "{% for i in range(99999) %}{{ ('x' * 99999).upper()|length }}{% endfor %}"
# Allowed paddings kept in a list: a gigabyte, never written out.
MEMORY_HEAVY = "{{ (range(99999)|map('center', 9999)|list)|length }}"
DATA = {"code": "123456", "code_minutes": 5}


@pytest.fixture
def pool():
    """A pool the Renderer and the checks use, closed after the test."""
    workers = WorkerPool(size=1)
    use_pool(workers)
    yield workers
    use_pool(None)
    workers.close()


def _project(root: Path, sms: str, limits: str = "") -> Project:
    (root / LOGIN_SMS).write_text(sms, encoding="utf-8")
    if limits:
        (root / "policy.toml").write_text(f"[limits]\n{limits}\n", encoding="utf-8")
    return Project.load(root)


def test_a_cpu_heavy_template_is_stopped_and_the_next_render_works(demo, pool) -> None:
    project = _project(demo, CPU_HEAVY, "render_seconds = 0.5")
    started = time.monotonic()
    with pytest.raises(RenderStopped) as caught:
        Renderer(project).render("login_code", "en", "sms", DATA)
    assert time.monotonic() - started < 30  # generous: only a hang fails here
    text = str(caught.value)
    assert "\n" not in text
    assert "stopped: the render of login_code (en, sms) used more than 0.5 s of CPU time" \
        in text
    assert text.startswith(str(demo / LOGIN_SMS))
    assert caught.value.kind == "cpu"
    message = Renderer(project).render("login_code", "en", "whatsapp", DATA)
    assert "123456" in message.to_dict()["body"]
    assert pool.restarts == 1


def test_memory_past_the_limit_stops_the_render(demo, pool) -> None:
    project = _project(demo, MEMORY_HEAVY, "render_memory_mb = 128")
    with pytest.raises(RenderStopped) as caught:
        Renderer(project).render("login_code", "en", "sms", DATA)
    assert caught.value.kind == "memory"
    assert "used more than 128 MB of memory" in str(caught.value)


def test_a_result_past_the_output_cap_is_refused(demo, pool) -> None:
    project = _project(demo, "{% for i in range(150) %}{{ 'x'|center(9999) }}{% endfor %}",
                       "output_mb = 1")
    with pytest.raises(RenderStopped) as caught:
        Renderer(project).render("login_code", "en", "sms", DATA)
    assert "its result is larger than 1 MB" in str(caught.value)


def _signal_busy_workers(pool: WorkerPool, sig: int, after: float = 0.6) -> threading.Event:
    """Send ``sig`` to every worker ``after`` seconds into its job, until the event is set."""
    done = threading.Event()

    def watch() -> None:
        first_seen: dict[int, float] = {}
        while not done.is_set():
            for pid in pool.busy_pids():
                seen = first_seen.setdefault(pid, time.monotonic())
                if seen and time.monotonic() - seen > after:
                    first_seen[pid] = 0.0
                    os.kill(pid, sig)
            time.sleep(0.02)

    threading.Thread(target=watch, daemon=True).start()
    return done


def test_a_crashed_worker_is_retried_once_then_reported_and_replaced(demo, pool) -> None:
    project = _project(demo, CPU_HEAVY, "render_seconds = 20")
    done = _signal_busy_workers(pool, signal.SIGSEGV)
    try:
        with pytest.raises(RenderStopped) as caught:
            Renderer(project).render("login_code", "en", "sms", DATA)
    finally:
        done.set()
    text = str(caught.value)
    assert "stopped: the render of login_code (en, sms) crashed (signal SIGSEGV)" in text
    assert text.startswith(str(demo / LOGIN_SMS))
    assert pool.restarts == 2  # the first crash was tried again
    assert Renderer(project).render("login_code", "en", "whatsapp", DATA)


def test_a_worker_that_stops_answering_is_killed(demo, pool) -> None:
    project = _project(demo, CPU_HEAVY, "render_seconds = 0.5")
    done = _signal_busy_workers(pool, signal.SIGSTOP, after=0.2)
    try:
        with pytest.raises(RenderStopped) as caught:
            Renderer(project).render("login_code", "en", "sms", DATA)
    finally:
        done.set()
    assert caught.value.kind == "time"
    assert "ran for more than 2.5 s" in str(caught.value)


def test_the_checks_report_a_stopped_variant_and_check_the_rest(demo, pool) -> None:
    project = _project(demo, CPU_HEAVY, "render_seconds = 0.5")
    report = run_checks(project, jobs=2)
    stopped = [f for f in report.findings if "stopped" in f.message]
    assert {(f.template, f.locale, f.channel) for f in stopped} == {("login_code", "en", "sms")}
    assert all(f.severity == "error" and f.path == LOGIN_SMS.as_posix() for f in stopped)
    others = {(f.template, f.locale) for f in report.findings if f not in stopped}
    assert ("invoice_ready", "he") in others  # the demo's long Hebrew SMS is still checked


def test_limits_come_from_policy_toml_with_errors_on_their_line(tmp_path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("[limits]\nrender_seconds = 3\nrender_memory_mb = 256\n")
    assert project_limits(policy) == Limits(cpu_seconds=3, memory_mb=256)
    policy.write_text("[limits]\nrender_seconds = 1\nturbo = true\n")
    with pytest.raises(InputError) as caught:
        project_limits(policy)
    assert str(caught.value).startswith(f"{policy}:3:1: unknown key 'turbo' in [limits]")
