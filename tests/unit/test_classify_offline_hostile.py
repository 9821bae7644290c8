"""`launchwatch classify` on hostile lines: each bad line gives one error line, the other
lines are classified, and the run goes on to the end (exit 1 because some failed)."""

from __future__ import annotations

import json

from services.cli import main

GOOD = b'{"id": "good-%d", "title": "North Korea fires ballistic missile into the sea"}'
HOSTILE = {
    b"[" * 100_000 + b"]" * 100_000: "line 2: not valid JSON (nested too deeply)",
    b'{"id": "\\ud800", "title": "x"}': "line 4: id is not valid Unicode (it holds a lone surrogate)",
    b'{"id": "n", "title": "x", "count": ' + b"7" * 5000 + b"}":
        "line 6: not valid JSON (a number too long: Exceeds the limit (4300 digits)",
    b'{"id": "y1", "title": "Missile fired", "published_at": "0001-01-01T00:00:00+09:00"}':
        "line 8 (id y1): published_at is out of range (years 1900 to 2200)",
    b'{"id": "y9999", "title": "Missile fired", "published_at": "9999-12-31T23:59:59Z"}':
        "line 10 (id y9999): published_at is out of range (years 1900 to 2200)",
    b'{"id": "latin1", "title": "caf\xe9"}': "line 12: not valid UTF-8 (byte 0xe9 at offset 30)",
    # Python's reader takes NaN and Infinity; JSON has neither (the line was classified).
    b'{"id": "nan", "title": "Missile fired", "confidence": NaN}': "line 14: not valid JSON (NaN is no JSON number)",
    b'{"id": "s5", "title": "Missile fired", "summary": 5}': "line 16 (id s5): summary is a number, not a string",
}


def test_each_hostile_line_is_one_error_line_and_the_run_goes_on(tmp_path, capsys):
    lines = [GOOD % 1]
    for bad in HOSTILE:
        lines += [bad, GOOD % (len(lines) + 2)]  # good lines are the odd-numbered ones
    source, sink = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    code = main(["classify", "--input", str(source), "--output", str(sink)])
    errors = capsys.readouterr().err.splitlines()
    assert code == 1
    assert len(errors) == len(HOSTILE)
    for error, expected in zip(errors, HOSTILE.values()):
        assert error.startswith(expected), error
    outputs = [json.loads(line) for line in sink.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in outputs] == [f"good-{n}" for n in range(1, 2 * len(HOSTILE) + 2, 2)]
    assert all(o["is_launch"] for o in outputs)


def test_lone_surrogates_in_the_text_read_as_replacement_characters(tmp_path, capsys):
    source, sink = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(b'{"id": "s", "title": "North Korea fires ballistic missile \\udc80", "summary": "\\ud800"}\n')
    assert main(["classify", "--input", str(source), "--output", str(sink)]) == 0
    assert json.loads(sink.read_text(encoding="utf-8"))["is_launch"] is True


def test_a_line_too_long_to_hold_is_skipped_unread_and_the_lines_after_it_are_classified(tmp_path, capsys,
                                                                                        monkeypatch):
    """A 200 MB line took 730 MB of memory; an endless one, or a file with no line break,
    would end in the out-of-memory killer. Beyond the limit a line is passed over a megabyte
    at a time and named, and the run goes on."""
    import services.classify.offline as offline

    monkeypatch.setattr(offline, "MAX_LINE_BYTES", 1000)
    huge = b'{"id": "huge", "title": "' + b"x" * 3_000_000 + b'"}'
    source, sink = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(b"\n".join([GOOD % 1, huge, GOOD % 3, b'{"id": "tail", "title": "' + b"y" * 2000]))
    assert main(["classify", "--input", str(source), "--output", str(sink)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"line 2: longer than 1,000 bytes ({len(huge) + 1:,}): skipped",
        f"line 4: longer than 1,000 bytes ({2000 + 25:,}): skipped"]
    assert [json.loads(line)["id"] for line in sink.read_text(encoding="utf-8").splitlines()] == ["good-1", "good-3"]
