"""The tagger reads a text in two passes (`tagger.find_numbers`): the scan (`read_starts`: trigger,
dispatch, branch sets) finds every start's match first, then the handlers make the mentions, one
after another, so each pass finds its code in the CPU's caches (bench/README.md, session 7). The
scan may go on without the handlers because how far it goes from a start depends on the match
alone, except for a range that is none (`dates.RETRY`), which the scan asks the range's handler."""

from __future__ import annotations

import ast
import inspect

from normalizers.numbers import amounts, dates, grammar, tagger


class _Spy:
    """Records, in one list shared with the handlers' wrappers, each search of the trigger."""

    def __init__(self, pattern, events: list[str]):
        self.pattern, self.events = pattern, events

    def search(self, text, pos):
        self.events.append("scan")
        return self.pattern.search(text, pos)


def _recording(handler, events: list[str]):
    def run(*args):
        events.append("handler")
        return handler(*args)

    return run


def test_the_handlers_run_after_the_scan(monkeypatch, golden_number_texts):
    texts = golden_number_texts + ["2010、2012年に3人、2〜3年で5億円", "(C)2011 『マルサの女』(87) 9時30分"]
    want = [tagger.find_numbers(t) for t in texts]
    events: list[str] = []
    monkeypatch.setattr(tagger, "TRIGGER", _Spy(grammar.TRIGGER, events))
    monkeypatch.setattr(amounts, "amount", _recording(amounts.amount, events))
    # (a range's handler answers during the scan whether the range is one: not recorded)
    handlers = {name: h if name == tagger.RETRYING else _recording(h, events)
                for name, h in tagger.HANDLER_FUNCTIONS.items()}
    monkeypatch.setattr(tagger, "HANDLER_FUNCTIONS", handlers)
    for text, found in zip(texts, want):
        events.clear()
        assert tagger.find_numbers(text) == found, text
        if "handler" in events:
            assert "scan" not in events[events.index("handler"):], text


def _answers_retry(function) -> bool:
    tree = ast.parse(inspect.getsource(function))
    return any(isinstance(node, ast.Return) and isinstance(node.value, ast.Name) and node.value.id == "RETRY"
               for node in ast.walk(tree))


def test_only_the_range_handler_may_answer_retry():
    # (`tagger.read_start` asks that handler alone during the scan; another one answering RETRY
    # would be read after the scan, too late to read its start as an amount)
    for name, handler in tagger.HANDLER_FUNCTIONS.items():
        assert _answers_retry(handler) == (name == tagger.RETRYING), name
    assert _answers_retry(dates.date_range)
