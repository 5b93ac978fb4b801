"""DLQ actions an operator can trust: keys act on the message that was highlighted whatever
a reload does to the rows, dialogs say what they act on, permanent errors are retried only
after a second question, "retry all" is one bounded pass, and a dead letter's body can be
fixed and resent."""

import json

from textual.widgets import DataTable, TextArea

from tui.app import VmWheelApp
from tui.backends import dlq
from tui.screens.confirm import Choose, Confirm
from tui.screens.dlq_dialogs import EditLetter, MoveProgress

from .helpers import record_notifications, settle, text_of


def dead(context, bodies: list[dict], error_type: str, error: str) -> None:
    attrs = {"error_type": {"DataType": "String", "StringValue": error_type},
             "error": {"DataType": "String", "StringValue": error}}  # fmt: skip
    context.aws.send_bodies(context.config.dlq_url, [json.dumps(b) for b in bodies],
                            attributes=[attrs] * len(bodies), threads=1)  # fmt: skip


def sudoku(start: int, job: str = "job-s") -> dict:
    return {"type": "O-48_sudoku", "num_samples": 5, "start_index": start, "seed": 3,
            "job_id": job, "params": {"image_size": 64, "video": False}}  # fmt: skip


def queued(context) -> list[dict]:
    return [json.loads(m.body) for m in context.aws.peek(context.config.queue_url, limit=20)]


def row_ids(table: DataTable) -> list[str]:
    return [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]


async def test_delete_acts_on_the_highlighted_message_after_a_reload_re_sorts(context):
    dead(context, [sudoku(0)], "SampleTimeout", "sample 2 ran out of time")
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        table = app.screen.query_one("#dead", DataTable)
        (chosen,) = row_ids(table)
        assert table.cursor_row == 0
        # two dead letters of a bigger group: they sort above the highlighted one
        dead(context, [sudoku(5), sudoku(10)], "SampleCrashed", "the sample process died")
        await pilot.press("f5")
        await settle(pilot)
        assert row_ids(table)[2] == chosen and table.cursor_row == 2  # the cursor followed it
        await pilot.press("delete")
        assert isinstance(app.screen, Confirm)
        question = text_of(app.screen.query_one("#question"))
        assert "1 dead letter: 1 SampleTimeout" in question and chosen[:8] in question
        assert "O-48_sudoku 0-5 · job job-s" in question
        await pilot.press("y")
        await settle(pilot)
        assert chosen not in row_ids(table) and table.row_count == 2
    left = dlq.list_dead(context.aws, context.config, None)
    assert sorted(d.start for d in left) == [5, 10]


async def test_retry_all_moves_each_message_once_and_leaves_the_permanent_ones(context):
    dead(context, [sudoku(0), sudoku(5), sudoku(10)], "SampleTimeout", "ran out of time")
    dead(context, [{"type": "O-999_nope", "num_samples": 1}] * 2, "UnknownGeneratorType",
         "unknown generator 'O-999_nope'")  # fmt: skip
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        said = record_notifications(app)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, Choose)
        question = text_of(app.screen.query_one("#question"))
        assert "5 dead letters: 3 SampleTimeout, 2 UnknownGeneratorType" in question
        assert "2 of them are permanent errors" in question and "fails the same way" in question
        await pilot.press("y")  # the 3 that may pass
        await settle(pilot)
        assert isinstance(app.screen, MoveProgress)
        report = app.screen.report
        assert (report.moved, report.left_permanent, report.total) == (3, 2, 5)
        await pilot.press("enter")
        await settle(pilot)
        assert [m for m in said if m.startswith("retry:")] == [
            "retry: moved 3 of 5 back to the task queue; 2 permanent errors left on the DLQ"
        ]
        assert not [m for m in said if "grew" in m]  # the letters it held came back: no growth
        assert app.screen.query_one("#dead", DataTable).row_count == 2
        # only permanent ones left: retrying them takes a second, explicit yes
        await pilot.press("a")
        assert isinstance(app.screen, Choose)
        await pilot.press("p")
        assert isinstance(app.screen, Confirm)
        assert "will fail again" in text_of(app.screen.query_one("#question"))
        await pilot.press("n")
        await settle(pilot)
    assert sorted(b["start_index"] for b in queued(context)) == [0, 5, 10]  # once each
    assert context.aws.queue_counts(context.config.dlq_url).visible == 2


async def test_retrying_a_permanent_error_needs_a_second_yes(context):
    dead(context, [{"type": "O-48_sudoku", "num_samples": 1, "params": {"givens": 5}}],
         "InvalidParams", "O-48_sudoku: givens must be in 26..60")  # fmt: skip
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, Choose)
        assert "permanent error (InvalidParams)" in text_of(app.screen.query_one("#question"))
        await pilot.press("enter")  # the focus is on Cancel: Enter alone never retries
        await settle(pilot)
        assert queued(context) == []
        await pilot.press("t", "p")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("enter")  # close the report
        await settle(pilot)
    assert [b["params"] for b in queued(context)] == [{"givens": 5}]


async def test_a_whole_error_group_at_once(context):
    dead(context, [sudoku(0), sudoku(5)], "SampleTimeout", "ran out of time")
    dead(context, [sudoku(10)], "SampleCrashed", "died")
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("g", "ctrl+a")  # the SampleTimeout group, all of it selected
        assert len(app.screen.selected) == 2
        await pilot.press("delete")
        question = text_of(app.screen.query_one("#question"))
        assert "2 dead letters: 2 SampleTimeout" in question
        await pilot.press("y")
        await settle(pilot)
    left = dlq.list_dead(context.aws, context.config, None)
    assert [d.kind for d in left] == ["SampleCrashed"]


async def test_edit_a_dead_letter_and_resend_it(context):
    dead(context, [{"type": "O-48_sudoku", "num_samples": 2, "seed": 4, "job_id": "job-e",
                    "params": {"givens": 5}}], "InvalidParams", "givens must be in 26..60")  # fmt: skip
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, EditLetter)
        await settle(pilot)
        status = app.screen.query_one("#edit-status")
        assert "InvalidParams" in text_of(status)  # checked against the task contract
        area = app.screen.query_one("#edit-body", TextArea)
        area.text = area.text.replace('"givens": 5', '"givens": 30')
        await pilot.pause(0.4)
        await settle(pilot)
        assert text_of(status).startswith("✓")
        area.text = area.text.replace('"num_samples": 2', '"num_samples": "two"')
        await pilot.pause(0.4)
        await settle(pilot)
        assert "num_samples" in text_of(status)
        await pilot.press("ctrl+s")  # refused while invalid
        assert isinstance(app.screen, EditLetter)
        area.text = area.text.replace('"two"', "2")
        await pilot.pause(0.4)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#dead", DataTable).row_count == 0
    (body,) = queued(context)
    assert body["params"] == {"givens": 30} and body["job_id"] == "job-e"
    assert context.aws.queue_counts(context.config.dlq_url).visible == 0


async def test_attempts_come_from_failure_records_not_from_listing(context):
    dead(context, [sudoku(0)], "SampleTimeout", "ran out of time")
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        for _ in range(3):  # every listing is a receive on the DLQ
            await pilot.press("f5")
            await settle(pilot)
        table = app.screen.query_one("#dead", DataTable)
        row = table.get_row_at(0)
        assert row[5] == "-"  # no failure record: no attempts to speak of
        assert row[4] == "3"  # the seed, never "None"


async def test_the_list_reloads_when_the_dlq_grows(context):
    context.poll_interval = 0.3
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        table = app.screen.query_one("#dead", DataTable)
        assert table.row_count == 0
        said = record_notifications(app)
        dead(context, [sudoku(0)], "SampleTimeout", "ran out of time")
        for _ in range(40):
            await pilot.pause(0.1)
            if table.row_count:
                break
        assert table.row_count == 1
        assert any("DLQ grew by 1" in m for m in said)


async def test_letters_held_in_flight_and_released_are_not_growth(context):
    dead(context, [sudoku(0), sudoku(5)], "SampleTimeout", "ran out of time")
    context.poll_interval = 0.2
    app = VmWheelApp(context)
    dlq_url = context.config.dlq_url

    async def polls_pass(n: int = 2) -> None:
        target = app.poller.polls.get("queue", 0) + n
        for _ in range(100):
            await pilot.pause(0.05)
            if app.poller.polls.get("queue", 0) >= target:
                return
        raise AssertionError("the queue poll stopped")

    async with app.run_test(size=(120, 40)) as pilot:
        said = record_notifications(app)
        await polls_pass()
        held = context.aws.collect(dlq_url, hold=30)  # as a listing or a retry holds them
        assert len(held) == 2
        await polls_pass()
        context.aws.release(dlq_url, held)
        await polls_pass()
        assert app.poller.history[-1].dlq == 2
    assert not [m for m in said if "grew" in m], said
