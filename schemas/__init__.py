"""Pydantic models of every launchwatch topic message, and their exported JSON Schemas."""

from schemas.models import (
    DeadLetter,
    EventSource,
    Evidence,
    FeedItem,
    LaunchEvent,
    LaunchFields,
    LaunchReport,
    Message,
    TOPIC_MODELS,
)

__all__ = [
    "DeadLetter",
    "EventSource",
    "Evidence",
    "FeedItem",
    "LaunchEvent",
    "LaunchFields",
    "LaunchReport",
    "Message",
    "TOPIC_MODELS",
]
