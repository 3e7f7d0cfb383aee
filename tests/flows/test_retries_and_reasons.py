"""Retries on I/O only (issue 20.1): an input that does not exist fails at once; and a
document's rejection reason code comes from its exception's type (a normalizer timeout class
added later needs no flow change)."""

from __future__ import annotations

import pytest
from prefect.states import Failed

from flows import flow as F
from flows import process
from flows.ingest import InputError
from flows.pool import WorkerDied


def test_retry_conditions_retry_io_and_dead_workers_only():
    assert F.retry_on_io(None, None, Failed(data=OSError("disk busy")))
    assert not F.retry_on_io(None, None, Failed(data=InputError("input not found: x")))
    assert not F.retry_on_io(None, None, Failed(data=ValueError("a bug")))
    assert F.retry_batch(None, None, Failed(data=WorkerDied("worker process 1 died")))
    io, bug = process.ShardsFailed("shard a: OSError"), process.ShardsFailed("shard a: KeyError")
    io.retryable = True
    assert F.retry_batch(None, None, Failed(data=io)) and not F.retry_batch(None, None, Failed(data=bug))


@pytest.mark.slow
def test_an_input_that_does_not_exist_is_not_retried(prefect_server, tmp_path, monkeypatch):
    calls = []
    real = F.discover
    monkeypatch.setattr(F, "discover", lambda inputs: calls.append(inputs) or real(inputs))
    with prefect_server.settings():
        state = F.normalize_corpus(inputs=[str(tmp_path / "nowhere")], out=str(tmp_path / "out"), return_state=True)
    assert state.is_failed()
    with pytest.raises(InputError, match="input not found"):
        state.result()
    assert len(calls) == 1  # one attempt: retries=2 are for I/O errors


class GlossaryTimeoutLike(TimeoutError):
    """What a normalizer's regex-timeout class may look like."""


class NamedCode(ValueError):
    reason_code = "glossary_timeout"


class SubOfNamed(NamedCode):
    pass


def test_the_rejection_code_comes_from_the_exception_type():
    assert process.rejection_code(ValueError("x")) == "normalization_error"
    assert process.rejection_code(GlossaryTimeoutLike("regex ran 2 s")) == "timeout"
    assert process.rejection_code(NamedCode("x")) == "glossary_timeout"
    assert process.rejection_code(SubOfNamed("x")) == "glossary_timeout"


def test_the_normalizers_glossary_timeout_is_rejected_as_glossary_timeout():
    from normalizers import GlossaryTimeout

    assert process.rejection_code(GlossaryTimeout("(a|a)*b", "entities.yaml:3 (x)", 2.0)) == "glossary_timeout"


def test_process_shard_records_a_timeout_as_timeout(tmp_path, monkeypatch):
    from flows.ingest import discover
    from flows.shards import plan_shards
    from normalizers import NormalizeConfig, Normalizer

    class Slow(Normalizer):
        def apply_rules(self, alignment):
            if "遅い" in alignment.text:
                raise GlossaryTimeoutLike("a glossary regex ran too long")
            return super().apply_rules(alignment)

    monkeypatch.setattr(process, "get_normalizer", lambda g, c: Slow())
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("速い文書。", encoding="utf-8")
    (src / "b.txt").write_text("遅い文書。", encoding="utf-8")
    (spec,) = plan_shards(discover([src])[0], 100, 1 << 20).shards
    cfg = NormalizeConfig()
    ctx = process.RunContext(str(tmp_path / "out"), None, cfg.to_dict(), "t", None, cfg.fingerprint(), 1 << 20)
    m = process.process_shard(spec, ctx, "fp")
    assert (m["ok"], m["rejected"], m["rejected_by_reason"]) == (1, 1, {"timeout": 1})


def test_local_workers_are_capped_at_the_cores_a_remote_cluster_is_not(monkeypatch):
    from flows import pool

    warnings = []
    monkeypatch.setattr(pool.os, "cpu_count", lambda: 2)
    assert pool.local_worker_count(500, None, lambda *a: warnings.append(a)) == 2 and warnings
    assert pool.local_worker_count(0, None, warnings.append) == 1
    assert pool.local_worker_count(2, None, warnings.append) == 2
    assert pool.local_worker_count(64, "tcp://scheduler:8786", warnings.append) == 64
