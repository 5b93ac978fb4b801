"""The command palette (ctrl+p): every console action, searchable. A screen's action opens
that screen first, so each is reachable from anywhere."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


def go(mode: str, action: str | None = None) -> str:
    return f"app.go('{mode}', '{action}')" if action else f"app.go('{mode}')"


# (title, action); tests check that every key binding of every screen is listed here
ACTIONS = [
    ("Go to home", go("home")),
    ("Home: reload the newest jobs", go("home", "reload")),
    ("Home: compose a job with the highlighted generator", go("home", "compose_with")),
    ("Home: dry-run the highlighted generator", go("home", "dry_run_with")),
    ("Go to generators", go("generators")),
    ("Generators: filter the catalog", go("generators", "focus_filter")),
    ("Generators: back to the catalog", go("generators", "focus_catalog")),
    ("Generators: compose a job with this generator", go("generators", "compose_with")),
    ("Generators: dry-run this generator", go("generators", "dry_run_with")),
    ("Compose and submit a job", go("compose")),
    ("Compose: submit the job", go("compose", "submit")),
    ("Compose: draw a new random seed", go("compose", "new_seed")),
    ("Compose: clear the picked generators", go("compose", "clear_picks")),
    ("Open the dashboard", go("dashboard")),
    ("Dashboard: pause or resume the live figures", go("dashboard", "pause")),
    ("Dashboard: refresh less often", go("dashboard", "slower")),
    ("Dashboard: refresh more often", go("dashboard", "faster")),
    ("Dashboard: refresh now", go("dashboard", "refresh")),
    ("Dashboard: pick the job to follow", go("dashboard", "focus_job")),
    ("Dashboard: resubmit the missing ranges of the job", go("dashboard", "resubmit")),
    ("Dashboard: purge the task queue", go("dashboard", "purge")),
    ("Inspect dead letters (DLQ)", go("dlq")),
    ("DLQ: reload", go("dlq", "reload")),
    ("DLQ: select or unselect the dead letter under the cursor", go("dlq", "toggle")),
    ("DLQ: traceback and output of the dead letter", go("dlq", "detail")),
    ("DLQ: show one error type at a time", go("dlq", "group")),
    ("DLQ: retry the selected dead letters", go("dlq", "retry_selected")),
    ("DLQ: retry all (redrive the DLQ)", go("dlq", "redrive")),
    ("DLQ: delete the selected dead letters", go("dlq", "delete_selected")),
    ("DLQ: export dead letters to a folder", go("dlq", "export")),
    ("DLQ: import a folder of dead letters into the task queue", go("dlq", "import_folder")),
    ("Dry-run a generator locally", go("dryrun")),
    ("Dry run: run", go("dryrun", "run")),
    ("Dry run: previous video frame", go("dryrun", "step(-1)")),
    ("Dry run: next video frame", go("dryrun", "step(1)")),
    ("Browse results", go("results")),
    ("Results: reload", go("results", "reload")),
    ("Results: download the job, generator or sample under the cursor", go("results", "download")),
    ("Toggle dark/light theme", "app.toggle_dark_theme"),
    ("Quit (stops the embedded local stack)", "app.quit"),
]


class ActionsProvider(Provider):
    async def discover(self) -> Hits:
        for title, action in ACTIONS:
            yield DiscoveryHit(title, partial(self.app.run_action, action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action in ACTIONS:
            if (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.run_action, action))
