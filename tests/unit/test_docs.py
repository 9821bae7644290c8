"""The documents say what the code does: the configuration reference is the models', every
shell command runs as written from the project directory, and every link leads somewhere."""

from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from services.cli import _parser
from services.config_doc import BEGIN, END, reference_block

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
# Pages the README lists that are written elsewhere and may not be here yet.
PLANNED: set[str] = set()  # pages linked before they are written
# Pages the README does not link yet (it links them when it is next rewritten).
UNLISTED: set[str] = set()  # pages the README need not link
VENV_TOOLS = {"launchwatch", "python", "pip", "pytest"}
# Programs a reader has anyway; launchwatch's own are always called through .venv/bin/.
SYSTEM_TOOLS = {"echo", "cat", "grep", "export", "docker", "kubectl"}
SETUP_RUN = "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/launchwatch run"
SETUP_TEST = "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/pytest"

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
INLINE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
LINK = re.compile(r"\]\(([^)#\s]+)(#[^)\s]*)?\)")
# Inline code that is a command to type (not the name of one, like `launchwatch run` in a
# sentence or a synopsis): it calls Python or something in the venv.
TYPED = re.compile(r"^(?:[A-Z_][A-Z0-9_]*=\S+ )*(?:\.venv/bin/\w|python3? |pytest|pip )")
REDIRECTS = {">", ">>", "2>", "<", "2>>"}


def shell_commands(page: Path) -> list[str]:
    """The commands of the page's ```sh blocks, continuation lines joined."""
    found = []
    for lang, body in FENCE.findall(page.read_text(encoding="utf-8")):
        if lang != "sh":
            continue
        for command in body.replace("\\\n", " ").splitlines():
            if command.strip() and not command.lstrip().startswith("#"):
                found.append(command.strip())
    return found


def inline_commands(page: Path) -> list[str]:
    """Inline code spans outside fenced blocks that are commands to type."""
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return [span.strip() for span in INLINE.findall(text) if TYPED.match(span.strip())]


ALL_COMMANDS = [(page.relative_to(ROOT).as_posix(), command) for page in PAGES
                for command in shell_commands(page) + inline_commands(page)]


def simple_commands(command: str) -> list[list[str]]:
    """`a x && b | c y` → [[a, x], [b], [c, y]] (words as the shell splits them)."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=";&|")
    lexer.whitespace_split = True
    parts: list[list[str]] = [[]]
    for token in lexer:
        if token in ("&&", "||", "|", ";", "&"):
            parts.append([])
        else:
            parts[-1].append(token)
    return [p for p in parts if p]


def problems(words: list[str]) -> list[str]:
    """What keeps one simple command from running as written; empty when it runs."""
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
        words = words[1:]  # VAR=value before the program
    for redirect in REDIRECTS & set(words):
        at = words.index(redirect)
        words = words[:at] + words[at + 2:]
    if not words:
        return []
    program, args = words[0], words[1:]
    if program == "python3":
        return [] if args[:3] == ["-m", "venv", ".venv"] else [f"`{program}` outside the venv: use .venv/bin/python"]
    if program.startswith("$(") or program.startswith('"$('):
        inner = program.strip('"')[2:-1]
        return [p for words in simple_commands(inner) for p in problems(words)]
    if program.startswith(".venv/bin/"):
        tool = program.removeprefix(".venv/bin/")
        if tool not in VENV_TOOLS:
            return [f"{program} is not installed by the set-up"]
        if tool == "launchwatch":
            return launchwatch_problems(args)
        if tool == "python":
            return python_problems(args)
        return []
    if program in SYSTEM_TOOLS:
        return []
    return [f"`{program}` is not on a newcomer's PATH: write .venv/bin/{program}"]


def launchwatch_problems(args: list[str]) -> list[str]:
    try:
        _parser().parse_args(args)
    except SystemExit:
        return [f"launchwatch {' '.join(args)}: the command line does not parse"]
    if "--config" in args:
        config = args[args.index("--config") + 1]
        # launchwatch.toml is the file the README tells the reader to save first.
        if config != "launchwatch.toml" and not (ROOT / config).is_file():
            return [f"--config {config}: no such file in the project"]
    return []


def python_problems(args: list[str]) -> list[str]:
    if args[:1] == ["-m"]:
        module = args[1]
        return [] if importlib.util.find_spec(module) else [f"python -m {module}: no such module"]
    if args[:1] == ["-c"]:
        return []
    return [] if (ROOT / args[0]).is_file() else [f"python {args[0]}: no such file"]


def test_readme_keeps_the_two_set_up_commands_and_ci_runs_the_second():
    commands = shell_commands(README)
    assert commands[:2] == [SETUP_RUN, SETUP_TEST]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert SETUP_TEST in ci.splitlines(), ".ci/run must run the README's test command"


@pytest.mark.parametrize(("page", "command"), ALL_COMMANDS)
def test_every_shell_command_runs_as_written(page, command):
    found = [p for words in simple_commands(command) for p in problems(words)]
    assert not found, f"{page}: {command}\n" + "\n".join(found)


def test_there_are_commands_to_check():
    assert len(ALL_COMMANDS) >= 10 and {page for page, _ in ALL_COMMANDS} >= {"README.md", "docs/operations.md"}


# Offline, quick and writing nothing: these run for real.
RUNNABLE = [(page, command) for page, command in ALL_COMMANDS
            if all(words[0] == "echo" or words[:2] == [".venv/bin/launchwatch", "classify"]
                   for words in simple_commands(command))]


@pytest.mark.parametrize(("page", "command"), RUNNABLE)
def test_offline_commands_run(page, command):
    if not (ROOT / ".venv" / "bin" / "launchwatch").exists():
        pytest.skip("no .venv in the project directory (the README's set-up makes it)")
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, f"{page}: {command}\n{result.stderr}"
    assert result.stdout.strip()


def test_some_commands_run_for_real():
    assert RUNNABLE


def test_links_lead_to_files_that_exist():
    broken = []
    for page in PAGES:
        for target, _ in LINK.findall(page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            path = (page.parent / target).resolve()
            name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
            if not path.exists() and name not in PLANNED:
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert not broken


def test_readme_lists_every_page_of_the_documentation():
    text = README.read_text(encoding="utf-8")
    listed = {target for target, _ in LINK.findall(text) if target.startswith("docs/")}
    present = {page.relative_to(ROOT).as_posix() for page in PAGES[1:]}
    assert (present - UNLISTED) | PLANNED <= listed


def test_the_config_reference_matches_the_settings_models():
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert BEGIN in text and END in text, "docs/configuration.md lacks the generated configuration reference"
    current = text[text.index(BEGIN): text.index(END) + len(END)]
    assert current == reference_block(), (
        "docs/configuration.md's configuration reference drifted: run `.venv/bin/python -m services.config_doc --write`"
    )


def test_the_readme_is_a_short_read():
    assert len(README.read_text(encoding="utf-8")) < 16_000


def test_the_compose_file_refuses_to_start_without_the_secrets_the_configuration_reads():
    """An `env:` secret of deploy/launchwatch.toml that compose passes on empty when unset
    (`${NAME:-}`) made every stage refuse its configuration and restart forever; compose
    must stop at once instead, naming the variable (`${NAME:?...}`), or give it a value."""
    compose = (ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8")
    secrets = set(re.findall(r'= "env:(\w+)"', (ROOT / "deploy" / "launchwatch.toml").read_text(encoding="utf-8")))
    assert secrets >= {"SLACK_WEBHOOK_URL", "SMTP_PASSWORD", "DATABASE_URL"}
    for name in secrets:
        value = re.search(rf"^\s+{name}: (.+)$", compose, re.MULTILINE)
        assert value, f"compose passes no {name}"
        assert not re.search(r"\$\{\w+:?-\}", value.group(1)), f"{name} is empty when unset: {value.group(1)}"
        for variable in re.finditer(r"\$\{(\w+)(:?[-?])?([^}]*)\}", value.group(1)):
            assert variable.group(2) and variable.group(3).strip(), (name, variable.group(0))
