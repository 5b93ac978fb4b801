"""Edit scripts: the fewest substitutions, insertions and deletions that turn one sequence
into another (Levenshtein), as steps a video can show one at a time.

Sequences are strings (a word) or lists (a row of symbol tokens); an edit is
`{"op": "substitute" | "insert" | "delete", "pos": p, key: item}` where `pos` indexes the
sequence as it is when that edit is made (left to right), and `key` names the item ("char"
for words, "symbol" for rows). Deletions carry no item.
"""

from __future__ import annotations

from collections.abc import Sequence


def levenshtein_table(a: Sequence, b: Sequence) -> list[list[int]]:
    """t[i][j]: the distance between a[:i] and b[:j]."""
    t = [[i + j if i == 0 or j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            t[i][j] = min(t[i - 1][j] + 1, t[i][j - 1] + 1,
                          t[i - 1][j - 1] + (a[i - 1] != b[j - 1]))  # fmt: skip
    return t


def edit_script(a: Sequence, b: Sequence, key: str) -> list[dict]:
    """A shortest script from `a` to `b`, left to right (ties: keep or substitute first,
    then delete, then insert, read from the end)."""
    t = levenshtein_table(a, b)
    i, j, steps = len(a), len(b), []  # the alignment, collected from the end
    while i or j:
        if i and j and t[i][j] == t[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            steps.append(("keep" if a[i - 1] == b[j - 1] else "substitute", b[j - 1]))
            i, j = i - 1, j - 1
        elif i and t[i][j] == t[i - 1][j] + 1:
            steps.append(("delete", None))
            i -= 1
        else:
            steps.append(("insert", b[j - 1]))
            j -= 1
    script, pos = [], 0
    for op, item in reversed(steps):
        if op == "delete":
            script.append({"op": "delete", "pos": pos})
            continue
        if op != "keep":
            script.append({"op": op, "pos": pos, key: item})
        pos += 1
    return script


def apply_edit(seq: str | list, edit: dict, key: str) -> str | list:
    """`seq` after one edit (a new string or list; `seq` is not changed)."""
    p = edit["pos"]
    item = edit.get(key)
    piece = item if isinstance(seq, str) else [item]
    if edit["op"] == "substitute":
        return seq[:p] + piece + seq[p + 1 :]
    if edit["op"] == "insert":
        return seq[:p] + piece + seq[p:]
    return seq[:p] + seq[p + 1 :]
