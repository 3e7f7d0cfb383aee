"""The speed-ups of glossary/matcher_fast.py agree with the plain code they stand for: `find` with
each of them gives what it gives without."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glossary import Glossary
from glossary.matcher_fast import HiddenKeys

from .conftest import write_glossary

# Keys that hide each other: one inside another (イヤ in タイヤ, 湾x in 台湾x), one starting inside
# another and running on past it (タイ + イト..., ap + pple, 東湾a + 湾ab). A hidden hit is kept
# only where its own checks pass: 東湾a rejected (case, or a Latin letter after it) hides 湾a and
# 湾ab, which start after a kanji.
OVERLAPPING = """\
entities:
  - id: thailand
    label: LOCATION
    canonical: Thailand
    canonical_ja: タイ
    variants: [タイ]
  - id: itoyokado
    label: ORG
    canonical: Ito-Yokado
    canonical_ja: イトーヨーカドー
    variants: [イトーヨーカドー, イトヨ]
  - id: taiwan
    label: LOCATION
    canonical: Taiwan
    canonical_ja: 台湾
    variants: [タイワン, 台湾]
  - id: ap
    label: ORG
    canonical: AP
    canonical_ja: AP通信
    variants: [ap]
  - id: apple
    label: ORG
    canonical: Apple
    canonical_ja: アップル
    variants: [apple, pple社, アップル]
  - id: tire
    label: PRODUCT
    canonical: Tire
    canonical_ja: タイヤ
    variants: [タイヤ, イヤ]
  - id: bay
    label: LOCATION
    canonical: Bay A
    canonical_ja: 湾A
    variants: [湾a, 湾ab]
  - id: east_bay
    label: PRODUCT
    canonical: East Bay A
    canonical_ja: 東湾A
    variants:
      - text: 東湾A
        case_sensitive: true
"""

TEXT = st.lists(
    st.sampled_from(["タイ", "タイト", "イトヨ", "イトーヨーカドー", "タイワン", "タイヤ", "ヤ", "イヤ", "ト", "ル", "ap", "apple",
                     "pple", "社", "app", "le", "x", "アップル", "ー", "・", " ", "の", "\n", "東湾", "湾", "a", "A", "b", "。"]),
    max_size=14,
).map("".join)


def _always_search(g: Glossary) -> Glossary:
    """The glossary searching every rejected hit's window (the plain code)."""
    g._hides.may_hide = lambda ki, following: True  # type: ignore[method-assign]
    return g


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT)
@example("東湾Ab。")  # 東湾a rejected (b after it) hides 湾ab, which runs on past it
@example("東湾a。")  # 東湾a rejected (case) hides 湾a, its tail
def test_hidden_keys_gate_finds_what_searching_every_window_finds(tmp_path_factory, text):
    gdir = write_glossary(tmp_path_factory.mktemp("g"), OVERLAPPING, corrections=None)
    plain = _always_search(Glossary.load(gdir))
    gated = Glossary.load(gdir)
    for surface in ("en", "keep"):
        assert gated.find(text, surface=surface) == plain.find(text, surface=surface)


def test_hidden_keys_gate_from_the_keys():
    keys = ["たい", "いとよ", "たいわん", "ap", "pple社", "apple", "たいや", "いや"]
    hides = HiddenKeys(keys)
    # たい: いとよ and いや start inside it and run on with と / や; たいわん and たいや start with it
    assert {c for c in "とやわxー" if hides.may_hide(0, c)} == {"と", "や", "わ"}
    assert not hides.may_hide(0, "")  # at the end of the text nothing runs on
    assert hides.may_hide(6, "x")  # たいや holds いや: always searched
    assert hides.may_hide(5, "")  # apple starts with ap
    assert not hides.may_hide(3, "x") and hides.may_hide(3, "p")  # ap + ple社 / ap + ple (apple)
