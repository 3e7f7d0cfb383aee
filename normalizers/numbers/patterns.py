"""The pattern builders of the number grammar (`grammar.py`): a word list as a trie of
alternatives (`words`), lookbehinds on words of several lengths (`behind`, `not_behind`), in the
syntax the standard `re` and `regex` share."""

from __future__ import annotations

import re


def alternation(words) -> str:
    """The words as alternatives, the longest first (in a stable order: the pattern's text is the
    same in every process)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def words(word_list) -> str:
    """A word list as one group: a trie of alternatives, each node trying its longer words
    first, so it matches the longest word that fits, then the shorter ones on backtracking (as
    `regex`'s named lists did, which `re` has not); the engine reads one character per level
    instead of trying each word in turn."""
    trie: dict = {}
    for w in set(word_list):
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}  # a word ends here
    return f"(?:{trie_pattern(trie)})"


def trie_pattern(node: dict) -> str:
    longer = [re.escape(c) + trie_pattern(child) for c, child in sorted(node.items()) if c]
    if not longer:
        return ""
    body = "|".join(longer)
    if "" in node:
        return f"(?:{body}|)"  # (the word that ends here last: longest first)
    return body if len(longer) == 1 else f"(?:{body})"


def behind(word_list, then: str = "") -> str:
    """A lookbehind: one of `word_list`, then `then` (fixed-width), ends here; one lookbehind
    per word length, the longest first (`re` takes fixed-width lookbehinds only)."""
    by_length: dict[int, list[str]] = {}
    for w in set(word_list):
        by_length.setdefault(len(w), []).append(w)
    lookbehinds = [f"(?<=(?:{alternation(ws)}){then})" for _, ws in sorted(by_length.items(), reverse=True)]
    return "(?:" + "|".join(lookbehinds) + ")"


def not_behind(word_list, then: str = "") -> str:
    """A negative lookbehind: none of `word_list`, then `then` (fixed-width), ends here."""
    return "".join(f"(?<!{re.escape(w)}{then})" for w in sorted(set(word_list), key=lambda w: (-len(w), w)))


def starts_with_one_of(*words, ranges: str = "") -> str:
    """A lookahead on the first characters of `words` (and the character `ranges` of a class, as
    `ァ-ヺ`): a cheap test before an alternation or a word list is tried (most numbers are followed
    by none of them); it changes no match."""
    return "(?=[" + "".join(re.escape(c) for c in sorted({w[0] for w in words})) + ranges + "])"
