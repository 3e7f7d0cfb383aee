"""Context rules of ambiguous variants (`context:` in entities.yaml): a variant links only where
its context holds (マスク is Musk next to イーロン or in a document about xAI, not a face mask)."""

from __future__ import annotations

from normalizers.chars import NAME_SEPARATORS


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
