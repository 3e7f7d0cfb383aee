"""URLs, e-mail addresses and domain names in a text: no glossary match or candidate lies inside
one (openai.com stays as it is; jp.taiwan.net.tw is not Taiwan)."""

from __future__ import annotations

import re
from typing import Final
from bisect import bisect_right

# URLs, e-mail addresses and domain names: no glossary match inside one (openai.com stays as it
# is; jp.taiwan.net.tw is not Taiwan). A hit that covers a whole domain (Amazon.com, Character.AI)
# is a name and stays.
_TLDS = (
    "com|net|org|edu|gov|info|biz|io|ai|co|me|tv|app|dev|news|jp|tw|cn|hk|kr|uk|us|de|fr|ca|au|"
    "in|sg|ru|it|es|nl|eu|ly|gl|to|be|ch|se|fm"
)
_PATH = r"(?:/[!#$%&'*+,\-./0-9:;=?@A-Z_a-z~]*)?"
_WEB: Final = re.compile(
    r"(?:https?|ftps?)://[!#$%&'*+,\-./0-9:;=?@A-Z_a-z~]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    rf"|(?<![A-Za-z0-9@/.-])(?:www\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?i:{_TLDS})(?![A-Za-z0-9-]|\.[A-Za-z0-9]){_PATH}"
)
_WEB_CHARS: Final = frozenset("./@-_:")
# The characters a URL is made of: a URL around a hit lies in the run of them around it.
_URL_CHAR: Final = frozenset("!#$%&'*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~")


def web_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of URLs, e-mail addresses and domain names (with their paths)."""
    return [m.span() for m in _WEB.finditer(text)]


def web_around(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """`web_spans` of the run of URL characters around text[s:e] (offsets in text): the cheap
    way for the few hits that touch one (a whole-text scan costs as much as the matching)."""
    a, b, n = s, e, len(text)
    while a > 0 and text[a - 1] in _URL_CHAR:
        a -= 1
    while b < n and text[b] in _URL_CHAR:
        b += 1
    return [(a + x, a + y) for x, y in web_spans(text[a:b])]


def web_edge(text: str, s: int, e: int) -> bool:
    """Whether a span touches a character URLs and addresses are joined with (the cheap gate)."""
    return (s > 0 and text[s - 1] in _WEB_CHARS) or (e < len(text) and text[e] in _WEB_CHARS)


def inside_web(web: list[tuple[int, int]], s: int, e: int) -> bool:
    """The span overlaps a web span without covering all of it."""
    i = max(0, bisect_right(web, (s, 1 << 62)) - 1)  # the last span starting at or before s
    for ws, we in web[i : i + 3]:
        if ws < e and s < we and not (s <= ws and we <= e):
            return True
    return False


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
