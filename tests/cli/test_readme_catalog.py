"""README.md's catalog table is the registry's: adding or changing a generator without
regenerating it (`uv run vmwheel generators --markdown`) fails here."""

import re
from pathlib import Path

from generators import all_specs
from tui.commands.generators import markdown_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_catalog_table_is_the_registrys():
    text = README.read_text()
    found = re.search(r"<!-- catalog -->\n(.*?)\n<!-- /catalog -->", text, re.S)
    assert found, "README.md has no <!-- catalog --> section"
    assert found.group(1).strip() == markdown_table(all_specs()), (
        "README.md's catalog is stale: paste `uv run vmwheel generators --markdown` into it"
    )
