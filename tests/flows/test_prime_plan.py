"""The plan made ahead of the flow while the temporary server boots (flows.flow.prime_plan);
no Prefect server."""

from __future__ import annotations

import json
import os

import pytest

import flows.flow as F


def _jsonl(path, n: int) -> None:
    path.write_text("".join(json.dumps({"text": f"文書{i}です。"}, ensure_ascii=False) + "\n" for i in range(n)),
                    encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_primed_plan():
    F._PRIMED_PLAN.clear()
    yield
    F._PRIMED_PLAN.clear()


def test_a_primed_plan_is_taken_once(tmp_path, monkeypatch):
    p = tmp_path / "a.jsonl"
    _jsonl(p, 30)
    F.prime_plan([str(p)], 10, 1 << 20)
    calls = []
    monkeypatch.setattr(F, "plan_shards", lambda *a: calls.append(a) or pytest.fail("planned again"))
    plan = F.plan_input.fn([str(p)], 10, 1 << 20)
    assert plan.n_docs == 30 and len(plan.shards) == 3 and not F._PRIMED_PLAN
    monkeypatch.undo()
    again = F.plan_input.fn([str(p)], 10, 1 << 20)  # taken: the next call plans
    assert again is not plan and again.shards == plan.shards


@pytest.mark.parametrize("change", ["content", "mtime", "shard_size", "inputs"])
def test_a_primed_plan_of_other_files_or_settings_is_not_used(tmp_path, change):
    p = tmp_path / "a.jsonl"
    _jsonl(p, 30)
    F.prime_plan([str(p)], 10, 1 << 20)
    shard_size, inputs = 10, [str(p)]
    if change == "content":
        _jsonl(p, 31)
    elif change == "mtime":
        st = os.stat(p)
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    elif change == "shard_size":
        shard_size = 15
    else:
        inputs = [str(tmp_path)]
    plan = F.plan_input.fn(inputs, shard_size, 1 << 20)
    fresh = F._plan(*F.discover(inputs), shard_size, 1 << 20)
    assert plan.shards == fresh.shards and plan.n_docs == fresh.n_docs


def test_priming_never_fails(tmp_path):
    F.prime_plan([str(tmp_path / "missing")], 10, 1 << 20)  # the task reports it, not the CLI
    assert not F._PRIMED_PLAN

