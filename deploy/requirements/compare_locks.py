"""Compare the committed locks with the ones resolved again from pyproject.toml (`make lock-check`).

Usage: compare_locks.py COMMITTED_DIR FRESH_DIR. Both directories hold runtime.txt and dev.txt.

The pins (package, version, environment marker) must be the same. Each committed hash must be among
the ones PyPI lists now: PyPI may add a wheel to a release later (the fresh lock then lists one more
hash), but never changes a file it serves, so a hash it does not list did not come from it.
"""

import re
import sys
from pathlib import Path

LOCKS = ("runtime.txt", "dev.txt")
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)\s*(?:;\s*(?P<marker>.*))?$")


def read_lock(path: Path) -> dict[tuple[str, str], tuple[str, set[str]]]:
    """{(package, marker): (version, hashes)} from a `uv pip compile --generate-hashes` file."""
    text = re.sub(r"\s*\\\n\s*", " ", path.read_text())  # join the continued lines
    pins = {}
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        hashes = set(re.findall(r"--hash=(\S+)", line))
        match = PIN.match(re.sub(r"\s*--hash=\S+", "", line).strip())
        if match is None:
            raise SystemExit(f"{path}: not a pinned requirement: {line}")
        key = (re.sub(r"[-_.]+", "-", match["name"]).lower(), (match["marker"] or "").strip())  # PEP 503
        pins[key] = (match["version"], hashes)
    return pins


def differences(committed_path: Path, fresh_path: Path) -> list[str]:
    committed, fresh = read_lock(committed_path), read_lock(fresh_path)
    found = []
    for key in sorted(committed.keys() | fresh.keys()):
        name = key[0] + (f" ; {key[1]}" if key[1] else "")
        if key not in fresh:
            found.append(f"{name}=={committed[key][0]} is locked but pyproject.toml no longer needs it")
        elif key not in committed:
            found.append(f"{name}=={fresh[key][0]} is needed by pyproject.toml but not locked")
        elif committed[key][0] != fresh[key][0]:
            found.append(f"{name} is locked at {committed[key][0]}, pyproject.toml's ranges give {fresh[key][0]}")
        elif not committed[key][1] <= fresh[key][1]:
            unknown = ", ".join(sorted(committed[key][1] - fresh[key][1]))
            found.append(f"{name}=={committed[key][0]} has hashes PyPI does not list: {unknown}")
    return [f"{committed_path}: {difference}" for difference in found]


def main(committed_dir: str, fresh_dir: str) -> int:
    found = [line for lock in LOCKS for line in differences(Path(committed_dir, lock), Path(fresh_dir, lock))]
    if not found:
        print("The locks in deploy/requirements/ agree with pyproject.toml.")
        return 0
    print("\n".join(found))
    print(
        "\npyproject.toml and the locks in deploy/requirements/ disagree: run `make lock`, then the suite "
        "(`make test`), and commit pyproject.toml and deploy/requirements/ together."
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
