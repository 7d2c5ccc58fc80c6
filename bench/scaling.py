#!/usr/bin/env python3
"""The scaling rows of the reliability issue at 1x, 4x and 16x: wall time and peak RSS of
`copydesk check` in its default human output, for each binary given.

    python3 bench/scaling.py target/release/copydesk [OTHER_BINARY ...]

Each input is generated here (nothing from the corpus); each run has a 60 s limit.
"""
import os
import subprocess
import sys
import tempfile


def notes_on_one_line(n):
    return "a[^x] " * n


def every_family_on_one_line(n):
    return "word 23//2023 Shaheed Shahed " * n


def malformed_urls(n):
    return "see http//example.com/a\n" * n


def near_miss_sections(n):
    lines = []
    for i in range(n):
        letters = "".join(chr(97 + (i // 26**k) % 26) for k in range(4))
        lines.append(f"<https://example.org/{letters}ection/p>\n")
    return "".join(lines)


def one_title_many_urls(n):
    claims = "".join(f"Claim {i}.[^{i}]\n" for i in range(1, n + 1))
    notes = "".join(
        f"[^{i}]: Author, *The Same Report on Water*, 2021. <https://example.org/r/{i}>\n"
        for i in range(1, n + 1)
    )
    return claims + "\n" + notes


def vowel_variants(n):
    vowels = "aeiou"
    out = []
    for i in range(n):
        v = [vowels[(i // 5**k) % 5] for k in range(6)]
        out.append("Minister B{}r{}t{}n{}k{}l{} spoke today.\n\n".format(*v))
    return "".join(out)


def suppressions(n):
    return "".join(
        "<!-- copydesk-disable date-malformed -->\nOn 23//2023 it rained.\n"
        "<!-- copydesk-enable date-malformed -->\n"
        f"<!-- copydesk-disable-next-line name -->\nSee http//example.com/{i} here.\n\n"
        for i in range(n)
    )


ROWS = [
    ("6", "notes on one line", notes_on_one_line, 1_250, "md"),
    ("7", "every family on one line", every_family_on_one_line, 2_500, "txt"),
    ("8", "malformed URLs", malformed_urls, 10_000, "txt"),
    ("9", "near-miss URL sections", near_miss_sections, 2_500, "txt"),
    ("10", "one title, many URLs", one_title_many_urls, 2_500, "md"),
    ("11", "vowel variants of one name", vowel_variants, 1_000, "md"),
    ("12", "suppression comments", suppressions, 2_500, "md"),
]


def run(binary, path):
    command = ["/usr/bin/time", "-f", "%e %M", binary, "check", path]
    try:
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60
        )
    except subprocess.TimeoutExpired:
        return "timeout", ""
    seconds, kb = done.stderr.decode().strip().splitlines()[-1].split()
    return f"{float(seconds):.2f} s", f"{int(kb) // 1024} MB"


def main():
    binaries = sys.argv[1:]
    with tempfile.TemporaryDirectory() as work:
        print("| row | input | size | " + " | ".join(f"{os.path.basename(b)} time, RSS" for b in binaries) + " |")
        print("|---|---|---|" + "---|" * len(binaries))
        for row, name, make, base, ext in ROWS:
            for factor in (1, 4, 16):
                text = make(base * factor)
                path = os.path.join(work, f"row{row}-{factor}.{ext}")
                with open(path, "w") as f:
                    f.write(text)
                cells = [" ".join(run(b, path)) for b in binaries]
                print(f"| {row} | {name} | {factor}× ({len(text) // 1024} KB) | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
