"""A bounded load test in CI: 20 concurrent sessions against the real app on loopback, no errors allowed.
The figures of a longer run come from `python -m benchmarks.load_test` (see docs/RELIABILITY.md)."""

from __future__ import annotations

import pytest

from benchmarks.load_test import run
from tests.apprunner import serve


@pytest.mark.browser
def test_twenty_concurrent_sessions_are_all_answered(settings, index, tmp_path):
    with serve(settings, tmp_path) as app:
        report = run(app["url"], sessions=20, duration=20, max_requests=1, mode="extractive")
        assert report["errors"] == 0, report["error_samples"]
        assert report["sessions_served"] == 20 and report["ok"] == 20  # the queue made them wait, dropped none
    assert "Traceback" not in app["log"].read_text()


def test_load_test_refuses_non_loopback_targets():
    with pytest.raises(SystemExit, match="loopback addresses only"):
        run("http://192.0.2.1:7860/", sessions=1, duration=1, max_requests=1, mode="extractive")
