"""SIGTERM stops the service after its cycle, but a build worker forked from it must
still die of SIGTERM: a pool ends its workers so, then waits for them."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.cli.watch import _on_stop
from generator.content.repository import find_layout
from generator.service.clock import Clock
from generator.service.loop import Service, Settings
from tests.sync.gitrepos import central_repo


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    central = central_repo(tmp_path / "pusat", {})
    layout = find_layout(central)
    assert layout is not None
    now = datetime(2026, 11, 24, tzinfo=UTC)
    kept = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    yield Service(layout, Settings(out=central / "site"), Clock(lambda: now, time.monotonic))
    signal.signal(signal.SIGTERM, kept[0])
    signal.signal(signal.SIGINT, kept[1])


def test_sigterm_stops_the_service_and_kills_a_forked_worker(service: Service) -> None:
    _on_stop(service, "en")
    child = os.fork()
    if child == 0:  # a build worker: the service's handler came with the fork
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)
        os._exit(0)  # only if SIGTERM was swallowed
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
    assert not service.stopping.is_set()  # the worker's signal is not the service's
    os.kill(os.getpid(), signal.SIGTERM)
    assert service.stopping.wait(5)


def test_ctrl_c_stops_the_service_and_a_forked_worker_finishes_its_site(service: Service) -> None:
    """Ctrl+C reaches the terminal's whole process group: a build worker goes on."""
    _on_stop(service, "en")
    child = os.fork()
    if child == 0:  # a build worker, in the middle of its site
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.2)
        os._exit(7)  # its site done
    _, status = os.waitpid(child, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 7
    assert not service.stopping.is_set()
    os.kill(os.getpid(), signal.SIGINT)
    assert service.stopping.wait(5)
