"""Letters a feed publisher misread from UTF-8 ("CharkĂłw" for "Charków") reach no reader
as they were published: ingest repairs them in what it passes on, and the classifier in
what it reads, so a Polish report of a strike on Kharkiv reads the same either way."""

from __future__ import annotations

import pytest

from services.classify import text
from services.classify.classifier import classify
from services.ingest.parser import parse_feed
from services.ingest.text import html_to_text
from services.runtime import misread


def misread_as(codepage: str, value: str) -> str:
    """`value` as a publisher that read its UTF-8 bytes in `codepage` would show it."""
    return value.encode("utf-8").decode(codepage)


@pytest.mark.parametrize("codepage, clean", [
    ("cp1250", "Pociski spadły na Charków w nocy"),
    ("cp1250", "Mer miasta podał, że rakieta trafiła w budynek szkoły"),
    ("cp1252", "Le ministère a confirmé le tir d'un missile"),
    ("cp1252", "Míssil disparado contra São Paulo"),
])
def test_a_text_wholly_misread_is_read_back(codepage, clean):
    assert misread.repair(misread_as(codepage, clean)) == clean


def test_misread_letters_beside_right_ones_are_repaired_one_by_one():
    # Only the "ó" went through the wrong code page; "ę", "ł", "ś" are right.
    published = "Zginęła osoba, o której mówił starosta powiatu"
    assert misread.repair(published.replace("ó", "Ăł")) == published


@pytest.mark.parametrize("written", [
    "ŁÓDŹ, CZĘŚĆ MIASTA",          # Polish capitals whose code page bytes are no UTF-8 letter
    'the letter "Å" stands alone',   # a lead before a closing quote is no misread
    "Ăł",                             # a pair touching no letter
    "Ängelholm and Åre",             # Swedish names
    "plain ASCII text",
])
def test_text_that_was_not_misread_is_left_as_written(written):
    assert misread.repair(written) == written


def test_ingest_passes_on_the_repaired_text():
    assert html_to_text("<p>Atak na CharkĂłw &amp; okolice</p>") == "Atak na Charków & okolice"


def test_a_feed_that_publishes_misread_letters_gives_entries_with_the_right_ones():
    body = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Wiadomości</title>"
            "<item><title>Rakiety nad CharkĂłw</title><link>https://news.example.pl/1</link>"
            "<description>&lt;p&gt;Wojsko podało, ktĂłre obiekty trafiono.&lt;/p&gt;</description></item>"
            "</channel></rss>").encode("utf-8")
    entry = parse_feed(body, url="https://news.example.pl/rss").entries[0]
    assert entry.title == "Rakiety nad Charków"
    assert entry.summary == "Wojsko podało, które obiekty trafiono."


def test_the_classifier_reads_the_letter_and_keeps_pointing_into_the_raw_text():
    title, summary = "Atak na CharkĂłw", "<p>Rosjanie wystrzelili pociski</p>"
    prepared = text.prepare(title, summary)
    assert prepared.text.startswith("Atak na Charków\n")
    start = prepared.text.index("Charków")
    lo, hi = prepared.raw_span(start, start + len("Charków"))
    assert (title + "\n" + summary)[lo:hi] == "CharkĂłw"


def test_a_misread_report_gives_the_facts_of_the_right_one():
    title = "Rosja ostrzelała Charków rakietami"
    summary = "W nocy wojsko rosyjskie wystrzeliło kilkanaście pocisków na Charków, podał mer."
    right = classify(title, summary)
    misread_report = classify(title.replace("ó", "Ăł"), summary.replace("ó", "Ăł"))
    assert right.is_launch and misread_report.is_launch
    assert misread_report.fields.direction == right.fields.direction == "Kharkiv"
    assert misread_report.fields.actor == right.fields.actor == "RUS"
