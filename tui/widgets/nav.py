"""The navigation bar under the header: every screen with its key, the current one lit;
a click on a name opens that screen too."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class NavBar(Widget):
    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, current: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.current = current

    def render(self) -> Content:
        from ..app import NAVIGATION

        full = sum(len(f" {key} {label} ") for key, label, _ in NAVIGATION.values()) + 10
        narrow = full > self.size.width > 0
        parts = []
        for mode, (key, label, brief) in NAVIGATION.items():
            name = brief if narrow else label
            if mode == self.current:
                parts.append(f"[b $text on $primary] {key.upper()} {name} [/]")
            else:
                parts.append(f"[@click=app.switch_mode('{mode}')] [b]{key.upper()}[/b] {name} [/]")
        parts.append("  [@click=app.quit][b]^Q[/b] Quit[/]")
        return Content.from_markup("".join(parts))
