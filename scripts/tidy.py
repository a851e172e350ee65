#!/usr/bin/env python3
"""Runs clang-tidy (.clang-tidy) on every C++ file of ours in a build's compile_commands.json.

Usage: scripts/tidy.py BUILD_DIR [--jobs N] [FILE...]   (no FILE: every C++ file of ours)

BUILD_DIR is a configured and built clang build (scripts/test.sh uses build/asan, the asan preset): its
compile_commands.json gives each file's flags and Ninja's dependency log gives every header the
compiler read for it. Exit status 0 when every file is clean, 1 when any has a finding (printed
above the summary), 2 when the tools or the build are missing.

ccache does not cover clang-tidy, and checking all of Tessera takes minutes on two cores, so a
clean result is remembered, as ccache's direct mode does: the key hashes clang-tidy's version,
the .clang-tidy files, the file's compile command and the content of the file and of every header
it includes (paths relative to the source or build directory, so that a fresh clone in another
folder reuses it). The cache is ~/.cache/tessera/clang-tidy (or $TESSERA_TIDY_CACHE); it keeps
only clean results, so a finding is reported again on every run until it is fixed. A file whose
dependencies Ninja does not know (not built) is checked and not remembered.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import pathlib
import resource
import shlex
import subprocess
import sys
import time


def fail(message):
    print(f"clang-tidy: {message}", file=sys.stderr)
    sys.exit(2)


def git_files(source_dir, *patterns):
    listing = subprocess.run(["git", "ls-files", "-z", "--", *patterns], cwd=source_dir, check=True,
                             capture_output=True).stdout
    return {(source_dir / name).resolve() for name in listing.decode().split("\0") if name}


def ninja_dependencies(build_dir):
    """Maps each object file (relative to build_dir) to the files its last compile read."""
    result = subprocess.run(["ninja", "-C", str(build_dir), "-t", "deps"], capture_output=True, text=True)
    if result.returncode != 0:
        return {}
    deps, current = {}, None
    for line in result.stdout.splitlines():
        if line and not line[0].isspace():
            output, _, status = line.partition(": #deps")
            current = output if "(VALID)" in status else None
            if current is not None:
                deps[current] = []
        elif line.strip() and current is not None:
            deps[current].append(line.strip())
    return deps


def object_file(entry):
    """The compile command's output, as Ninja names it (compile_commands.json of CMake 3.25 has
    no "output" field)."""
    if "output" in entry:
        return entry["output"]
    arguments = entry["arguments"]
    for index, argument in enumerate(arguments[:-1]):
        if argument == "-o":
            return arguments[index + 1]
    return None


class KeyMaker:
    """The cache key of one file's clang-tidy run (see the module's description)."""

    def __init__(self, source_dir, build_dir, tidy_version, configs):
        self.source_dir, self.build_dir = str(source_dir), str(build_dir)
        self.content_hashes = {}
        self.base = hashlib.sha256(tidy_version.encode())
        self.configs = sorted((config.parent, config.read_bytes()) for config in configs)

    def relative(self, path):
        # Build directory first: it lies inside the source directory. A directory itself (the
        # root .clang-tidy's) is a prefix without the slash.
        for prefix, name in ((self.build_dir, "<build>"), (self.source_dir, "<source>")):
            if path == prefix:
                return name
            path = path.replace(prefix + "/", name + "/")
        return path

    def content_hash(self, path):
        if path not in self.content_hashes:
            self.content_hashes[path] = hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()
        return self.content_hashes[path]

    def key(self, entry, dependencies):
        digest = self.base.copy()
        for directory, config in self.configs:  # the .clang-tidy files that apply to this file
            if directory in entry["path"].parents:
                digest.update(self.relative(str(directory)).encode() + b"\0" + config)
        digest.update(self.relative(" ".join(entry["arguments"])).encode())
        for dependency in dependencies:
            absolute = os.path.normpath(os.path.join(self.build_dir, dependency))
            digest.update(b"\0" + self.relative(absolute).encode() + b"\0")
            digest.update(self.content_hash(absolute).encode())
        return digest.hexdigest()


def run_tidy(tidy, build_dir, path):
    result = subprocess.run([tidy, "-p", str(build_dir), "--quiet", str(path)], capture_output=True, text=True)
    # "N warnings generated." counts what the checks saw, suppressed or not: noise.
    noise = ("warnings generated.", "warning generated.")
    output = "\n".join(line for line in (result.stdout + result.stderr).splitlines()
                       if line.strip() and not line.endswith(noise))
    return result.returncode == 0 and "warning:" not in output and "error:" not in output, output


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build_dir", type=pathlib.Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("files", nargs="*", type=pathlib.Path, help="only these files (default: all of ours)")
    args = parser.parse_args()

    source_dir = pathlib.Path(__file__).resolve().parent.parent
    build_dir = args.build_dir.resolve()
    tidy = os.environ.get("CLANG_TIDY", "clang-tidy")
    try:
        tidy_version = subprocess.run([tidy, "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        fail(f"{tidy} not found: apt-get install clang-tidy (scripts/install-deps.sh installs it)")
    database = build_dir / "compile_commands.json"
    if not database.is_file():
        fail(f"{database} is missing: configure and build {build_dir} first")

    # Ours: the C++ files in git (not SQLite, not the generated lexicon).
    ours = git_files(source_dir, "*.cpp")
    if args.files:
        ours &= {path.resolve() for path in args.files}
    entries = []
    for entry in json.loads(database.read_text()):
        path = pathlib.Path(entry["directory"], entry["file"]).resolve()
        if path in ours:
            entry["path"] = path
            entry.setdefault("arguments", shlex.split(entry.get("command", "")))
            entries.append(entry)
    if not entries:
        fail(f"{database} lists none of our C++ files")

    cache_dir = pathlib.Path(os.environ.get("TESSERA_TIDY_CACHE")
                             or pathlib.Path(os.environ.get("XDG_CACHE_HOME") or pathlib.Path.home() / ".cache")
                             / "tessera" / "clang-tidy")
    keys = KeyMaker(source_dir, build_dir, tidy_version, git_files(source_dir, ".clang-tidy", "**/.clang-tidy"))
    dependencies = ninja_dependencies(build_dir)

    started = time.monotonic()
    to_check, cached = [], 0
    for entry in entries:
        output = object_file(entry)
        key = keys.key(entry, dependencies[output]) if output in dependencies else None
        if key is not None and (cache_dir / key[:2] / key).exists():
            cached += 1
        else:
            to_check.append((entry["path"], key))

    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        runs = {pool.submit(run_tidy, tidy, build_dir, path): (path, key) for path, key in to_check}
        for done in concurrent.futures.as_completed(runs):
            path, key = runs[done]
            clean, output = done.result()
            if clean:
                if key is not None:
                    (cache_dir / key[:2]).mkdir(parents=True, exist_ok=True)
                    (cache_dir / key[:2] / key).write_text(f"{path.relative_to(source_dir)}\n")
            else:
                failed.append(path)
                print(output or f"{path}: clang-tidy failed without a message", flush=True)

    seconds = time.monotonic() - started
    # CPU time says what a run costs whatever else the machine is doing.
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = (f"{len(entries)} files, {cached} clean in the cache ({cache_dir}), "
               f"{len(to_check)} checked in {seconds:.0f} s ({cpu.ru_utime + cpu.ru_stime:.0f} s of CPU)")
    if failed:
        names = ", ".join(sorted(str(path.relative_to(source_dir)) for path in failed))
        print(f"clang-tidy: FAILED ({summary}): findings in {len(failed)} file(s), above: {names}.\n"
              "Fix the code; only when a finding is wrong, silence it on its line with "
              "// NOLINT(check-name) and the reason.", file=sys.stderr)
        return 1
    print(f"clang-tidy: {summary}: clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
