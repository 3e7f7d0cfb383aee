"""The space rule's document-level decision (normalizers/spacing.py, issue 18) over random
documents that mix spaced translation, native sentences, list items and headlines: the edits
replay, a second pass changes nothing (the decision read on the normalized text, which has lost
its translator spaces, must not now remove what the first pass kept), and list items and
headlines keep their spaces whatever the rest of the document is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import Normalizer, replay

NORMALIZER = Normalizer()

# Sentences of a spaced machine translation (the seeds' habit) and of native text.
TRANSLATED = [
    "7 月 22 日、Microsoft と OpenAI は AI チップに関する提携を発表した。",
    "報道によれば、MAI-1 はおよそ 5,000 億のパラメータを持ち、スーパーコンピューティング ハードウェアで訓練された。",
    "これには主に 2 つの動機があると思います。",
    "ミラ ムラティ氏は、gpt-5 のリリースは 2023 年末までに遅れる可能性があると述べた。",
    "複雑な Dota 2 ゲームでプロの人間チームを破りました。",
]
NATIVE = [
    "こんな素晴らしい原石がゴロゴロ転がってる こんないいチームがなくなってもいいのか。",
    "夫婦ってそんなものなんですか？ 私と彼もそうなるのかしら。",
    "計蔵　　瘤つきは別として、四十の独身は、どうかならんもんかな。",
    "このパックは15,000 円で利用できる。",
]
# Lines whose spaces separate phrases, with nothing in them the rule always removes.
PHRASE_LINES = [
    "・Copilot アプリ",
    "・ネスカフェ エクセラ",
    "・iPhone 4Sの音声認識機能は使える 新しいiPadでも使える音声認識",
    "「5兆ドル」超え AIブーム",
    "4万4000%超 過去10年",
    "織田昌大 アクセス",
    "記者 omg@donga.com",
    "優秀賞\u3000全国タクシー配車",
    "\u3000字下げされた段落です。",
]
# Loose pieces: what the rule reads next to a space.
PIECES = list("月日年億つはとのが、。「」！？・ 　\n") + ["7", "22", "5,000", "AI", "Microsoft", "チップ", "氏", "ミラ", "監督"]

lines = st.one_of(
    st.sampled_from(TRANSLATED),
    st.sampled_from(NATIVE),
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
)


@given(
    st.lists(st.tuples(st.booleans(), lines, st.sampled_from(PHRASE_LINES)), min_size=1, max_size=8),
)
@settings(max_examples=300, deadline=None)
def test_phrase_lines_keep_their_spaces_and_the_decision_is_stable(parts):
    out_lines = []
    for phrase_first, line, phrase in parts:
        out_lines += [phrase, line] if phrase_first else [line, phrase]
    raw = "\n".join(out_lines)
    doc = NORMALIZER.normalize(raw)
    assert replay(raw, doc.edits) == doc.text
    assert NORMALIZER.normalize(doc.text).text == doc.text, (raw, doc.text)
    kept = set(doc.text.split("\n"))
    for _, _, phrase in parts:
        assert phrase in kept, (phrase, raw, doc.text)


@given(st.lists(st.one_of(lines, st.sampled_from(list(" \u3000\xa0\t\u2009$¥x") + ["  ", " \u3000"])), max_size=20).map("".join))
@settings(max_examples=500, deadline=None)
def test_spaced_boundaries_at_the_runs_are_those_searched(text):
    # The definition is the search (`_SPACED_BOUNDARY.findall`); given the text's maximal runs of
    # SPACES (what `TextFacts.runs` holds), only the single spaces among them are tried, those
    # of them that are not U+3000 and have a non-ASCII character on one side. `decide` asks the
    # pattern only at a run that is one translator's space: it matches at no other.
    import re

    from normalizers.spacing import _SPACED_BOUNDARY, SPACES, one_translator_space, spaced_boundaries

    runs = [m.span() for m in re.finditer(f"[{SPACES}]+", text)]
    assert spaced_boundaries(text, runs) == spaced_boundaries(text)
    for start, end in runs:
        if _SPACED_BOUNDARY.match(text, start):
            assert one_translator_space(text, start, end), (text, start)
