"""Configuration of the classify stage: `[classify]`."""

from __future__ import annotations

from pydantic import Field

from services.runtime.config_model import Section


class ClassifySettings(Section):
    min_confidence: float = Field(
        0.5, ge=0, le=1, description="Reports below this start or join no event."
    )
