"""The number tagger's branch sets run on the standard `re` (faster per match than `regex`), and
`re` reads them exactly as `regex` does: word lists as tries (`patterns.words`) match what
`regex`'s named lists matched, and every set but the few of `NEEDS_REGEX` compiles with `re`."""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers.numbers import date_tables, grammar, patterns, tables, tagger, word_tables

RE_SETS = [b for b in grammar.BRANCH_SETS if not grammar.NEEDS_REGEX.intersection(b.names)]


def test_the_hot_branch_sets_compile_with_re():
    # (the amount after a unit, and the sets after 年, 月, 〜: most of the tagger's matches)
    for b in (grammar.AMOUNT, grammar.RELATIVE_DATE, grammar.FOLLOWERS["年"], grammar.FOLLOWERS["月"],
              grammar.FOLLOWERS["〜"], grammar.FOLLOWERS["時"]):
        assert isinstance(b.pattern, re.Pattern), b.names
    assert all(isinstance(b.pattern, re.Pattern) for b in RE_SETS)
    assert len(RE_SETS) >= 14


def _same_match(pattern: re.Pattern, reference: regex.Pattern, text: str, pos: int) -> None:
    m, ref = pattern.match(text, pos), reference.match(text, pos)
    assert (m is None) == (ref is None), (text, pos)
    if m is not None:
        assert m.regs == ref.regs, (text, pos)


# (each set as `regex` reads its branches as written, before `grammar.optional_as_alternation`)
REFERENCES = [(b.pattern, regex.compile(grammar.branch_source(b.names))) for b in RE_SETS]


def _at_every_position(texts, pairs, same) -> None:
    """same(a, b, text, pos) for each text, each position in it and each pair (a, b)."""
    for text in texts:
        for pos in range(len(text)):
            for a, b in pairs:
                same(a, b, text, pos)


def test_re_reads_every_branch_set_as_regex_does_on_the_golden_texts(golden_number_texts):
    _at_every_position(golden_number_texts, REFERENCES, _same_match)


# The characters number patterns read, for random texts.
NUMBER_ALPHABET = "0123456789１一二三十百千万億数第年月日度代間前半人円ドル%〜、-. /:a昨一去来今先々平成 以上超約カヶ回目分秒時"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=NUMBER_ALPHABET, max_size=24))
def test_re_reads_every_branch_set_as_regex_does_on_random_text(text):
    _at_every_position([text], REFERENCES, _same_match)


WORD_LISTS = {"counters": sorted(set(tables.COUNTERS)), "durations": sorted(date_tables.DURATION_UNITS),
              "currencies": sorted(tables.CURRENCY_WORDS), "qualifiers": sorted(set(word_tables.POST_QUALIFIERS))}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(WORD_LISTS)), st.text(alphabet="カヶか月間国所円ドル米以上下未満人年日時分秒前半ば度", max_size=8),
       st.sampled_from(["", "間", "月", "(?![間前])", "目"]))
def test_a_word_trie_matches_as_a_regex_named_list(name, text, tail):
    """The longest word that fits first, a shorter one when what follows needs it (カ月 + 間)."""
    trie = re.compile(f"(?P<w>{patterns.words(WORD_LISTS[name])}){tail}")
    named_list = regex.compile(f"(?P<w>\\L<words>){tail}", words=WORD_LISTS[name])
    for pos in range(len(text) + 1):
        _same_match(trie, named_list, text, pos)


def test_a_word_trie_backtracks_to_a_shorter_word():
    pattern = re.compile(f"(?P<w>{patterns.words(['カ', 'カ月', 'カ月間'])})月")
    assert pattern.match("カ月").group("w") == "カ"
    assert re.compile(patterns.words(["カ", "カ月", "カ月間"])).match("カ月間です").group() == "カ月間"


def test_lookbehinds_per_width_read_as_one_variable_width_lookbehind():
    words = ["一昨", "昨", "再来", "来"]
    ours = re.compile(f"{patterns.behind(words, then='年')}X")
    theirs = regex.compile(f"(?<=(?:{'|'.join(words)})年)X")
    not_ours = re.compile(f"{patterns.not_behind(words, then=grammar.SPACE_CHAR)}{patterns.not_behind(words)}X")
    not_theirs = regex.compile(f"(?<!(?:{'|'.join(words)}){grammar.SPACE})X")
    for text in ("一昨年X", "昨年X", "再来年X", "来年X", "今年X", "年X", "X", "来 X", "来X", "一昨\u3000X", "今 X"):
        for pos in range(len(text)):
            _same_match(ours, theirs, text, pos)
            _same_match(not_ours, not_theirs, text, pos)


def test_han_is_regex_p_han():
    han, ours = regex.compile(r"\p{Han}"), re.compile(grammar.HAN)
    assert [c for c in range(0x110000) if (han.match(chr(c)) is None) != (ours.match(chr(c)) is None)] == []


# The tagger's dispatch (tagger.read_start) names the branch that matched without trying each
# branch's group in turn (`tagger.branch_of`).
def _first_branch(b: grammar.BranchSet, m) -> str:
    return next(name for name in b.names if m.start(b.group[name]) >= 0)


def test_the_dispatch_names_the_branch_that_matched(golden_number_texts):
    for text in golden_number_texts:
        for pos in range(len(text)):
            for b in grammar.BRANCH_SETS:
                m = b.pattern.match(text, pos)
                if m is not None:
                    assert tagger.branch_of(m, b) == _first_branch(b, m), (text, pos, b.names)


def _starts_after(text: str, mark: str) -> tuple[str, int, int]:
    s = len(mark)
    t = grammar.TRIGGER.search(mark + text, s)
    assert t is not None and t.start() == s, text
    return mark + text, s, t.end()


# After a copyright mark or the title of a work, every branch is tried but where no year those
# marks announce may start ((C)2011, 』(87)) and digits alone are followed by what only an amount
# reads (」(34歳・女), (59%)): any other number there is read by every branch, as before.
@pytest.mark.parametrize("mark, text, every_branch", [
    ("(C)", "2011", True), ("© ", "2006年", True), ("Copyright ", "2012", True), ("』(", "87)", True),
    ("」 (", "2012)", True), ("』(", "34歳・女)", False), ("」(", "59%)", False), ("(C)", "20人", False),
    ("』(", "2012年)", True), ("(c) ", "12345", True), ("』(", "3)", True), ("』(", "5,000億)", True),
    ("』 (", "3〜4月)", True), ("」(", "12.30/1.6", True), ("」(", "3.11万人)", True), ("』(", "１２人)", False),
])
def test_every_branch_is_tried_after_a_mark_only_where_its_year_may_start(mark, text, every_branch):
    whole, s, run_end = _starts_after(text, mark)
    assert (tagger.branches_at(whole, s, run_end) is grammar.ALL) == every_branch, whole


MARKS = ("(C)", "(c) ", "©", "© ", "Copyright ", "』(", "」(", "』 (", "」 (")


def test_numbers_after_a_mark_read_as_with_every_branch(monkeypatch, golden_number_texts):
    texts = [mark + t for t in golden_number_texts if t[:1] in grammar.DIGITS for mark in MARKS]
    texts += [f"『マルサの女』({t})" for t in ("87", "1987", "34歳", "59%", "2012年", "3月", "2〜3年", "5,000億", "12.30/1.6",
                                          "8.18-25号", "3.11万人", "2から3年", "１２人", "12 人", "3・5倍")]
    ours = [tagger.find_numbers(t) for t in texts]
    with monkeypatch.context() as patch:
        patch.setattr(tagger, "mark_year_at", lambda text, s: True)  # (every branch after any mark)
        reference = [tagger.find_numbers(t) for t in texts]
    assert ours == reference


# A set read `then_amount` (grammar.branch_set) is tried, then AMOUNT where none of its branches
# matched: the same reading as one alternation with AMT last, behind the same identifier test.
SETS_THEN_AMOUNT = [b for b in grammar.BRANCH_SETS if b.then_amount]
JOINED = [(b, grammar.branch_set(*b.names, "AMT")) for b in SETS_THEN_AMOUNT]


def _same_reading(b: grammar.BranchSet, joined: grammar.BranchSet, text: str, pos: int) -> None:
    m, used = tagger.match_at(b, text, pos)
    ref = joined.pattern.match(text, pos)
    assert (m is None) == (ref is None), (text, pos, b.names)
    if m is not None:
        name = tagger.branch_of(m, used)
        assert name == tagger.branch_of(ref, joined), (text, pos, b.names)
        assert {k: m.span(i) for k, i in used.group.items()} == {k: ref.span(joined.group[k]) for k in used.group}, (text, pos)


def test_a_set_then_amount_reads_as_one_alternation_with_amt_last(golden_number_texts):
    assert len(SETS_THEN_AMOUNT) >= 8 and all("AMT" not in b.names for b in SETS_THEN_AMOUNT)
    _at_every_position(golden_number_texts, JOINED, _same_reading)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=NUMBER_ALPHABET + "×(mm)", max_size=24))
def test_a_set_then_amount_reads_as_one_alternation_on_random_text(text):
    _at_every_position([text], JOINED, _same_reading)


def test_an_optional_group_becomes_an_alternation_with_an_empty_last_alternative():
    rewrite = grammar.optional_as_alternation
    assert rewrite("a(?:bc)?d") == "a(?:bc|)d"
    assert rewrite("(?P<n>x)?y") == "(?:(?P<n>x)|)y"  # (a group that did not match stays None)
    assert rewrite("(?:a(?:b)?)?") == "(?:a(?:b|)|)"
    assert rewrite(r"(?:[(?]\))?(?:[]?)]a)?") == r"(?:[(?]\)|)(?:[]?)]a|)"  # (brackets in a class, escaped)
    for untouched in ("(?:a)??", "(?:a)?+", "(?=a)?", "(?P=n)?", "(?:a)*", "(?:a){0,1}"):
        assert rewrite(untouched) == untouched
    m = re.compile(rewrite("(?P<n>x)?(?P<m>y)?z")).match("yz")
    assert m.group("n") is None and m.group("m") == "y"


def test_the_sets_on_re_read_as_written_before_the_rewrite_of_their_optional_groups(golden_number_texts):
    written = [(b.pattern, re.compile(grammar.branch_source(b.names))) for b in RE_SETS]
    hot = {id(b.pattern) for b in (grammar.AMOUNT, grammar.FOLLOWERS["年"], grammar.FOLLOWERS["月"])}
    assert all(p.pattern != w.pattern for p, w in written if id(p) in hot)  # (the hot sets have optional groups)
    _at_every_position(golden_number_texts, written, _same_match)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=NUMBER_ALPHABET + "，．,・万", max_size=24))
def test_the_sets_on_re_read_as_written_on_random_text(text):
    written = [(b.pattern, re.compile(grammar.branch_source(b.names))) for b in RE_SETS]
    _at_every_position([text], written, _same_match)


# Tails after a numeral: each makes the engine take the first end, in its order, that fits.
TAILS = ("", "(?![0-9０-９])", "(?=[,，])", "(?=[0-9０-９])", "(?=[.．])", "(?=人)", "(?=[0-9][,，])", "(?=[0-9]{2}人)", "$")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789０１,，.．・ 万億十三人円", max_size=16))
def test_arabic_numerals_read_as_the_plain_pattern(text):
    """`grammar.ARABIC` opens each alternative on a digit: the same numerals, tried in the same
    order, as the plain `D{1,3}(?:,D{3})+|D++` (alone and inside NUMERAL, before any tail)."""
    d = grammar.DIGIT
    plain = f"(?:{d}{{1,3}}(?:[,，]{d}{{3}})+|{d}++)(?:[.．]{d}++)?"
    for ours, theirs in ((grammar.ARABIC, plain), (grammar.NUMERAL, grammar.NUMERAL.replace(grammar.ARABIC, plain))):
        assert ours != theirs
        for tail in TAILS:
            a, b = re.compile(f"(?:{ours})+{tail}"), re.compile(f"(?:{theirs})+{tail}")
            for pos in range(len(text) + 1):
                m, n = a.match(text, pos), b.match(text, pos)
                assert (m and m.span()) == (n and n.span()), (text, pos, tail)
