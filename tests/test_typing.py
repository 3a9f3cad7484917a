"""The typed consumer file passes mypy --strict and runs."""

from __future__ import annotations

import runpy
from pathlib import Path

HERE = Path(__file__).parent


def test_consumer_file_runs() -> None:
    """tests/typing/api.py runs against the real library (mypy checks it in the test command)."""
    namespace = runpy.run_path(str(HERE / "typing" / "api.py"))
    assert namespace["actor"].id == "steve-witkoff"
    assert namespace["again"] == namespace["ds"]
    assert namespace["by_hamas"].ids() == ["stmt-hamas-armed-resistance"]
    assert [d.topic.id for d in namespace["disputes"]] == ["hamas-disarmament"]
