"""Base model for configuration sections: unknown keys are an error."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Section(BaseModel):
    """A config table. `extra="forbid"` makes a misspelt key stop start-up, naming it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
