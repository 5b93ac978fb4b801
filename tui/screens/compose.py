"""Compose and submit a job: generators, samples, shard size, seed, format, params; a live plan."""

from __future__ import annotations

import secrets

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, ProgressBar, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from generators import CATEGORIES, all_specs

from ..backends.jobs import JobPlan, plan_job, submit
from ..backends.s3names import bucket_problem
from ..context import shorten
from ..widgets.catalog import FAMILIES, grouped
from .base import ConsoleScreen, field
from .confirm import Confirm

DEFAULT_PICK = "O-48_sudoku"
REPLAN_DELAY = 0.15  # s of quiet typing before the plan is recomputed


def groups() -> dict[str, list[str]]:
    """Picker rows that stand for several generators: @all, @O, @G, @O/category."""
    specs = all_specs()
    out = {"@all": [s.id for s in specs]}
    for fam in FAMILIES:
        out[f"@{fam}"] = [s.id for s in specs if s.family == fam]
    for fam, category, members in grouped(specs):
        out[f"@{fam}/{category}"] = [s.id for s in members]
    return out


def expand_names(text: str) -> list[str]:
    """Typed names: generator names in any lookup form, a category, O- or G-, or all."""
    names = []
    for token in text.replace(",", " ").split():
        if token == "all":
            names += [s.id for s in all_specs()]
        elif token in CATEGORIES:
            names += [s.id for s in all_specs() if s.category == token]
        elif token in ("O-", "G-"):
            names += [s.id for s in all_specs() if s.family == token[0]]
        else:
            names.append(token)
    return names


FLAG_NAMES = {"--samples": "samples", "--batch-size": "shard", "--seed": "seed",
              "--output-format": "format", "--start-index": "start index"}  # fmt: skip


class FormError(ValueError):
    """A field of the form that cannot be read: (field id, one line)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def read_int(v: dict, name: str, label: str, required: bool = False) -> int | None:
    text = v[name]
    if not text:
        if required:
            raise FormError(name, f"{label}: a whole number is needed")
        return None
    try:
        return int(text)
    except ValueError:
        raise FormError(name, f"{label}: {text!r} is not a whole number") from None


def plan_error(e: Exception) -> str:
    """An error of the planner in the form's words (fields, not command-line flags)."""
    text = str(e) or type(e).__name__
    for flag, name in FLAG_NAMES.items():
        text = text.replace(flag, name)
    from ..backends.errors import BackendError

    if isinstance(e, BackendError | ValueError | LookupError):
        return text
    return f"cannot plan this job: {text}"


class ComposeScreen(ConsoleScreen):
    MODE = "compose"
    AUTO_FOCUS = "#picker"
    DESTRUCTIVE = frozenset({"submit"})
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit"),
        Binding("ctrl+n", "new_seed", "New seed"),
        Binding("ctrl+l", "clear_picks", "Clear picks"),
    ]

    class Planned(Message):
        def __init__(self, plan: JobPlan | None, error: str | None, field: str = "") -> None:
            self.plan, self.error, self.field = plan, error, field
            super().__init__()

    class Sent(Message):
        def __init__(self, job_id: str | None, summary: str, error: str | None) -> None:
            self.job_id, self.summary, self.error = job_id, summary, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.plan: JobPlan | None = None
        self.sending = False
        self.groups = groups()
        self.replan_timer = None
        self.manual: set[str] = {DEFAULT_PICK}  # ticked by hand in the list
        self.typed: set[str] = set()  # ticked because the names field names them

    def body(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="compose-form", classes="panel"):
                yield Label("[b]Generators[/] [dim]space: pick[/]", classes="panel-title",
                            id="picked")  # fmt: skip
                yield SelectionList(*self.picker_rows(), id="picker", compact=True)
                yield field("names", Input("", id="generators", compact=True,
                                                placeholder="or type names, all…"))  # fmt: skip
                yield field("samples", Input("100", id="samples", type="integer", compact=True))
                yield field("shard", Input("", id="shard", type="integer", compact=True,
                                           valid_empty=True,
                                           placeholder="each generator's default"))  # fmt: skip
                yield field("seed", Input(str(self.initial_seed()), id="seed", type="integer",
                                               compact=True))  # fmt: skip
                yield field("format", Select([("tar (one per shard)", "tar"), ("files", "files")],
                                                  value="tar", allow_blank=False, id="format",
                                                  compact=True))  # fmt: skip
                yield field("bucket", Input("", id="bucket", compact=True,
                                            placeholder=self.bucket_hint()))  # fmt: skip
                yield field("prefix", Input("questions", id="prefix", compact=True))
                yield field("params", Input("", id="params", compact=True,
                                                 placeholder="k=v or GEN:k=v …"))  # fmt: skip
                yield Static("", id="param-hint")
                with Horizontal(classes="field"):
                    yield Button("Submit ^s", id="submit", variant="success", compact=True,
                                 disabled=self.context.read_only)  # fmt: skip
                    yield Label("", id="submit-note")
                    yield ProgressBar(total=1, id="send-progress", show_eta=False)
            with VerticalScroll(id="compose-plan", classes="panel"):
                yield Static("", id="plan")

    def picker_rows(self) -> list[Selection]:
        specs = all_specs()
        rows = [Selection(f"[b]all generators[/] ({len(specs)})", "@all")]
        seen = set()
        for fam, category, members in grouped(specs):
            if fam not in seen:
                seen.add(fam)
                rows.append(Selection(f"[b]{FAMILIES[fam]}[/] ({len(self.groups['@' + fam])})",
                                      f"@{fam}"))  # fmt: skip
            rows.append(Selection(f" [i]{category}[/] ({len(members)})", f"@{fam}/{category}"))
            for s in members:
                rows.append(Selection(f"  {s.id}", s.id, s.id == DEFAULT_PICK))
        return rows

    def bucket_hint(self) -> str:
        if not self.context.ready:
            return "default: the local stack's store"
        return f"default: {shorten(self.context.config.storage_label)}"

    def on_mount(self) -> None:
        if self.context.read_only:
            self.query_one("#submit", Button).display = False
            self.query_one("#submit-note", Label).update("[dim]read-only: plan only[/]")
        self.replan()

    def backend_ready(self) -> None:
        self.query_one("#bucket", Input).placeholder = self.bucket_hint()
        self.replan()

    # --- picking ------------------------------------------------------------------------

    @on(SelectionList.SelectionToggled, "#picker")
    def toggled(self, event: SelectionList.SelectionToggled) -> None:
        value = event.selection.value
        picker = event.selection_list
        on_ = value in picker.selected
        members = self.groups.get(value, [value])
        with self.prevent(SelectionList.SelectedChanged):
            for gid in members:
                picker.select(gid) if on_ else picker.deselect(gid)
        if on_:
            self.manual |= set(members)
        else:
            self.manual -= set(members)
            self.typed -= set(members)
        self.sync_groups()
        self.replan_soon()

    @on(Input.Changed, "#generators")
    def names_typed(self, event: Input.Changed) -> None:
        """Names typed in the names field are ticked in the list (and unticked when they
        are typed away, unless ticked by hand)."""
        from generators import lookup

        found = set()
        for token in expand_names(event.value):
            try:
                found.add(lookup(token))
            except Exception:  # half-typed or unknown: the plan says which
                continue
        picker = self.query_one("#picker", SelectionList)
        with self.prevent(SelectionList.SelectedChanged):
            for gid in self.typed - found - self.manual:
                picker.deselect(gid)
            for gid in found:
                picker.select(gid)
        self.typed = found
        self.sync_groups()

    def sync_groups(self) -> None:
        """A group row is ticked exactly when all its generators are."""
        picker = self.query_one("#picker", SelectionList)
        chosen = set(picker.selected)
        with self.prevent(SelectionList.SelectedChanged):
            for key, members in self.groups.items():
                picker.select(key) if set(members) <= chosen else picker.deselect(key)

    def picked(self) -> list[str]:
        return [
            v for v in self.query_one("#picker", SelectionList).selected if v not in self.groups
        ]

    def use_generators(self, ids: list[str]) -> None:
        """Start a job with exactly these generators (from the catalog screens)."""
        picker = self.query_one("#picker", SelectionList)
        with self.prevent(SelectionList.SelectedChanged):
            picker.deselect_all()
            for gid in ids:
                picker.select(gid)
        self.manual, self.typed = set(ids), set()
        with self.prevent(Input.Changed):
            self.query_one("#generators", Input).value = ""
        self.sync_groups()
        self.replan()

    def action_clear_picks(self) -> None:
        self.use_generators([])

    # --- planning -----------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def replan_soon(self) -> None:
        if self.replan_timer is not None:
            self.replan_timer.stop()
        self.replan_timer = self.set_timer(REPLAN_DELAY, self.replan)

    def replan(self) -> None:
        self.replan_timer = None
        self.make_plan(self.form())

    def form(self) -> dict:
        v = {w.id: (w.value or "").strip() for w in self.query(Input)}
        v["format"] = self.query_one("#format", Select).value
        v["names"] = list(dict.fromkeys(self.picked() + expand_names(v["generators"])))
        return v

    @work(thread=True, exclusive=True, group="plan")
    def make_plan(self, v: dict) -> None:
        try:
            samples = read_int(v, "samples", "samples", required=True)
            shard = read_int(v, "shard", "shard")
            seed = read_int(v, "seed", "seed")
            if v["bucket"] and (problem := bucket_problem(v["bucket"])):
                raise FormError("bucket", f"bucket: {problem}")
            plan = plan_job(v["names"], samples, batch_size=shard, seed=seed,
                            output_format=v["format"], output_bucket=v["bucket"] or None,
                            output_prefix=v["prefix"], params=v["params"].split())  # fmt: skip
            self.post_message(self.Planned(plan, None))
        except FormError as e:
            self.post_message(self.Planned(None, str(e), e.field))
        except Exception as e:  # shown as you type, in the form's words
            text = plan_error(e)
            field = next((f for f in ("param", "shard", "samples", "seed", "prefix")
                          if text.startswith(f) or f"{f} " in text[:40]), "")  # fmt: skip
            self.post_message(self.Planned(None, text, "params" if field == "param" else field))

    def on_compose_screen_planned(self, event: Planned) -> None:
        self.plan = event.plan
        for wid in ("samples", "shard", "seed", "bucket", "prefix", "params"):
            self.query_one(f"#{wid}", Input).set_class(event.field == wid, "-invalid")
        self.update_hint()
        if not self.sending:
            text = self.query_one("#plan", Static)
            text.update(Text.assemble(("✗ ", "bold red"), event.error) if event.error
                        else render_plan(event.plan, self.context))  # fmt: skip

    def update_hint(self) -> None:
        from generators import get_spec

        names = self.plan.generators if self.plan else self.picked()
        self.query_one("#picked", Label).update(
            f"[b]Generators[/] · {len(names)} chosen [dim]space[/]"
        )
        shards = {get_spec(g).shard_size for g in names}
        self.query_one("#shard", Input).placeholder = (
            f"default {shards.pop()}" if len(shards) == 1 else "each generator's default"
        )
        if len(names) == 1:
            spec = get_spec(next(iter(names)))
            own = " ".join(f"{p.name}={p.default}" for p in spec.task_params)
            hint = f"own: {own}" if own else "no own params (F2 lists the common ones)"
        else:
            hint = "k=v: all declaring k · GEN:k=v: one"
        self.query_one("#param-hint", Static).update(Text(hint, style="dim"))

    def initial_seed(self) -> int:
        fixed = self.context.fixed_seed
        return fixed if fixed is not None else secrets.randbelow(2**31)

    def action_new_seed(self) -> None:
        self.query_one("#seed", Input).value = str(secrets.randbelow(2**31))

    # --- submitting ---------------------------------------------------------------------

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        if self.app.refused("submitting"):
            return
        if self.sending:
            self.notify("still sending the last job", severity="warning")
            return
        if not self.plan:
            self.notify("the form has a problem (see the plan)", severity="error")
            return
        plan = self.plan
        queue = self.context.queue_label
        question = (
            f"Send {len(plan.shards):,} messages ({plan.samples:,} samples of "
            f"{len(plan.generators)} generator{'s' if len(plan.generators) > 1 else ''}) "
            f"to {queue}?\n\nseed {plan.seed} · {plan.output_format} · prefix "
            f"{plan.output_prefix} · estimated ${plan.estimate().total_usd:,.2f}"
        )
        self.app.push_screen(Confirm(question, "Submit", danger=False),
                             lambda ok: ok and self.start_sending(plan))  # fmt: skip

    def start_sending(self, plan: JobPlan) -> None:
        self.sending = True
        self.send(plan)

    @work(thread=True, exclusive=True, group="send")
    def send(self, plan: JobPlan) -> None:
        bar = self.query_one("#send-progress", ProgressBar)
        self.app.call_from_thread(bar.update, total=len(plan.shards), progress=0)
        try:
            ctx = self.context
            result = submit(ctx.aws, ctx.config, ctx.store(), plan,
                            on_progress=lambda n: self.app.call_from_thread(bar.advance, n))  # fmt: skip
            summary = (
                f"job {result.job_id}: {result.sent:,}/{result.messages:,} messages sent "
                f"in {result.seconds:.1f} s"
            )
            self.post_message(
                self.Sent(result.job_id, summary, None if result.ok else "some messages failed")
            )
        except Exception as e:
            self.post_message(self.Sent(None, "", str(e)))

    def on_compose_screen_sent(self, event: Sent) -> None:
        self.sending = False
        if event.job_id:
            self.context.last_job = event.job_id
            self.notify(event.summary, title="submitted", timeout=10, markup=False)
            self.poller.poll_now()
            self.query_one("#plan", Static).update(
                Group(
                    Text.assemble(("✓ ", "bold green"), event.summary),
                    Text(""),
                    Text.assemble("job id  ", (event.job_id, "bold")),
                    Text("F4: the dashboard follows it · F8: its results", style="dim"),
                )
            )
        if event.error:
            self.notify(event.error, title="submit", severity="error", markup=False)


def render_plan(plan: JobPlan, context) -> Group:
    est = plan.estimate()
    where = (f"s3://{plan.output_bucket}" if plan.output_bucket
             else shorten(context.config.storage_label))  # fmt: skip
    head = Text.assemble(
        (f"{len(plan.shards):,} messages", "bold"), " · ", (f"{plan.samples:,} samples", "bold"),
        f" · seed {plan.seed}\n",
        (f"{plan.output_format} → {plan.output_prefix}/ in {where}", "dim"),
    )  # fmt: skip
    gens = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold", expand=True)
    gens.add_column("generator", overflow="fold", ratio=1)
    for col in ("samples", "shard", "msgs"):
        gens.add_column(col, justify="right", no_wrap=True)
    for gid, g in plan.generators.items():
        msgs = sum(1 for s in plan.shards if s.generator == gid)
        gens.add_row(gid, f"{g.samples:,}", str(g.shard_size), f"{msgs:,}")
    cost = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold")
    cost.add_column("estimate", no_wrap=True)
    cost.add_column("amount", justify="right", no_wrap=True)
    cost.add_column("USD", justify="right", no_wrap=True)
    cost.add_row("Lambda", f"{est.lambda_gb_s:,.0f} GB-s", f"{est.lambda_usd:,.2f}")
    cost.add_row("SQS", f"{est.sqs_requests:,.0f} req", f"{est.sqs_usd:,.2f}")
    cost.add_row("S3 PUT", f"{est.objects:,} req", f"{est.s3_put_usd:,.2f}")
    cost.add_row("storage", "1 month", f"{est.storage_month_usd:,.2f}")
    cost.add_row(Text("total", style="bold"), f"≈ {est.bytes / 2**30:,.2f} GiB",
                 Text(f"{est.total_usd:,.2f}", style="bold"))  # fmt: skip
    parts = [head, Text(""), gens, Text(""), cost,
             Text("us-east-1 list prices", style="dim")]  # fmt: skip
    if est.puts_exceed_compute:
        parts.append(Text("! S3 PUTs cost more than the compute: consider format tar",
                          style="yellow"))  # fmt: skip
    parts += [Text(f"! {w}", style="yellow") for w in plan.warnings]
    parts.append(Text("ctrl+s submits", style="dim"))
    return Group(*parts)
