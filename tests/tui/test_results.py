"""The results browser lists what real local workers wrote."""

from textual.widgets import Static, Tree

from tui.app import VmWheelApp
from tui.backends.config import resolve
from tui.backends.jobs import plan_job, submit, wait_complete
from tui.backends.local_stack import LocalStack, LocalStackOptions
from tui.context import ConsoleContext


async def test_results_browser_lists_what_the_workers_wrote(tmp_path, monkeypatch):
    monkeypatch.setenv("VMWHEEL_CACHE", str(tmp_path / "cache"))
    store = tmp_path / "store"
    with LocalStack(LocalStackOptions(store=store, workers=1, visibility_timeout=60)):
        ctx = ConsoleContext(resolve({"store": str(store)}, env={}))
        plan = plan_job(["maze"], 3, batch_size=2, seed=5, params=["image_size=128", "video=false"])
        job = submit(ctx.aws, ctx.config, ctx.store(), plan)
        assert wait_complete(ctx.store(), job.job_id, timeout=300).complete
        app = VmWheelApp(ctx)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f8")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            tree = app.screen.query_one("#jobs", Tree)
            (job_node,) = tree.root.children
            assert job.job_id in str(job_node.label)
            (gen_node,) = job_node.children
            samples = [str(leaf.label) for leaf in gen_node.children]
            assert samples == ["O-39_maze_00000000", "O-39_maze_00000001", "O-39_maze_00000002"]
            await pilot.pause()
            tree.move_cursor(gen_node.children[1])
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            text = str(app.screen.query_one("#res-text", Static).render())
            assert "O-39_maze_00000001" in text and "maze" in text.lower()
