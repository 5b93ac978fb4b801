"""The command palette (ctrl+p): every console action, searchable, each with its key. A
screen's action opens that screen first, so each is reachable from anywhere. A read-only
console lists no action that changes a queue or deletes anything."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


def go(mode: str, action: str | None = None) -> str:
    return f"app.go('{mode}', '{action}')" if action else f"app.go('{mode}')"


# (title, action, destructive); tests check that every key binding of every screen is here
ACTIONS = [
    ("Go to home", go("home"), False),
    ("Home: reload the newest jobs", go("home", "reload"), False),
    ("Home: compose a job with the highlighted generator", go("home", "compose_with"), False),
    ("Home: dry-run the highlighted generator", go("home", "dry_run_with"), False),
    ("Go to generators", go("generators"), False),
    ("Generators: filter the catalog", go("generators", "focus_filter"), False),
    ("Generators: back to the catalog", go("generators", "focus_catalog"), False),
    ("Generators: compose a job with this generator", go("generators", "compose_with"), False),
    ("Generators: dry-run this generator", go("generators", "dry_run_with"), False),
    ("Generators: view the frames full screen", go("generators", "view_frames"), False),
    ("Generators: group by faculty or by category", go("generators", "toggle_grouping"), False),
    ("Compose and submit a job", go("compose"), False),
    ("Compose: submit the job", go("compose", "submit"), True),
    ("Compose: draw a new random seed", go("compose", "new_seed"), False),
    ("Compose: clear the picked generators", go("compose", "clear_picks"), False),
    ("Open the dashboard", go("dashboard"), False),
    ("Dashboard: pause or resume the live figures", go("dashboard", "pause"), False),
    ("Dashboard: refresh less often", go("dashboard", "slower"), False),
    ("Dashboard: refresh more often", go("dashboard", "faster"), False),
    ("Dashboard: refresh now", go("dashboard", "refresh"), False),
    ("Dashboard: pick the job to follow", go("dashboard", "focus_job"), False),
    ("Dashboard: resubmit the missing ranges of the job", go("dashboard", "resubmit"), True),
    ("Dashboard: purge the task queue", go("dashboard", "purge"), True),
    ("Inspect dead letters (DLQ)", go("dlq"), False),
    ("DLQ: reload", go("dlq", "reload"), False),
    ("DLQ: select or unselect the dead letter under the cursor", go("dlq", "toggle"), False),
    ("DLQ: select every dead letter shown (a whole error group)", go("dlq", "select_shown"), False),
    ("DLQ: traceback and output of the dead letter", go("dlq", "detail"), False),
    ("DLQ: show one error type at a time", go("dlq", "group"), False),
    ("DLQ: retry the selected dead letters", go("dlq", "retry_selected"), True),
    ("DLQ: retry all (one pass; permanent errors stay)", go("dlq", "redrive"), True),
    ("DLQ: edit a dead letter's body and resend it", go("dlq", "edit"), True),
    ("DLQ: delete the selected dead letters", go("dlq", "delete_selected"), True),
    ("DLQ: export dead letters to a folder", go("dlq", "export"), False),
    ("DLQ: import a folder of dead letters into the task queue", go("dlq", "import_folder"), True),
    ("Dry-run a generator locally", go("dryrun"), False),
    ("Dry run: run", go("dryrun", "run"), False),
    ("Dry run: previous video frame", go("dryrun", "step(-1)"), False),
    ("Dry run: next video frame", go("dryrun", "step(1)"), False),
    ("Dry run: view the frames full screen", go("dryrun", "view_frames"), False),
    ("Browse results", go("results"), False),
    ("Results: reload", go("results", "reload"), False),
    (
        "Results: download the job, generator or sample under the cursor",
        go("results", "download"),
        False,
    ),
    ("Results: view the frames full screen", go("results", "view_frames"), False),
    ("Toggle dark/light theme", "app.toggle_dark_theme", False),
    ("Quit (stops the embedded local stack)", "app.quit", False),
]

APP_KEYS = {"app.toggle_dark_theme": "ctrl+t", "app.quit": "ctrl+q"}


def key_text(key: str) -> str:
    """A binding's first key as the footer would say it: F5, ^s, del, [."""
    key = key.split(",")[0]
    names = {"left_square_bracket": "[", "right_square_bracket": "]", "delete": "del",
             "slash": "/", "equals_sign": "=", "plus": "+", "minus": "-", "space": "space",
             "escape": "esc", "enter": "enter"}  # fmt: skip
    if key in names:
        return names[key]
    if key.startswith("ctrl+"):
        return "^" + key.removeprefix("ctrl+")
    if key.startswith("f") and key[1:].isdigit():
        return key.upper()
    return key


def action_keys() -> dict[str, str]:
    """Every palette action -> its key (from the screens' own bindings)."""
    from .app import NAVIGATION, SCREENS, screen_class

    keys = dict(APP_KEYS)
    for mode in SCREENS:
        keys[go(mode)] = NAVIGATION[mode][0]
        for binding in screen_class(mode).BINDINGS:
            keys.setdefault(go(mode, binding.action), binding.key)
    return keys


class ActionsProvider(Provider):
    def actions(self) -> list[tuple[str, str, str]]:
        read_only = self.app.context.read_only
        keys = action_keys()
        return [(title, action, key_text(keys.get(action, "")))
                for title, action, destructive in ACTIONS
                if not (read_only and destructive)]  # fmt: skip

    @staticmethod
    def shown(title: Content | str, key: str) -> Content:
        title = Content(title) if isinstance(title, str) else title
        return Content.assemble(title, ("  " + key, "dim")) if key else title

    async def discover(self) -> Hits:
        for title, action, key in self.actions():
            yield DiscoveryHit(self.shown(title, key), partial(self.app.run_action, action),
                               text=title)  # fmt: skip

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, key in self.actions():
            if (score := matcher.match(title)) > 0:
                yield Hit(score, self.shown(matcher.highlight(title), key),
                          partial(self.app.run_action, action), text=title)  # fmt: skip
