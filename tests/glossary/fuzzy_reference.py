"""The fuzzy linker as it was up to 622ea17, its one gap closed (below: a run holding a ヴ passes the gate) (the run gate: LCS `cdist` of the text's token-character
runs against the plan's keys, then OSA `cdist` of the folded tokens): the reference the
deletion-free candidate lookup of `glossary.fuzzy` is tested equal to (test_fuzzy_reference.py).
Kept here, in the tests, as the definition: it builds the document's plan (the supported keys per
kind, their lengths, token patterns) from the linker's `by_doc`, and reads its `_nearest`,
`common_words`."""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
from rapidfuzz.distance import OSA, LCSseq, Levenshtein
from rapidfuzz.process import cdist

from glossary import fuzzy
from glossary.kana import fold_fast


def reference_link(linker, text, f, taken, doc_ids):
    """`FuzzyLinker.link` of 622ea17: (start, end, claim, confidence) of each fuzzy link."""
    if not doc_ids:
        return []
    plan = _plan(linker, doc_ids)
    if plan is None:
        return []
    keys = [k for kind in plan.kinds for k in kind.keys]
    lcs_needed = np.array([len(k) - 1 for k in keys], dtype=np.int64)
    t11 = f.one_to_one()
    masked = _blank(t11, taken)
    runs = {False: fuzzy.runs(False, fuzzy.FUZZY_MIN_KANA), True: fuzzy.runs(True, fuzzy.FUZZY_MIN_LATIN)}
    found_runs = [r for kind in plan.kinds for r in runs[kind.latin].findall(masked)]
    if not found_runs:
        return []
    passes = cdist(found_runs, keys, scorer=LCSseq.similarity, workers=1) >= lcs_needed
    # (622ea17 returned here when no run passed, although a run holding a ヴ may link: its fold
    # makes a character the 1:1 fold lacks. `tokens` let such a run through, the gate did not;
    # the reference lets it through too: the one change of the new linker, a gap closed.)
    vu = any("ヴ" in r for r in found_runs)
    if not passes.any() and not vu:
        return []
    key_passes = passes.any(axis=0).tolist()
    out, lo = [], 0
    for kind in plan.kinds:
        hi = lo + len(kind.keys)
        if any(key_passes[lo:hi]) or (vu and not kind.latin):
            out += _link_kind(linker, text, t11, taken, kind, lcs_needed[lo:hi], runs[kind.latin])
        lo = hi
    return out


def _link_kind(linker, text, t11, taken, kind, lcs_needed, runs):
    ms = _tokens(text, t11, kind, lcs_needed, runs)
    if not ms:
        return []
    toks = fold_fast("\n".join(m.group() for m in ms)).text.split("\n")
    pairs = [(m, tok) for m, tok in zip(ms, toks) if len(tok) >= kind.min_len and len(tok) in kind.ok_len]
    if not pairs:
        return []
    one = cdist([tok for _, tok in pairs], kind.keys, scorer=OSA.distance, score_cutoff=1, workers=1) == 1
    starts = [ts for ts, _ in taken]
    out = []
    for r in one.any(axis=1).nonzero()[0].tolist():
        m, tok = pairs[r]
        s, e = m.span()
        i = bisect_right(starts, s) - 1
        if (i >= 0 and taken[i][1] > s) or (i + 1 < len(taken) and taken[i + 1][0] < e):
            continue
        if tok in linker.common_words:
            continue
        if fuzzy.joined_to_name(text, s, e, fuzzy.FUZZY_JOINERS):
            continue
        if fuzzy.web_edge(text, s, e) and fuzzy.inside_web(fuzzy.web_around(text, s, e), s, e):
            continue
        best = linker._nearest(tok, [kind.mine[j] for j in one[r].nonzero()[0].tolist()])
        if best is not None:
            claim, key = best
            out.append((s, e, claim, round(min(0.99, Levenshtein.normalized_similarity(tok, key)), 3)))
    return out


def _tokens(text, t11, kind, lcs_needed, runs):
    found = list(runs.finditer(t11))
    if not found:
        return []
    near = (cdist([r.group() for r in found], kind.keys, scorer=LCSseq.similarity, workers=1) >= lcs_needed).any(axis=1)
    out = []
    tokens = fuzzy.long_tokens(kind.latin, kind.shortest)
    for r, ok in zip(found, near.tolist()):
        if ok or "ヴ" in r.group():
            out += [m for m in tokens.finditer(text, r.start(), r.end()) if m.end() - m.start() >= kind.shortest]
    return out


class _Kind:
    """The supported keys of one kind (katakana or Latin) for a document (what 622ea17's
    `FuzzyLinker.plan` gave)."""

    def __init__(self, linker, latin, mine):
        self.latin = latin
        self.min_len = fuzzy.FUZZY_MIN_LATIN if latin else fuzzy.FUZZY_MIN_KANA
        self.mine = mine  # key indexes
        self.keys = [linker.keys[ki] for ki in mine]
        self.ok_len = frozenset({n + d for n in {len(k) for k in self.keys} for d in (-1, 0, 1)})  # token lengths one edit away
        self.shortest = max(self.min_len, min(self.ok_len))  # the shortest token that can link


class _Plan:
    def __init__(self, kinds):
        self.kinds = kinds


def _plan(linker, doc_ids):
    """The keys the document's mentions support (`linker.by_doc`), per kind (katakana, Latin);
    None: none."""
    cand = set()
    for d in doc_ids:
        cand |= linker.by_doc.get(d, set())
    ordered = sorted(cand)
    kinds = []
    for latin in (False, True):
        mine = [ki for ki in ordered if linker.latin[ki] is latin]
        if mine:
            kinds.append(_Kind(linker, latin, mine))
    return _Plan(kinds) if kinds else None


def _blank(text, taken):
    """The text with the taken spans (sorted, disjoint) replaced by newlines."""
    if not taken:
        return text
    parts, last = [], 0
    for s, e in taken:
        parts.append(text[last:s])
        parts.append("\n" * (e - s))
        last = e
    parts.append(text[last:])
    return "".join(parts)
