"""The generator catalog as a tree: O-/G- families, then categories (or, on demand, the
faculty each generator exercises), then generators.

The library is imported in a thread (it takes longer than a first paint may), so the tree
says "loading" for a moment. Filtering takes every lookup form of the registry (O-48_sudoku,
O-sudoku, sudoku, the upstream repository names) and fuzzy matches on id, title and
category; the best match gets the cursor.
"""

from __future__ import annotations

from textual import work
from textual.message import Message
from textual.widgets import Tree

FAMILIES = {"O": "O- static and logic", "G": "G- dynamic and physics"}


def all_specs():
    """The catalog (imports every generator module: call it off the UI thread)."""
    from generators import all_specs as specs

    return specs()


GROUPINGS = ("category", "faculty")


def group_of(spec, by: str) -> str:
    return (spec.faculty or "no faculty") if by == "faculty" else spec.category


def grouped(specs: list, by: str = "category") -> list[tuple[str, str, list]]:
    """(family, group, members) in catalog order: O- before G-, groups (categories, or
    faculties when `by` is "faculty") by name."""
    out = []
    for fam in FAMILIES:
        members = [s for s in specs if s.family == fam]
        for group in sorted({group_of(s, by) for s in members}):
            out.append((fam, group, [s for s in members if group_of(s, by) == group]))
    return out


def match(specs: list, text: str) -> tuple[list, object | None]:
    """(the specs that match `text`, the best one): the registry's lookup first, then a
    fuzzy match on "id title category"."""
    needle = text.strip()
    if not needle:
        return list(specs), None
    from textual.fuzzy import Matcher

    best = None
    try:
        from generators import lookup

        gid = lookup(needle)
        best = next((s for s in specs if s.id == gid), None)
    except Exception:  # not a name the registry knows: fuzzy only
        pass
    matcher = Matcher(needle)
    scores = {s.id: matcher.match(f"{s.id} {s.title} {s.category} {s.faculty or ''}")
              for s in specs}  # fmt: skip
    shown = [s for s in specs if scores[s.id] > 0 or s is best]
    if best is None and shown:
        best = max(shown, key=lambda s: scores[s.id])
    return shown, best


class Catalog(Tree):
    """Type-to-filter is done by the screen calling `filter(text)`. On the home screen the
    categories start folded, so both families show at a glance."""

    DEFAULT_CSS = "Catalog { overflow-x: hidden; }"

    class Picked(Message):
        def __init__(self, spec) -> None:
            self.spec = spec
            super().__init__()

    class Loaded(Message):
        def __init__(self, specs: list | None, error: str | None) -> None:
            self.specs, self.error = specs, error
            super().__init__()

    def __init__(self, fold_categories: bool = False, **kwargs) -> None:
        super().__init__("generators", **kwargs)
        self.specs: list = []
        self.loaded = False
        self.text = ""
        self.fold = fold_categories
        self.group_by = "category"
        self.show_root = False
        self.guide_depth = 2
        self.after_load: list = []  # calls waiting for the catalog

    def on_mount(self) -> None:
        self.root.add_leaf("loading the catalog…")
        self.call_after_refresh(self.load)  # after the first paint: the import is heavy

    @work(thread=True, group="catalog")
    def load(self) -> None:
        try:
            self.post_message(self.Loaded(all_specs(), None))
        except Exception as e:  # a broken library must not take the console down
            self.post_message(self.Loaded(None, f"{type(e).__name__}: {e}"))

    def on_catalog_loaded(self, event: Loaded) -> None:
        self.loaded = True
        if event.error:
            self.clear()
            self.root.add_leaf(f"cannot load the catalog: {event.error}")
            return
        self.specs = event.specs
        self.filter(self.text)
        for call in self.after_load:
            call()
        self.after_load.clear()

    def when_loaded(self, call) -> None:
        """Run `call` now if the catalog is there, else once it is."""
        if self.loaded:
            call()
        else:
            self.after_load.append(call)

    def filter(self, text: str) -> int:
        """Show the generators that match `text`; returns the count."""
        self.text = text
        if not self.loaded:
            return 0
        shown, best = match(self.specs, text)
        self.clear()
        branches = {}
        target = None
        for fam, category, inside in grouped(shown, self.group_by):
            if fam not in branches:
                count = sum(1 for s in shown if s.family == fam)
                branches[fam] = self.root.add(f"[b]{FAMILIES[fam]}[/] ({count})", expand=True)
            fold = self.fold and not text.strip()
            node = branches[fam].add(f"{category} ({len(inside)})", expand=not fold)
            for spec in inside:
                leaf = node.add_leaf(spec.id, data=spec)
                if spec is best:
                    target = leaf
        if target is not None:
            self.call_after_refresh(self.move_cursor, target, animate=False)
        return len(shown)

    def regroup(self, by: str) -> None:
        """Group by `by` (one of GROUPINGS), keeping the highlighted generator."""
        current = self.cursor_node.data if self.cursor_node is not None else None
        self.group_by = by
        self.filter(self.text)
        if current is not None:
            self.select_generator(current.id)

    def leaves(self):
        stack = list(self.root.children)
        while stack:
            node = stack.pop(0)
            if node.data is not None:
                yield node
            stack[:0] = list(node.children)

    def first_generator(self) -> None:
        for node in self.leaves():
            node.parent.expand()
            self.call_after_refresh(self.move_cursor, node)
            return

    def select_generator(self, generator_id: str) -> None:
        for node in self.leaves():
            if node.data.id == generator_id:
                node.parent.expand()
                self.call_after_refresh(self.move_cursor, node, animate=False)
                return

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data is not None:
            self.post_message(self.Picked(event.node.data))
