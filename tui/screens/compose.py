"""Compose and submit a job: generators, samples, shard size, seed, format, params; a live plan."""

from __future__ import annotations

import secrets

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, ProgressBar, Select, Static

from ..backends.jobs import JobPlan, plan_job, submit
from .confirm import Confirm


class ComposeScreen(Screen):
    AUTO_FOCUS = "#generators"
    BINDINGS = [Binding("ctrl+s", "submit", "Submit"), Binding("ctrl+n", "new_seed", "New seed")]

    class Planned(Message):
        def __init__(self, plan: JobPlan | None, error: str | None) -> None:
            self.plan, self.error = plan, error
            super().__init__()

    class Sent(Message):
        def __init__(self, job_id: str | None, summary: str, error: str | None) -> None:
            self.job_id, self.summary, self.error = job_id, summary, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.plan: JobPlan | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with VerticalScroll(id="compose-form", classes="panel"):
                yield Label("generators (names, a category, or all)")
                yield Input("O-48_sudoku", id="generators")
                yield Label("samples per generator · shard size (blank: each generator's own)")
                with Horizontal(classes="row"):
                    yield Input("100", id="samples", type="integer")
                    yield Input("", id="shard", type="integer", placeholder="default")
                yield Label("seed")
                yield Input(str(self.initial_seed()), id="seed", type="integer")
                yield Label("format · bucket · prefix")
                with Horizontal(classes="row"):
                    yield Select(
                        [("files", "files"), ("tar", "tar")],
                        value="files",
                        allow_blank=False,
                        id="format",
                    )
                    yield Input(
                        self.app.context.config.bucket or "",
                        id="bucket",
                        placeholder="stack bucket",
                    )
                    yield Input("questions", id="prefix")
                yield Label("params (k=v or GEN:k=v, space separated)")
                yield Input("", id="params", placeholder="e.g. image_size=512 givens=30")
                yield Button("Submit (ctrl+s)", id="submit", variant="success")
                yield ProgressBar(total=1, id="send-progress", show_eta=False)
            with VerticalScroll(id="compose-plan", classes="panel"):
                yield Static("", id="plan")
        yield Footer()

    def on_mount(self) -> None:
        self.replan()

    @on(Input.Changed)
    @on(Select.Changed)
    def replan(self) -> None:
        self.make_plan(self.form())

    def form(self) -> dict:
        v = {w.id: (w.value or "").strip() for w in self.query(Input)}
        v["format"] = self.query_one("#format", Select).value
        return v

    @work(thread=True, exclusive=True, group="plan")
    def make_plan(self, v: dict) -> None:
        try:
            names = v["generators"].replace(",", " ").split()
            from generators import CATEGORIES, all_specs

            if len(names) == 1 and names[0] in CATEGORIES:  # a whole category
                names = [s.id for s in all_specs() if s.category == names[0]]
            plan = plan_job(names, int(v["samples"] or 0), batch_size=int(v["shard"]) if v["shard"] else None,
                            seed=int(v["seed"]) if v["seed"] else None, output_format=v["format"],
                            output_bucket=v["bucket"] or None, output_prefix=v["prefix"] or None,
                            params=v["params"].split())  # fmt: skip
            self.post_message(self.Planned(plan, None))
        except Exception as e:  # shown as you type
            self.post_message(self.Planned(None, str(e)))

    def on_compose_screen_planned(self, event: Planned) -> None:
        self.plan = event.plan
        text = self.query_one("#plan", Static)
        if event.error:
            text.update(f"[red]✗ {event.error}[/]")
            return
        plan = event.plan
        est = plan.estimate()
        lines = [f"[b]{len(plan.shards):,} messages[/] · [b]{plan.samples:,} samples[/] · seed {plan.seed}",
                 f"format {plan.output_format} · prefix {plan.output_prefix}", ""]  # fmt: skip
        for gid, g in plan.generators.items():
            msgs = sum(1 for s in plan.shards if s.generator == gid)
            lines.append(
                f"  {gid:<28} {g.samples:>9,} samples · shard {g.shard_size} · {msgs:,} msgs"
            )
        lines += [
            "",
            f"[b]Estimate[/] (us-east-1 list prices)   output ≈ {est.bytes / 2**30:,.2f} GiB in {est.objects:,} objects",
            f"  Lambda   {est.lambda_gb_s:>12,.0f} GB-s   ${est.lambda_usd:>10,.2f}",
            f"  SQS      {est.sqs_requests:>12,.0f} req    ${est.sqs_usd:>10,.2f}",
            f"  S3 PUT   {est.objects:>12,} req    ${est.s3_put_usd:>10,.2f}",
            f"  storage  {'1 month':>12}        ${est.storage_month_usd:>10,.2f}",
            f"  [b]total{'':>24}${est.total_usd:>10,.2f}[/]",
        ]
        if est.puts_exceed_compute:
            lines.append(
                "[yellow]! S3 PUTs cost more than the compute: consider --output-format tar[/]"
            )
        lines += [f"[yellow]! {w}[/]" for w in plan.warnings]
        text.update("\n".join(lines))

    def initial_seed(self) -> int:
        fixed = self.app.context.fixed_seed
        return fixed if fixed is not None else secrets.randbelow(2**31)

    def action_new_seed(self) -> None:
        self.query_one("#seed", Input).value = str(secrets.randbelow(2**31))

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        if self.app.context.read_only:
            self.notify("read-only console: submitting is off", severity="warning")
            return
        if not self.plan:
            self.notify("fix the form first", severity="error")
            return
        plan = self.plan
        question = (
            f"Send {len(plan.shards):,} messages ({plan.samples:,} samples) to the task queue?"
        )
        self.app.push_screen(Confirm(question, "Submit"), lambda ok: ok and self.send(plan))

    @work(thread=True, exclusive=True, group="send")
    def send(self, plan: JobPlan) -> None:
        bar = self.query_one("#send-progress", ProgressBar)
        self.app.call_from_thread(bar.update, total=len(plan.shards), progress=0)
        try:
            ctx = self.app.context
            result = submit(ctx.aws, ctx.config, ctx.store(), plan,
                            on_progress=lambda n: self.app.call_from_thread(bar.advance, n))  # fmt: skip
            summary = f"job {result.job_id}: {result.sent}/{result.messages} messages sent"
            self.post_message(
                self.Sent(result.job_id, summary, None if result.ok else "some messages failed")
            )
        except Exception as e:
            self.post_message(self.Sent(None, "", str(e)))

    def on_compose_screen_sent(self, event: Sent) -> None:
        if event.job_id:
            self.notify(event.summary, title="submitted", timeout=10)
            self.query_one("#plan", Static).update(
                f"[green]✓ {event.summary}[/]\n\njob id: [b]{event.job_id}[/]"
            )
        if event.error:
            self.notify(event.error, title="submit", severity="error")
