"""`dlq list`'s table: which column says what a letter is about."""

from datetime import datetime, timezone

from schemas import DeadLetter
from services.notify.dlq import DlqRow, format_rows

FAILED = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)


def test_a_letter_of_no_event_shows_its_record_key_marked_as_a_key():
    item = DeadLetter(stage="classify", reason="no JSON", error="InvalidMessage", key="item-7f3a", value="{",
                      failed_at=FAILED)
    alert = DeadLetter(stage="notify", reason="HTTP 500", error="RetriesExhausted", key="evt-1", event_id="evt-1",
                       subscription="ops", value="{}", failed_at=FAILED)
    bare = DeadLetter(stage="ingest", reason="bad", error="PermanentError", value="", failed_at=FAILED)
    table = format_rows([DlqRow(None, None, item, None, "n/a"), DlqRow(None, None, alert, 2, "dead"),
                         DlqRow(None, None, bare, None, "n/a")]).splitlines()
    assert table[0].split()[5] == "event_or_key"  # one word: a script may split the table
    assert "key:item-7f3a" in table[1] and " item-7f3a" not in table[1]
    assert " evt-1 " in table[2] and "key:" not in table[2]
    assert table[3].split()[6] == "-"
