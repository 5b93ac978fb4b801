"""The generator catalog as a tree: O-/G- families, then categories, then generators."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Tree

from generators import GeneratorSpec, all_specs

FAMILIES = {"O": "O- static and logic", "G": "G- dynamic and physics"}


class Catalog(Tree[GeneratorSpec]):
    """Type-to-filter is done by the screen calling `filter(text)`."""

    class Picked(Message):
        def __init__(self, spec: GeneratorSpec) -> None:
            self.spec = spec
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__("generators", **kwargs)
        self.specs = all_specs()
        self.show_root = False

    def on_mount(self) -> None:
        self.filter("")

    def filter(self, text: str) -> int:
        """Show the generators whose id, title or category contains `text`; returns the count."""
        needle = text.strip().lower()
        shown = [s for s in self.specs
                 if not needle or needle in f"{s.id} {s.title} {s.category}".lower()]  # fmt: skip
        self.clear()
        for fam, label in FAMILIES.items():
            members = [s for s in shown if s.family == fam]
            if not members:
                continue
            branch = self.root.add(f"{label} ({len(members)})", expand=True)
            for category in sorted({s.category for s in members}):
                inside = [s for s in members if s.category == category]
                node = branch.add(f"{category} ({len(inside)})", expand=True)
                for spec in inside:
                    node.add_leaf(f"{spec.id}  [dim]{spec.title}[/]", data=spec)
        return len(shown)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data is not None:
            self.post_message(self.Picked(event.node.data))
