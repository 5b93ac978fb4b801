"""The generator catalog as a tree: O-/G- families, then categories, then generators."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Tree

from generators import GeneratorSpec, all_specs

FAMILIES = {"O": "O- static and logic", "G": "G- dynamic and physics"}


def grouped(specs: list[GeneratorSpec]) -> list[tuple[str, str, list[GeneratorSpec]]]:
    """(family, category, members) in catalog order: O- before G-, categories by name."""
    out = []
    for fam in FAMILIES:
        members = [s for s in specs if s.family == fam]
        for category in sorted({s.category for s in members}):
            out.append((fam, category, [s for s in members if s.category == category]))
    return out


class Catalog(Tree[GeneratorSpec]):
    """Type-to-filter is done by the screen calling `filter(text)`."""

    DEFAULT_CSS = "Catalog { overflow-x: hidden; }"

    class Picked(Message):
        def __init__(self, spec: GeneratorSpec) -> None:
            self.spec = spec
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__("generators", **kwargs)
        self.specs = all_specs()
        self.show_root = False
        self.guide_depth = 2

    def on_mount(self) -> None:
        self.filter("")

    def filter(self, text: str) -> int:
        """Show the generators whose id, title or category contains `text`; returns the count."""
        needle = text.strip().lower()
        shown = [s for s in self.specs
                 if not needle or needle in f"{s.id} {s.title} {s.category}".lower()]  # fmt: skip
        self.clear()
        branches = {}
        for fam, category, inside in grouped(shown):
            if fam not in branches:
                count = sum(1 for s in shown if s.family == fam)
                branches[fam] = self.root.add(f"[b]{FAMILIES[fam]}[/] ({count})", expand=True)
            node = branches[fam].add(f"{category} ({len(inside)})", expand=True)
            for spec in inside:
                node.add_leaf(spec.id, data=spec)
        return len(shown)

    def leaves(self):
        stack = list(self.root.children)
        while stack:
            node = stack.pop(0)
            if node.data is not None:
                yield node
            stack[:0] = list(node.children)

    def first_generator(self) -> None:
        for node in self.leaves():
            self.call_after_refresh(self.move_cursor, node)
            return

    def select_generator(self, generator_id: str) -> None:
        for node in self.leaves():
            if node.data.id == generator_id:
                self.call_after_refresh(self.move_cursor, node, animate=False)
                return

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data is not None:
            self.post_message(self.Picked(event.node.data))
