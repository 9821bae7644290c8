"""Configuration of the web app: `[web]` (the pages, feeds and API on the `[http] listen` address)."""

from __future__ import annotations

from pydantic import Field, SecretStr, StrictBool

from services.runtime.config_model import HttpUrl, Section


class WebSettings(Section):
    enabled: StrictBool = Field(True, description="Serve the pages, feeds and API where the web stage runs.")
    admin_token: SecretStr | None = Field(
        None, description='Token that allows replaying a dead letter from the deliveries page ("env:NAME" or '
        '"file:/path"); unset, the web app is read-only.')
    public_url: HttpUrl | None = Field(
        None, description="Address the pages are reached at from outside (links in feeds and alerts; Slack alerts show "
        "the map image from here); "
        "unset, links are built from each request's own address.")
    page_size: int = Field(100, ge=1, le=1000, description="Events per page of the events list.")
