"""Frames shown with terminal graphics where the terminal has them, colour half-blocks elsewhere."""

from __future__ import annotations

from PIL import Image as PILImage
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label
from textual_image.renderable import Image as BestRenderable
from textual_image.renderable.unicode import Image as UnicodeRenderable
from textual_image.widget import HalfcellImage
from textual_image.widget import Image as BestImage

# Kitty or sixel graphics where the terminal has them; otherwise colour half-blocks
# (textual-image would fall back to grey unicode shading, which hides colour answers).
Image = HalfcellImage if BestRenderable is UnicodeRenderable else BestImage


class Frame(Vertical):
    """One captioned image."""

    def __init__(self, caption: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.caption = caption

    def compose(self) -> ComposeResult:
        yield Label(self.caption, classes="caption", markup=False)
        yield Image(None, classes="frame-image")

    def show(self, image: PILImage.Image | str | None, caption: str | None = None) -> None:
        self.query_one(Image).image = image
        if caption is not None:
            self.query_one(Label).update(caption)


class FramePair(Horizontal):
    """First and final frame side by side (hidden while there is nothing to show)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_class("-empty")

    def compose(self) -> ComposeResult:
        yield Frame("first frame", id="first")
        yield Frame("final frame", id="final")

    def show(self, first, final) -> None:
        self.set_class(first is None and final is None, "-empty")
        self.query_one("#first", Frame).show(first)
        self.query_one("#final", Frame).show(final)
