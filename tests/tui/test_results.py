"""The results browser lists what real local workers wrote, previews it (also from a
shard's tar) and downloads a sample, a generator or a whole job."""

from pathlib import Path

from textual.widgets import Input, Tree

from tui.app import VmWheelApp
from tui.backends.config import resolve
from tui.backends.jobs import plan_job, submit, wait_complete
from tui.context import ConsoleContext
from tui.screens.confirm import AskFolder

from .helpers import fresh_stack, settle, text_of

SMALL = ["image_size=128", "video=false"]


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


async def download_to(pilot, folder: Path) -> None:
    await pilot.press("s")
    assert isinstance(pilot.app.screen, AskFolder)
    pilot.app.screen.query_one("#folder", Input).value = str(folder)
    await pilot.press("enter")
    await settle(pilot)


async def test_results_browse_preview_and_download(tmp_path, monkeypatch):
    monkeypatch.setenv("VMWHEEL_CACHE", str(tmp_path / "cache"))
    store = tmp_path / "store"
    with fresh_stack(store=store, workers=1, visibility_timeout=60):
        ctx = ConsoleContext(resolve({"store": str(store)}, env={}))
        files = submit(ctx.aws, ctx.config, ctx.store(),
                       plan_job(["maze", "sudoku"], 3, batch_size=2, seed=5, params=SMALL,
                                output_format="files"))  # fmt: skip
        tar = submit(ctx.aws, ctx.config, ctx.store(),
                     plan_job(["maze"], 2, seed=5, params=SMALL, output_format="tar"))  # fmt: skip
        for job in (files, tar):
            assert wait_complete(ctx.store(), job.job_id, timeout=600).complete
        app = VmWheelApp(ctx)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f8")
            await settle(pilot)
            tree = app.screen.query_one("#jobs", Tree)
            tar_node, files_node = tree.root.children  # newest first
            assert files.job_id in str(files_node.label) and tar.job_id in str(tar_node.label)
            maze, sudoku = files_node.children
            samples = [str(leaf.label) for leaf in maze.children]
            assert samples == ["O-39_maze_00000000", "O-39_maze_00000001", "O-39_maze_00000002"]

            tree.move_cursor(maze.children[1])
            await settle(pilot)
            text = text_of(app.screen.query_one("#res-text"))
            assert "O-39_maze_00000001" in text and "maze" in text.lower()

            await download_to(pilot, tmp_path / "one")
            assert files_under(tmp_path / "one") == [
                f"O-39_maze/O-39_maze_00000001/{name}"
                for name in ("final_frame.png", "first_frame.png", "metadata.json",
                             "prompt.txt", "rubric.txt")
            ]  # fmt: skip

            tree.move_cursor(sudoku)
            await settle(pilot)
            await download_to(pilot, tmp_path / "gen")
            got = files_under(tmp_path / "gen")
            assert {p.split("/")[0] for p in got} == {"O-48_sudoku", "_jobs", "_manifests"}
            assert len([p for p in got if p.endswith("metadata.json")]) == 3

            tree.move_cursor(files_node)
            await settle(pilot)
            await download_to(pilot, tmp_path / "job")
            got = files_under(tmp_path / "job")
            assert len([p for p in got if p.endswith("metadata.json")]) == 6

            tree.move_cursor(
                tar_node.children[0].children[0]
            )  # a tar-format sample: previewed from its shard's tar
            await settle(pilot)
            assert "O-39_maze_00000000" in text_of(app.screen.query_one("#res-text"))
            await download_to(pilot, tmp_path / "tar")  # unpacked from its shard's tar
            assert files_under(tmp_path / "tar") == [
                f"O-39_maze/O-39_maze_00000000/{name}"
                for name in ("final_frame.png", "first_frame.png", "metadata.json",
                             "prompt.txt", "rubric.txt")
            ]  # fmt: skip
