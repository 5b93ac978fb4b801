"""The command palette: every console action, searchable."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

ACTIONS = [
    ("Go to home", "app.switch_mode('home')"),
    ("Go to generators", "app.switch_mode('generators')"),
    ("Compose and submit a job", "app.switch_mode('compose')"),
    ("Open the dashboard", "app.switch_mode('dashboard')"),
    ("Inspect dead letters (DLQ)", "app.switch_mode('dlq')"),
    ("Dry-run a generator locally", "app.switch_mode('dryrun')"),
    ("Browse results", "app.switch_mode('results')"),
    ("Toggle dark/light theme", "app.toggle_dark_theme"),
    ("Quit", "app.quit"),
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
