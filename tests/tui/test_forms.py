"""The smaller promises: a read-only console offers nothing destructive, the palette shows
keys, the catalog filter takes every lookup form and fuzzy, home shows both families, the
compose form validates as S3 would and speaks in its own words."""

import pytest
from textual.command import CommandList
from textual.widgets import Input, SelectionList

from tui.app import VmWheelApp
from tui.backends.s3names import bucket_problem
from tui.palette import ACTIONS, ActionsProvider
from tui.screens.compose import ComposeScreen
from tui.widgets.catalog import Catalog, match

from .helpers import settle, text_of

DESTRUCTIVE = {action for _, action, destructive in ACTIONS if destructive}


async def test_read_only_footer_and_palette_offer_no_destructive_action(context):
    context.read_only = True
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("f1", "f2", "f3", "f4", "f6", "f7", "f8"):
            await pilot.press(key)
            await settle(pilot)
            screen = app.screen
            shown = {k.action for k in screen.query("FooterKey")}
            hidden = {f"app.go('{screen.MODE}', '{a}')" for a in shown} & DESTRUCTIVE
            assert not hidden, (key, hidden)
            for action in getattr(screen, "DESTRUCTIVE", ()):
                assert screen.check_action(action, ()) is False
        actions = {a for _, a, _ in ActionsProvider(app.screen, None).actions()}
        assert actions and not actions & DESTRUCTIVE
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"purge")
        await pilot.pause(0.5)
        listed = app.screen.query_one(CommandList)
        texts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert not any("purge" in t.lower() for t in texts), texts


async def test_palette_entries_show_their_keys(context):
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = {a: k for _, a, k in ActionsProvider(app.screen, None).actions()}
        assert keys["app.go('dashboard', 'purge')"] == "x"
        assert keys["app.go('dlq', 'reload')"] == "F5"
        assert keys["app.go('compose', 'submit')"] == "^s"
        assert keys["app.go('dlq')"] == "F6"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"purge the task")
        listed = app.screen.query_one(CommandList)
        for _ in range(100):  # the palette searches in the background
            if listed.option_count:
                break
            await pilot.pause(0.05)
        await pilot.pause(0.3)  # and every provider has answered
        assert str(listed.get_option_at_index(0).prompt).rstrip().endswith("x")


@pytest.mark.parametrize("text, best", [
    ("G-bounce", "G-3_bounce"),
    ("O-sudoku", "O-48_sudoku"),
    ("sudoku", "O-48_sudoku"),
    ("O-48_sudoku_data-generator", "O-48_sudoku"),
    ("G-3_bounce", "G-3_bounce"),
    ("bnce", None),  # fuzzy
])  # fmt: skip
def test_the_filter_takes_every_lookup_form_and_fuzzy(text, best):
    from generators import all_specs

    shown, found = match(all_specs(), text)
    ids = [s.id for s in shown]
    if best:
        assert found.id == best and best in ids
    else:
        assert "G-3_bounce" in ids and len(ids) < 10


async def test_home_shows_both_families_at_120x40(context):
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        catalog = app.screen.query_one(Catalog)
        lines = [str(catalog.get_node_at_line(i).label) for i in range(catalog.last_line + 1)]
        assert lines[0].startswith("O- static") and any(x.startswith("G- dynamic") for x in lines)
        assert catalog.last_line < catalog.size.height  # all without scrolling


def test_bucket_names_by_s3_rules():
    assert bucket_problem("image_size=256")
    assert bucket_problem("ab")
    assert bucket_problem("My-Bucket")
    assert bucket_problem("192.168.5.4")
    assert bucket_problem("a..b")
    assert bucket_problem("xn--bucket")
    assert not bucket_problem("vm-data-wheel-123.eu")


async def test_compose_validates_and_speaks_in_its_own_words(context):
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        shard = screen.query_one("#shard", Input)
        assert shard.value == "" and not shard.has_class("-invalid")  # optional: not red
        screen.query_one("#bucket", Input).value = "image_size=256"
        screen.replan()
        await settle(pilot)
        assert screen.plan is None and screen.query_one("#bucket", Input).has_class("-invalid")
        assert text_of(screen.query_one("#plan")).startswith("✗ bucket:")
        screen.query_one("#bucket", Input).value = ""
        screen.query_one("#samples", Input).value = ""
        screen.replan()
        await settle(pilot)
        plan = text_of(screen.query_one("#plan"))
        assert "samples: a whole number is needed" in plan and "int()" not in plan
        screen.query_one("#samples", Input).value = "0"
        screen.replan()
        await settle(pilot)
        plan = text_of(screen.query_one("#plan"))
        assert "samples must be at least 1" in plan and "--samples" not in plan
        # names typed are ticked in the list, and unticked when typed away
        picker = screen.query_one("#picker", SelectionList)
        screen.query_one("#generators", Input).value = "maze G-bounce"
        await pilot.pause()
        assert {"O-39_maze", "G-3_bounce", "O-48_sudoku"} <= set(picker.selected)
        screen.query_one("#generators", Input).value = "maze"
        await pilot.pause()
        assert "G-3_bounce" not in picker.selected and "O-39_maze" in picker.selected


async def test_dry_run_help_shows_its_keys(context):
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        assert "([ and ] step, z plays it full screen)" in text_of(
            app.screen.query_one("#dry-text")
        )


async def test_notifications_render_markup_only_where_meant(context):
    from textual.content import Content

    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        app.problem("store", "cannot read [b]s3://bucket/[x][/b]")  # backend text: as it is
        app.notify("press [b]ctrl+q[/b] to quit")  # markup meant by the app: rendered
        await pilot.pause()
        shown = {}
        for n in app._notifications:
            body = Content.from_markup(n.message) if n.markup else Content(n.message)
            shown[n.message] = body.plain
        assert shown["cannot read [b]s3://bucket/[x][/b]"] == "cannot read [b]s3://bucket/[x][/b]"
        assert shown["press [b]ctrl+q[/b] to quit"] == "press ctrl+q to quit"


async def test_the_catalog_groups_by_faculty_on_demand(context):
    from generators import all_specs

    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        screen.show_generator("O-48_sudoku")
        await settle(pilot)
        catalog = screen.query_one(Catalog)
        catalog.focus()
        await pilot.press("g")
        await settle(pilot)
        assert catalog.group_by == "faculty"
        groups = [str(n.label) for fam in catalog.root.children for n in fam.children]
        faculties = {s.faculty or "no faculty" for s in all_specs()}
        assert {g.rsplit(" (", 1)[0] for g in groups} == faculties
        assert catalog.cursor_node.data.id == "O-48_sudoku"  # the highlight is kept
        await pilot.press("g")
        await settle(pilot)
        assert catalog.group_by == "category"
        assert catalog.cursor_node.data.id == "O-48_sudoku"
