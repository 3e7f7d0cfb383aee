"""Context rules of ambiguous variants (`context:` in entities.yaml): a variant links only where
its context holds (マスク is Musk next to イーロン or in a document about xAI, not a face mask)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from normalizers.chars import NAME_SEPARATORS

if TYPE_CHECKING:
    from .matcher import _Hit


def context_holds(ctx, text: str, lower: str | None, s: int, e: int, doc_ids: set[str]) -> bool:
    """Every key given holds; within a key, any item. before/after skip name separators and
    spaces (イーロン・マスク: the text before マスク ends with イーロン)."""
    if ctx.doc_any and not any(i in doc_ids for i in ctx.doc_any):
        return False
    if ctx.words_any and not any(w.lower() in lower for w in ctx.words_any):  # type: ignore[operator]
        return False
    if ctx.after_any:
        after = text[e : e + 40].lstrip(" ").lower()
        if not any(after.startswith(w.lower()) for w in ctx.after_any):
            return False
    if ctx.before_any:
        before = text[max(0, s - 40) : s].rstrip(NAME_SEPARATORS).lower()
        if not any(before.endswith(w.lower()) for w in ctx.before_any):
            return False
    return True


def choose_claims(text: str, hits: list[_Hit], doc_ids: set[str]) -> None:
    """Set each hit's `chosen`: its first claim whose context holds (a context-free claim always
    does). An entity linked through a context counts as mentioned too (it is added to `doc_ids`,
    and the choice is made again until no entity is added): its rewrite (アップル → Apple) is a
    context-free mention on the next pass, so counting it only then would make the next pass
    link more (インテル → Intel beside it) and normalization not idempotent."""
    lower = None
    while True:
        linked = set()
        for h in hits:
            h.chosen = None
            for c in h.claims:
                ctx = c.variant.context
                if ctx is None:
                    h.chosen = c
                    break
                if ctx.words_any and lower is None:
                    lower = text.lower()
                if context_holds(ctx, text, lower, h.start, h.end, doc_ids):
                    h.chosen = c
                    if c.entity is not None:
                        linked.add(c.entity.id)
                    break
        if linked <= doc_ids:
            return  # a fixed point: the ids grow at each round, so this ends
        doc_ids |= linked
