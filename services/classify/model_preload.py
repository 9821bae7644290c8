"""Imported by the classify workers' fork server after the classifier (see
`services.classify.workers`): loads the shipped model there, once, so that every worker
forked from it has it from its first item. Each worker used to load it in its first
classification (0.15 s of CPU, within that item's time limit, on the way to the first alert,
and again in every worker that replaced a killed one)."""

from __future__ import annotations

from services.classify import model

try:
    model.shipped()
except model.ModelFileError:
    pass  # not cached: the first classification raises it, naming the file, as it did before
