"""The DLQ inspector: failure records joined in, detail, delete, export and import, in the
files `vmwheel dlq download` writes."""

import json

from textual.widgets import DataTable, Input

from lambda_src import layout
from lambda_src.records import FailureRecord
from tui.app import VmWheelApp
from tui.backends import dlq
from tui.screens.confirm import AskFolder, Choose, Confirm
from tui.screens.dlq import DlqScreen
from tui.screens.dlq_dialogs import FailureDetail, MoveProgress

from .helpers import record_notifications, settle, text_of


def body(start: int, generator: str = "O-48_sudoku") -> dict:
    return {"type": generator, "num_samples": 5, "start_index": start, "seed": 7,
            "job_id": "job-d", "output_prefix": "questions"}  # fmt: skip


def kill(context, start: int, error_type: str, error: str, traceback: str = "") -> None:
    """A dead letter as the worker leaves one: the message with its error attributes on the
    DLQ, and a failure record in the store."""
    attrs = {"error_type": {"DataType": "String", "StringValue": error_type},
             "error": {"DataType": "String", "StringValue": error}}  # fmt: skip
    context.aws.send_bodies(context.config.dlq_url, [json.dumps(body(start))], attributes=[attrs])
    record = FailureRecord(job_id="job-d", generator="O-48_sudoku", start_index=start,
                           stop_index=start + 5, attempt=3, permanent=False,
                           error_type=error_type, error=error, traceback=traceback,
                           output_tail="sample 12: drawing the grid")  # fmt: skip
    key = layout.failure_key("questions", "job-d", "O-48_sudoku", start, start + 5, 3)
    context.store().put_bytes(key, record.to_json())


async def answer_folder(pilot, folder) -> None:
    assert isinstance(pilot.app.screen, AskFolder)
    pilot.app.screen.query_one("#folder", Input).value = str(folder)
    await pilot.press("enter")
    await settle(pilot)


async def test_dead_letters_grouped_with_their_failure_records(context):
    kill(context, 0, "TimeoutError", "sample 3 ran out of time", "Traceback: in draw_grid")
    kill(context, 5, "ParamError", "givens must be in 26..60")
    kill(context, 10, "TimeoutError", "sample 11 ran out of time")
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#dead", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert [r[2] for r in rows] == ["0-5", "10-15", "5-10"]  # the bigger group first
        assert [str(r[7]) for r in rows] == ["TimeoutError", "TimeoutError", "ParamError"]
        assert [r[5] for r in rows] == ["3", "3", "3"]  # attempts, from the failure records
        assert "TimeoutError ×2" in text_of(screen.query_one("#dlq-summary"))
        await pilot.press("enter")
        assert isinstance(app.screen, FailureDetail)
        text = text_of(app.screen.query_one("Static"))
        assert "Traceback: in draw_grid" in text and "sample 12: drawing the grid" in text
        await pilot.press("escape")
        await pilot.press("g")  # one error type at a time
        assert table.row_count == 2
        await pilot.press("g")
        assert table.row_count == 1 and str(table.get_row_at(0)[7]) == "ParamError"
        await pilot.press("delete")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 2  # the ParamError went, the group filter with it
    assert context.aws.queue_counts(context.config.dlq_url).visible == 2


async def test_export_then_import_in_the_cli_format(context, tmp_path):
    kill(context, 0, "TimeoutError", "sample 3 ran out of time")
    kill(context, 5, "ParamError", "givens must be in 26..60")
    cli = tmp_path / "cli"
    dlq.download(context.aws, context.config, context.store(), cli)  # what the CLI writes
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("o")
        await answer_folder(pilot, tmp_path / "all")
        await pilot.press("space")  # select the row under the cursor: export just that one
        await pilot.press("o")
        await answer_folder(pilot, tmp_path / "one")
        assert isinstance(app.screen, DlqScreen)
        assert app.screen.query_one("#dead", DataTable).row_count == 2  # both still there

        exported = sorted((tmp_path / "all").glob("*.json"))
        assert [p.name for p in exported] == sorted(p.name for p in cli.glob("*.json"))
        for path in exported:
            mine, theirs = json.loads(path.read_text()), json.loads((cli / path.name).read_text())
            assert set(mine) == set(theirs)
            for field in ("message_id", "receipt_handle", "timestamp", "receive_count",
                          "attributes", "body"):  # fmt: skip
                assert field in mine
            assert mine["body"] == theirs["body"]
            assert mine["failure"]["error_type"] in ("TimeoutError", "ParamError")
        assert len(list((tmp_path / "one").glob("*.json"))) == 1

        await pilot.press("i")
        await answer_folder(pilot, tmp_path / "all")
        assert isinstance(app.screen, Confirm)  # lists what it would send
        await pilot.press("y")
        await settle(pilot)
    sent = context.aws.peek(context.config.queue_url, limit=10)
    assert sorted(json.loads(m.body)["start_index"] for m in sent) == [0, 5]
    assert context.aws.queue_counts(context.config.dlq_url).visible == 2  # import copies


async def test_redrive_moves_every_dead_letter(context):
    for start in (0, 5, 10):
        kill(context, start, "TimeoutError", "slow")
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        said = record_notifications(app)
        await pilot.press("a")
        assert isinstance(app.screen, Choose)  # lists what it acts on
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MoveProgress)  # the report stays until closed
        await pilot.press("enter")
        await settle(pilot)
        assert "retry: moved 3 of 3 back to the task queue" in said, said
        assert not any("failed" in m for m in said), said
        assert app.screen.query_one("#dead", DataTable).row_count == 0
    assert context.aws.queue_counts(context.config.queue_url).visible == 3
