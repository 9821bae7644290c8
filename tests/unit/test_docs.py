"""The README documents every config key as the models define them."""

from __future__ import annotations

from pathlib import Path

from services.config_doc import BEGIN, END, readme_block

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_config_reference_matches_the_settings_models():
    text = README.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, "README.md lacks the generated configuration reference"
    current = text[text.index(BEGIN): text.index(END) + len(END)]
    assert current == readme_block(), (
        "README.md's configuration reference drifted: paste `python -m services.config_doc`"
    )
