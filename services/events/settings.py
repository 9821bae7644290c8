"""Configuration of the launch-event stage: `[events]`, the time rules of clustering."""

from __future__ import annotations

from pydantic import Field, model_validator

from services.events.window import RETENTION_DAYS, Window
from services.runtime.config_model import Section

_DEFAULT = Window()


class EventsSettings(Section):
    minute_tolerance_s: float = Field(
        _DEFAULT.minute_tolerance_s, gt=0,
        description="Launch times stated to the minute join an event this far apart.")
    hour_tolerance_s: float = Field(
        _DEFAULT.hour_tolerance_s, gt=0, description="Launch times stated to the hour join this far apart.")
    day_tolerance_s: float = Field(
        _DEFAULT.day_tolerance_s, gt=0, description="Launch times stated to the day join this far apart.")
    publish_skew_s: float = Field(
        _DEFAULT.publish_skew_s, ge=0, description="A report stamped this far in the future is still trusted.")
    timeless_join_s: float = Field(
        _DEFAULT.timeless_join_s, gt=0,
        description="A report that states no launch time joins an event reported this recently.")
    echo_join_s: float = Field(
        _DEFAULT.echo_join_s, gt=0,
        description="A report naming the actor but no class and no launch time joins that actor's launch "
                    "this long after it.")
    inactive_close_s: float = Field(
        _DEFAULT.inactive_close_s, gt=0, description="An event with no report for this long is closed.")
    stale_after_s: float = Field(
        _DEFAULT.stale_after_s, gt=0, description="A first report of a launch this old opens no alerting event.")
    retention_days: float = Field(
        RETENTION_DAYS, gt=0,
        description="A closed event last reported this long ago is forgotten by the events stage's state (its "
        "revisions, and what each report did), as are reports handled this long ago that caused nothing; "
        "at least inactive_close_s.")

    @model_validator(mode="after")
    def _retention_outlasts_closing(self) -> "EventsSettings":
        if self.retention_days * 86400 < self.inactive_close_s:
            raise ValueError(f"events.retention_days ({self.retention_days:g}) is shorter than "
                             f"events.inactive_close_s ({self.inactive_close_s:g} s)")
        return self

    def window(self) -> Window:
        return Window(**self.model_dump(exclude={"retention_days"}))
