"""`python -m bench`: run the benchmark suite (see `bench.suite`)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.suite import main  # noqa: E402

# Worker processes (classify, parse) start by importing the main module: run only in the parent.
if __name__ == "__main__":
    raise SystemExit(main())
