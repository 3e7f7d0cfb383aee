"""The fuzzy gate's plans: a plan's token pattern is compiled only once its runs pass the gate."""

from __future__ import annotations

from unittest import mock

from glossary import fuzzy


def test_a_plan_that_never_passes_the_gate_compiles_no_token_pattern(glossary):
    """The token patterns (a regex per token length) are compiled for the plans whose runs pass
    the gate only; the runs are one pattern per kind."""
    built = []

    def counting_long_tokens(latin, n):
        built.append((latin, n))
        return real_long_tokens(latin, n)

    real_long_tokens = fuzzy.long_tokens
    with mock.patch.object(fuzzy, "long_tokens", counting_long_tokens):
        glossary.find("OpenAIは新サービスをリリースした。ユーザーインターフェースとデザインが話題だ。")
        assert built == []
        text = "OpenAIのアルトマンン氏が来日した。"
        assert [(text[m.start : m.end], m.method) for m in glossary.find(text)] == [
            ("OpenAI", "glossary"), ("アルトマンン", "fuzzy")]
        assert built == [(False, 5)]
