"""Spec tables whose header names the unit in brackets before the numbers, one row a line (issue 19:
smax's ■主な仕様 tables; the golden files hold one line a case, these rows need their line breaks)."""

from __future__ import annotations

from normalizers.numbers import find_numbers

TABLE = ("■主な仕様\n寸法\n(高さ×幅×厚さ:mm) 約136×70×9.4\n質量(g) 約129\n"
         "3G連続待受時間(静止時[自動])(時間) 約400\n連続通話時間(3G/GSM)(分) 約360/約450\n"
         "連続テレビ電話時間(分)\nバッテリー容量 1800mAh\n")


def test_every_row_of_a_spec_table_takes_its_header_unit():
    got = [(TABLE[m.start : m.end], m.label, m.value, m.unit, m.approximate) for m in find_numbers(TABLE)]
    assert got == [
        ("136", "QUANTITY", 136.0, "mm", True),
        ("70", "QUANTITY", 70.0, "mm", False),
        ("9.4", "QUANTITY", 9.4, "mm", False),  # (the last of its line)
        ("129", "QUANTITY", 129.0, "g", True),
        ("400", "DURATION", 400.0, "時間", True),
        ("360", "DURATION", 360.0, "分", True),
        ("450", "DURATION", 450.0, "分", True),
        ("1800mAh", "QUANTITY", 1800.0, "mAh", False),
    ]


def test_a_bare_number_at_the_end_of_a_line_is_still_none():
    text = "Android 4.0\nバージョン 2\n合計 129\n"
    assert find_numbers(text) == []


def test_numbers_under_a_header_that_carry_their_own_unit_keep_it():
    text = "(高さ×幅×厚さ:mm) 約119×60×10.8mm\n質量(g) 約115g\n(時間) 約460時間\n(分) 約350分/約380分\n"
    got = [(text[m.start : m.end], m.label, m.value, m.unit) for m in find_numbers(text)]
    assert got == [("119", "QUANTITY", 119.0, "mm"), ("60", "QUANTITY", 60.0, "mm"), ("10.8mm", "QUANTITY", 10.8, "mm"),
                   ("115g", "QUANTITY", 115.0, "g"), ("460時間", "DURATION", 460.0, "時間"),
                   ("350分", "DURATION", 350.0, "分"), ("380分", "DURATION", 380.0, "分")]


def test_a_header_with_its_approximation_or_a_label_before_the_unit():
    # batch n4 (smax's 主なスペック): 約 inside the header's brackets, a label and a space before
    # the unit, a count word as the unit
    text = ("サイズ(約mm） 136×70×9.6 \n連続通話 3G（約　分） 340 \nGSM（約　時間） 240 \n"
            "発色数（色） 1677万 \nバッテリー\n（容量 mAh） 1800 \n")
    got = [(text[m.start : m.end], m.label, m.value, m.unit, m.approximate) for m in find_numbers(text)]
    assert got == [
        ("136", "QUANTITY", 136.0, "mm", True),
        ("70", "QUANTITY", 70.0, "mm", True),
        ("9.6", "QUANTITY", 9.6, "mm", True),
        ("340", "DURATION", 340.0, "分", True),
        ("240", "DURATION", 240.0, "時間", True),
        ("1677万", "QUANTITY", 16770000.0, "色", False),
        ("1800", "QUANTITY", 1800.0, "mAh", False),
    ]
