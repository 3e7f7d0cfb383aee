"""Page debris rules: whole lines that are not article text (menus, counters, adverts).

Conservative: a line is removed only when it matches one of these specific patterns, so real
article text is never dropped. Each rule removes the line with its line break. The rules run
after the character rules, so they see indents stripped and full-width forms folded, but they
also accept the raw forms (spaces, full-width brackets) in case those rules are switched off.

Measured on the 7,367 livedoor news documents (bench/normalizer_vs_neologdn.py prints it): no
rule removes a single line there; tests/normalizers/test_debris.py keeps it that way.
"""

from __future__ import annotations

import re

from .rules import Rule


_EOL = r"[ \t]*(?:\n|\Z)"  # end of the line, its line break included
_BULLET = "[\N{BULLET}\N{KATAKANA MIDDLE DOT}*\\-]"

# `• 0 comments`, `12 コメント`: nothing else on the line.
_COUNTER = rf"[ \t]*(?:{_BULLET}[ \t]*)?\d+ ?(?i:comments?|コメント){_EOL}"

# Language self-names as site menus list them, longest first where one is a prefix of another.
_LANGUAGES = sorted(
    [
        "English", "Français", "Deutsch", "Español", "Italiano", "Português", "Nederlands",
        "Polski", "Türkçe", "Svenska", "Dansk", "Norsk", "Suomi", "Suomalainen", "Latina",
        "Čeština", "Magyar", "Română", "Indonesian", "Bahasa Indonesia", "Bahasa Melayu",
        "Sanskrit", "Filipino", "Tiếng Việt", "Русский", "Русский язык", "Українська",
        "Ελληνικά", "日本語", "中文", "简体中文", "繁體中文", "繁体中文", "한국어", "한어",
        "العربية", "עברית", "فارسی", "हिन्दी", "ไทย",
    ],
    key=len,
    reverse=True,
)
_LANGUAGE = "|".join(re.escape(name) for name in _LANGUAGES)

# A shop advert line: bullet, product, `|`, shop and price, then `(… お得!)` ends the line.
# `• 📺Amazon Fire TV Stick | Amazonで24.99ドル(25ドルお得!)`,
# `• 🎧Sony ANC ワイヤレス ヘッドホン | Walmart で $238.66 ($109 お得!)`.
_PRICE = r"(?:[$¥€£][ \t]*\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?[ \t]*(?:ドル|円|ユーロ|ポンド))"
_ADVERT = (
    rf"[ \t]*\N{{BULLET}}[ \t]*[^\n|]{{1,120}}\|[^\n|]{{0,60}}?{_PRICE}[ \t]*"
    rf"[(\N{{FULLWIDTH LEFT PARENTHESIS}}][^\n()]{{0,40}}?お得[!\N{{FULLWIDTH EXCLAMATION MARK}}]?"
    rf"[)\N{{FULLWIDTH RIGHT PARENTHESIS}}]{_EOL}"
)

DEBRIS_RULES: list[Rule] = [
    Rule(
        "debris_language_menu",
        pattern=re.compile(rf"^[ \t]*(?:(?:{_LANGUAGE})[ \t|/,\N{{MIDDLE DOT}}\N{{KATAKANA MIDDLE DOT}}]*){{4,}}{_EOL}", re.M | re.I),
        replace="",  # the line goes
        option="remove_debris",
        doc="A line made only of four or more language names, a site's language menu "
        "(`한어Русский языкEnglishFrançais…日本語…`).",
        substrings=frozenset(("English", "日本語", "Français", "Deutsch", "Español", "español", "中文", "Русский", "한국어")),
    ),
    # Before debris_comment_counter: it needs the counter line still there to recognize the handle.
    Rule(
        "debris_user_handle",
        pattern=re.compile(rf"^[ \t]*\N{{BULLET}}[ \t]*[a-z][a-z0-9_.\-]{{1,30}}[ \t]*\n(?={_COUNTER})", re.M),
        replace="",  # the line goes
        option="remove_debris",
        doc="A bullet line holding only a lowercase ASCII user handle (`• abmhh`), directly above a "
        "comment counter: a byline widget. A lone handle anywhere else stays (`・au` in a list).",
        substrings=frozenset(("comment", "Comment", "COMMENT", "コメント")),
    ),
    Rule(
        "debris_comment_counter",
        pattern=re.compile(rf"^{_COUNTER}", re.M),
        replace="",  # the line goes
        option="remove_debris",
        doc="A line that is only a comment counter (`• 0 comments`).",
        substrings=frozenset(("comment", "Comment", "COMMENT", "コメント")),
    ),
    # Before debris_shop_advert: it needs an advert line below to recognize the header.
    Rule(
        "debris_advert_header",
        pattern=re.compile(
            rf"^[^\n。]{{0,40}}(?:セール|お得|(?i:deals?))[^\n。]{{0,40}}\n(?=(?:[ \t]*\n)*{_ADVERT})", re.M
        ),
        replace="",  # the line goes
        option="remove_debris",
        doc="The heading of a shop-advert block (`🎃ブラックフライデーのお得な早期セール🦃`): a short line "
        "without 。 naming a sale, directly above advert lines (blank lines between allowed).",
        substrings=frozenset(("お得",)),
    ),
    Rule(
        "debris_shop_advert",
        pattern=re.compile(rf"^{_ADVERT}", re.M),
        replace="",  # the line goes
        option="remove_debris",
        doc="A shop advert line: bullet, product, `|`, shop and price, ending in `(… お得!)` "
        "(`• 📺Amazon Fire TV Stick | Amazonで24.99ドル(25ドルお得!)`).",
        substrings=frozenset(("お得",)),
    ),
    Rule(
        "debris_separator_line",
        pattern=re.compile(rf"^[ \t]*\|[ \t|]*{_EOL}", re.M),
        replace="",  # the line goes
        option="remove_debris",
        doc="A line holding only `|` characters: a table or widget border left by page extraction.",
        substrings=frozenset(("|",)),
    ),
]
