#!/usr/bin/env python3
"""Translate walog's rule patterns (PCRE2) for the grep and ripgrep baselines.

Reads the `events:` of a walog rule file (`[{id, kind, pattern, ...}]`, patterns in PCRE2 syntax
with named groups `(?<name>...)`) and writes

  patterns.ere    POSIX extended regular expressions for `grep -E -f` (GNU grep)
  patterns.rust   Rust `regex` syntax for `rg -f` (named groups as `(?P<name_N>...)`: ripgrep 13
                  needs the `P`, and it joins all -f patterns into one regex, so each
                  name gets its pattern's index N to stay unique)

one pattern per line, in rule order. A pattern that cannot be expressed (lookaround,
backreferences, `\\p{...}` for ERE, extended mode, ...) is left out of that file and named on
stderr, and in `patterns.notes`, because `-f` files have no comment syntax.

Rule patterns match the *message* of a line, so a leading `^` (or `\\A`) is dropped: on a whole
line the timestamp and tag come first. A trailing `$` is kept unless --drop-end-anchor (use it for
the JSON file log, where the message is followed by more JSON). Lazy and possessive quantifiers
become greedy and atomic groups plain groups: that does not change which lines match.

Usage:
  patterns.py [--rules FILE] [--out-dir DIR] [--drop-end-anchor]
  patterns.py --self-test
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile


class Untranslatable(Exception):
    """The pattern uses a feature the target dialect does not have."""


ERE_META = set(".[()*+?{|^$\\")          # escaped outside brackets (`]` and `}` are literal there)
RUST_META = set(".+*?()|[]{}^$\\")
DIGITS = "0123456789"

# Shorthand classes: (ERE outside brackets, ERE inside brackets or None, Rust outside, Rust inside).
# PCRE2 without UCP gives \d \w \s \b their ASCII meaning, so the translations are ASCII too. For
# Rust that also matters for speed: ripgrep 13's DFA cannot run a Unicode \b and falls back to a
# slow engine (a 100 MiB file took a minute), and Unicode \w makes the automaton huge.
SHORTHANDS = {
    "d": ("[0-9]", "0-9", "[0-9]", "0-9"),
    "D": ("[^0-9]", None, "[^0-9]", "[:^digit:]"),
    "w": ("[[:alnum:]_]", "[:alnum:]_", "[[:word:]]", "[:word:]"),
    "W": ("[^[:alnum:]_]", None, "[[:^word:]]", "[:^word:]"),
    "s": ("[[:space:]]", "[:space:]", "[[:space:]]", "[:space:]"),
    "S": ("[^[:space:]]", None, "[[:^space:]]", "[:^space:]"),
    "h": ("[[:blank:]]", "[:blank:]", "[[:blank:]]", "[:blank:]"),
    "H": ("[^[:blank:]]", None, "[[:^blank:]]", "[:^blank:]"),
}
CONTROL_ESCAPES = {"t": "\t", "r": "\r", "f": "\f", "v": "\v", "e": "\x1b", "a": "\x07"}
POSIX_CLASS = re.compile(r"\[:(\^?)([a-z]+):\]")
QUANTIFIER = re.compile(r"\{(\d+)(,(\d*))?\}")


class Translator:
    """A single left-to-right pass over one PCRE2 pattern, emitting `dialect` ("ere" or "rust")."""

    def __init__(self, pattern: str, dialect: str, drop_end_anchor: bool = False, name_suffix: str = ""):
        self.p = pattern
        self.name_suffix = name_suffix
        self.d = dialect
        self.i = 0
        self.out: list[str] = []
        self.caseless = [False]   # one entry per open group: (?i) scope
        self.drop_end_anchor = drop_end_anchor

    # -- emitting

    def literal(self, ch: str) -> str:
        """One literal character, escaped for the dialect (case-folded for ERE under (?i))."""
        if self.d == "ere" and self.caseless[-1] and ch.lower() != ch.upper():
            return f"[{ch.lower()}{ch.upper()}]"
        if ch == "\n":
            raise Untranslatable("matches a newline, which line-based tools never see")
        meta = ERE_META if self.d == "ere" else RUST_META
        return "\\" + ch if ch in meta else ch

    # -- parsing

    def peek(self, n: int = 0) -> str:
        j = self.i + n
        return self.p[j] if j < len(self.p) else ""

    def translate(self) -> str:
        p = self.p
        # Leading inline flags apply to the whole pattern.
        while True:
            m = re.match(r"\(\?([a-zA-Z]+)\)", p[self.i:])
            if not m:
                break
            self.apply_flags(m.group(1), whole=True)
            self.i += m.end()
        # A leading anchor would pin the message to the line start; the line starts with a timestamp.
        if p.startswith("^", self.i):
            self.i += 1
        elif p.startswith("\\A", self.i):
            self.i += 2
        while self.i < len(p):
            self.step()
        if len(self.caseless) != 1:
            raise Untranslatable("unbalanced parentheses")
        text = "".join(self.out)
        if self.drop_end_anchor:
            if text.endswith("$") and not text.endswith("\\$"):
                text = text[:-1]
        if text == "":
            raise Untranslatable("empty after translation (it would match every line)")
        return text

    def apply_flags(self, flags: str, whole: bool) -> None:
        on = True
        for f in flags:
            if f == "-":
                on = False
            elif f == "i":
                if self.d == "rust":
                    self.out.append(f"(?{'' if on else '-'}i)")
                self.caseless[-1] = on
            elif f in "sm":
                pass  # dot-all and multi-line make no difference on single lines
            else:
                raise Untranslatable(f"inline flag ({f}) has no equivalent")

    def step(self) -> None:
        ch = self.p[self.i]
        if ch == "\\":
            self.escape()
        elif ch == "[":
            self.bracket()
        elif ch == "(":
            self.group_open()
        elif ch == ")":
            self.i += 1
            if len(self.caseless) == 1:
                raise Untranslatable("unbalanced parentheses")
            self.caseless.pop()
            self.out.append(")")
        elif ch in "*+?":
            self.i += 1
            self.out.append(ch)
            self.quantifier_suffix()
        elif ch == "{":
            m = QUANTIFIER.match(self.p, self.i)
            if m:
                self.i = m.end()
                self.out.append(m.group(0))
                self.quantifier_suffix()
            else:  # PCRE2 reads a `{` that starts no quantifier as a literal
                self.i += 1
                self.out.append(self.literal("{"))
        elif ch in ".|":
            self.i += 1
            self.out.append(ch)
        elif ch == "^":
            self.i += 1
            self.out.append("^")
        elif ch == "$":
            self.i += 1
            self.out.append("$")
        else:
            self.i += 1
            self.out.append(self.literal(ch))

    def quantifier_suffix(self) -> None:
        """`?` (lazy) and `+` (possessive) after a quantifier: greedy does the same line matching."""
        nxt = self.peek()
        if nxt == "?":
            self.i += 1
            if self.d == "rust":
                self.out.append("?")
        elif nxt == "+":
            self.i += 1

    def group_open(self) -> None:
        p = self.p
        rest = p[self.i:]
        self.caseless.append(self.caseless[-1])
        if not rest.startswith("(?"):
            self.i += 1
            self.out.append("(")
            return
        m = re.match(r"\(\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')", rest)
        if m:
            name = m.group(1) or m.group(2)
            self.i += m.end()
            self.out.append("(" if self.d == "ere" else f"(?P<{name}{self.name_suffix}>")
            return
        if rest.startswith("(?:") or rest.startswith("(?>"):
            self.i += 3
            self.out.append("(" if self.d == "ere" else "(?:")
            return
        if rest.startswith("(?#"):
            end = p.find(")", self.i)
            if end < 0:
                raise Untranslatable("unterminated comment")
            self.caseless.pop()
            self.i = end + 1
            return
        if re.match(r"\(\?(?:=|!|<=|<!)", rest):
            raise Untranslatable("lookaround")
        m = re.match(r"\(\?([a-zA-Z-]+)(:|\))", rest)
        if m:
            self.i += m.end()
            if m.group(2) == ")":
                # (?i) in the middle: applies to the rest of the enclosing group.
                self.caseless.pop()
                self.apply_flags(m.group(1), whole=False)
                return
            self.out.append("(" if self.d == "ere" else "(?:")
            self.apply_flags(m.group(1), whole=False)
            return
        raise Untranslatable(f"group syntax {rest[:4]!r}")

    def escape(self) -> None:
        p = self.p
        if self.i + 1 >= len(p):
            raise Untranslatable("trailing backslash")
        c = p[self.i + 1]
        self.i += 2
        if c in SHORTHANDS:
            ere, _, rust, _ = SHORTHANDS[c]
            self.out.append(ere if self.d == "ere" else rust)
        elif c in "bB":
            self.out.append("\\" + c if self.d == "ere" else f"(?-u:\\{c})")
        elif c in "zZ":
            self.out.append("" if self.drop_end_anchor else "$")
        elif c == "A":
            raise Untranslatable("\\A after the start")
        elif c in CONTROL_ESCAPES:
            self.out.append(self.literal(CONTROL_ESCAPES[c]))
        elif c == "n":
            raise Untranslatable("matches a newline, which line-based tools never see")
        elif c == "x":
            self.out.append(self.literal(self.hex_char()))
        elif c == "Q":
            end = p.find("\\E", self.i)
            end = len(p) if end < 0 else end
            for ch in p[self.i:end]:
                self.out.append(self.literal(ch))
            self.i = min(len(p), end + 2)
        elif c == "E":
            pass
        elif c in "pP":
            if self.d == "ere":
                raise Untranslatable("Unicode property \\p{...}")
            m = re.match(r"\{[^}]*\}|[A-Za-z]", p[self.i:])
            if not m:
                raise Untranslatable("malformed \\p")
            self.i += m.end()
            self.out.append("\\" + c + m.group(0))
        elif c.isdigit() or c == "k" or c == "g":
            raise Untranslatable("backreference")
        elif c.isalnum():
            raise Untranslatable(f"escape \\{c}")
        else:
            self.out.append(self.literal(c))

    def hex_char(self) -> str:
        p = self.p
        if self.peek() == "{":
            end = p.find("}", self.i)
            if end < 0:
                raise Untranslatable("malformed \\x{...}")
            code = p[self.i + 1:end]
            self.i = end + 1
        else:
            code = p[self.i:self.i + 2]
            self.i += 2
        try:
            return chr(int(code, 16))
        except ValueError:
            raise Untranslatable(f"malformed \\x escape {code!r}") from None

    # -- bracket expressions

    def bracket(self) -> None:
        """Parse `[...]` into members, then write them in the target dialect's rules."""
        p = self.p
        self.i += 1
        negated = False
        if self.peek() == "^":
            negated = True
            self.i += 1
        chars: list[str] = []      # literal members
        ranges: list[tuple[str, str]] = []
        classes: list[str] = []    # already rendered for the dialect: "[:alpha:]", "0-9", r"\w"
        first = True
        while True:
            if self.i >= len(p):
                raise Untranslatable("unterminated [")
            ch = p[self.i]
            if ch == "]" and not first:
                self.i += 1
                break
            first = False
            m = POSIX_CLASS.match(p, self.i)
            if m:
                if m.group(1):
                    raise Untranslatable("negated POSIX class")
                self.i = m.end()
                classes.append(f"[:{m.group(2)}:]")
                continue
            if ch == "\\":
                c = p[self.i + 1] if self.i + 1 < len(p) else ""
                self.i += 2
                if c in SHORTHANDS:
                    _, ere, _, rust = SHORTHANDS[c]
                    rendered = ere if self.d == "ere" else rust
                    if rendered is None:
                        raise Untranslatable(f"\\{c} inside a bracket")
                    classes.append(rendered)
                    continue
                if c in CONTROL_ESCAPES:
                    lit = CONTROL_ESCAPES[c]
                elif c == "x":
                    lit = self.hex_char()
                elif c == "n":
                    continue  # a newline never occurs inside a line; leaving it out changes nothing
                elif c.isalnum():
                    raise Untranslatable(f"escape \\{c} inside a bracket")
                else:
                    lit = c
            else:
                lit = ch
                self.i += 1
            # A range `a-z` (a `-` just before `]` is a literal).
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.i += 1
                hi = p[self.i]
                if hi == "\\":
                    c = p[self.i + 1]
                    self.i += 2
                    if c == "x":
                        hi = self.hex_char()
                    elif c.isalnum():
                        raise Untranslatable("class escape as range end")
                    else:
                        hi = c
                else:
                    self.i += 1
                ranges.append((lit, hi))
            else:
                chars.append(lit)
        if self.caseless[-1] and self.d == "ere":  # Rust has (?i) itself
            chars += [c.swapcase() for c in chars if c.swapcase() != c]
            ranges += [(a.swapcase(), b.swapcase()) for a, b in ranges
                       if a.isalpha() and b.isalpha() and a.swapcase() != a]
        self.out.append(self.render_bracket(negated, chars, ranges, classes))

    def render_bracket(self, negated, chars, ranges, classes) -> str:
        seen = []
        for c in chars:
            if c not in seen:
                seen.append(c)
        if self.d == "rust":
            def esc(c):
                return "\\" + c if c in "\\]-[^&~" else c
            body = "".join(classes) + "".join(f"{esc(a)}-{esc(b)}" for a, b in ranges) + "".join(esc(c) for c in seen)
            return f"[{'^' if negated else ''}{body}]"
        # POSIX: backslash is literal; `]` must come first, `-` last, `^` not first, and `[`
        # must not be followed by `:`, `.` or `=`.
        if not negated and seen == ["^"] and not ranges and not classes:
            return "\\^"
        head = "]" if "]" in seen else ""
        middle = [c for c in seen if c not in "]-^["]
        body = head + "".join(classes) + "".join(f"{a}-{b}" for a, b in ranges) + "".join(middle)
        if "[" in seen:
            body += "["
        if "^" in seen:  # never first: `body` is not empty here (a lone `^` was handled above)
            body += "^"
        if "-" in seen:
            body += "-"
        return f"[{'^' if negated else ''}{body}]"


def translate(pattern: str, dialect: str, drop_end_anchor: bool = False, name_suffix: str = "") -> str:
    return Translator(without_guard(pattern), dialect, drop_end_anchor, name_suffix).translate()


def without_guard(pattern: str) -> str:
    """A rule's leading guard `^(?!…)` (and a `.*?` after it) left out: it keeps the rule off
    lines that another rule of the set reads (`^(?!.*\\bchannel exited\\b).*?imsg rpc not ready`),
    so the lines that match *any* pattern, which is what the baselines count, stay the same."""
    if not pattern.startswith("^(?!"):
        return pattern
    depth, i = 0, 1
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a class: skip to its end (a `]` first in it is literal)
            j = i + 2 if pattern[i + 1:i + 2] == "]" else i + 1
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            continue
        depth += ch == "("
        depth -= ch == ")"
        i += 1
        if depth == 0:
            break
    rest = pattern[i:]
    return rest[3:] if rest.startswith(".*?") else "^" + rest


# ----------------------------------------------------------------------------------------------


def rule_documents(path: str) -> list[tuple[str, object]]:
    """(file, document) for every YAML document of a rule file, or of every `*.yaml`/`*.yml` file
    of a rule folder (subfolders too, hidden ones skipped) in the byte order of their paths
    within it: the order walog joins them in (docs/rules.md, "Rule folders")."""
    import yaml  # PyYAML; imported here so --self-test runs without it

    files = [path]
    if os.path.isdir(path):
        files = []
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = [d for d in subfolders if not d.startswith(".")]
            files += [os.path.join(folder, n) for n in names
                      if not n.startswith(".") and n.endswith((".yaml", ".yml"))]
        files.sort(key=lambda f: os.path.relpath(f, path).encode())
    found = []
    for file in files:
        with open(file, encoding="utf-8") as f:
            found += [(file, doc) for doc in yaml.safe_load_all(f)]
    return found


def load_patterns(path: str) -> list[tuple[str, str]]:
    """(id, pattern) for every event rule of a rule file or folder, in match order; a rule may
    also give a list under `patterns`."""
    rules = []
    for file, doc in rule_documents(path):
        if not isinstance(doc, dict):
            raise ValueError(f"{file}: not a rule file")
        rules += doc.get("events") or []
    if not rules:
        raise ValueError(f"{path}: no `events:` list")
    found = []
    for n, rule in enumerate(rules):
        if not isinstance(rule, dict):
            continue
        rid = str(rule.get("id", f"events[{n}]"))
        if isinstance(rule.get("pattern"), str):
            found.append((rid, rule["pattern"]))
        for k, extra in enumerate(rule.get("patterns") or []):
            if isinstance(extra, str):
                found.append((f"{rid}[{k}]", extra))
    if not found:
        raise ValueError(f"{path}: `events:` has no patterns")
    return found


def write_files(patterns, out_dir: str, drop_end_anchor: bool) -> int:
    os.makedirs(out_dir, exist_ok=True)
    notes = []
    counts = {}
    for dialect, name in (("ere", "patterns.ere"), ("rust", "patterns.rust")):
        lines = []
        for n, (rid, pattern) in enumerate(patterns):
            try:
                # ripgrep joins -f patterns into one alternation: group names must be unique.
                lines.append(translate(pattern, dialect, drop_end_anchor, name_suffix=f"_{n}"))
            except Untranslatable as why:
                notes.append(f"{name}: skipped {rid}: {why}: {pattern}")
        if not lines:
            print(f"patterns.py: no pattern could be translated for {name}", file=sys.stderr)
            return 1
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        counts[name] = len(lines)
    with open(os.path.join(out_dir, "patterns.notes"), "w", encoding="utf-8") as f:
        f.write("".join(n + "\n" for n in notes))
    for n in notes:
        print("patterns.py: " + n, file=sys.stderr)
    print(f"patterns.py: {len(patterns)} rule patterns → {counts['patterns.ere']} ERE, "
          f"{counts['patterns.rust']} Rust ({out_dir})", file=sys.stderr)
    return 0


# ----------------------------------------------------------------------------------------------
# Self-test: translations of hand-written patterns, and (when grep/rg exist) that the translated
# patterns select the same lines as the PCRE2 originals should.

CASES = [
    # (PCRE2, ERE, Rust)
    (r"Web connection closed \(status (?<status>\d+)\)\. Retry (?<attempt>\d+)/(?<max>\d+)",
     r"Web connection closed \(status ([0-9]+)\)\. Retry ([0-9]+)/([0-9]+)",
     r"Web connection closed \(status (?P<status>[0-9]+)\)\. Retry (?P<attempt>[0-9]+)/(?P<max>[0-9]+)"),
    (r"^\[(?<account>[\w.-]+)\] auto-restart attempt (?<n>\d+)/10 in \d+s$",
     r"\[([[:alnum:]_.-]+)] auto-restart attempt ([0-9]+)/10 in [0-9]+s$",
     r"\[(?P<account>[[:word:].\-]+)\] auto-restart attempt (?P<n>[0-9]+)/10 in [0-9]+s$"),
    (r"(?:WhatsApp )?session logged out\.\s+Run",
     r"(WhatsApp )?session logged out\.[[:space:]]+Run",
     r"(?:WhatsApp )?session logged out\.[[:space:]]+Run"),
    (r"(?i)health-monitor: restarting \(reason: (?<reason>[a-z-]+?)\)",
     r"[hH][eE][aA][lL][tT][hH]-[mM][oO][nN][iI][tT][oO][rR]: [rR][eE][sS][tT][aA][rR][tT][iI][nN][gG] \([rR][eE][aA][sS][oO][nN]: ([a-zA-Z-]+)\)",
     r"(?i)health-monitor: restarting \(reason: (?P<reason>[a-z\-]+?)\)"),
    (r"retrying in (?<delay>[\d.]+m?s)\.\x{2026}?\/",
     r"retrying in ([0-9.]+m?s)\.…?/",
     r"retrying in (?P<delay>[0-9.]+m?s)\.…?/"),
    (r"status=(?!200)\d+", None, None),                       # lookaround: skipped in both
    (r"^(?!.*exited).*?no HELLO \(\d+ms\)", r"no HELLO \([0-9]+ms\)", r"no HELLO \([0-9]+ms\)"),  # a leading guard: left out
    (r"(\w+) \1", None, None),                                 # backreference: skipped in both
    (r"\p{Lu}\w+ gateway\b", None, r"\p{Lu}[[:word:]]+ gateway(?-u:\b)"),        # Unicode property: Rust only
    (r"code [^\S\n]*\d{4}", None, r"code [^[:^space:]]*[0-9]{4}"),     # negated shorthand in a class
    (r"tag \{dur\} (?>a|b)++ [\]x-]", r"tag \{dur} (a|b)+ []x-]", r"tag \{dur\} (?:a|b)+ [\]x\-]"),
]

SAMPLE_LINES = [
    ("2026-04-27T02:37:31.184+08:00 [whatsapp] Web connection closed (status 428). Retry 1/12 in 2.27s… "
     "(status=428 Precondition Required Connection Closed)", {0}),
    ("2026-04-27T02:37:36.466+08:00 [whatsapp] [default] auto-restart attempt 1/10 in 5s", {1}),
    ("2026-04-27T02:37:36.466+08:00 [whatsapp] [work.2] auto-restart attempt 3/10 in 22s trailing", set()),
    ("2026-04-27T02:37:40.470+08:00 WhatsApp session logged out. Run: openclaw channels login", {2}),
    ("2026-04-27T02:37:41.000+08:00 [health-monitor] [whatsapp:default] Health-Monitor: restarting "
     "(reason: stale-socket)", {3}),
    ("2026-04-27T02:38:00.000+08:00 [telegram] x retrying in 2.31s.…/", {4}),
    ("2026-04-27T02:38:00.000+08:00 [ws] ⇄ res ✓ chat.history 23ms", set()),
]


def self_test() -> int:
    failures = 0
    ere_lines, rust_lines = [], []
    for pattern, want_ere, want_rust in CASES:
        for dialect, want, sink in (("ere", want_ere, ere_lines), ("rust", want_rust, rust_lines)):
            try:
                got = translate(pattern, dialect)
            except Untranslatable:
                got = None
            if got != want:
                failures += 1
                print(f"FAIL {dialect}: {pattern!r}\n  want {want!r}\n  got  {got!r}", file=sys.stderr)
            sink.append(got)
    # Run the tools on sample lines: each case's translation must match exactly the lines listed.
    with tempfile.TemporaryDirectory() as tmp:
        sample = os.path.join(tmp, "sample.log")
        with open(sample, "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line, _ in SAMPLE_LINES))
        tools = []
        if shutil.which("grep"):
            tools.append(("grep", ere_lines, lambda pat: ["grep", "-n", "-E", "-e", pat, sample]))
        if shutil.which("rg"):
            tools.append(("rg", rust_lines, lambda pat: ["rg", "-n", "--no-heading", "-e", pat, sample]))
        for tool, translated, argv in tools:
            for index, pat in enumerate(translated):
                if pat is None or index > 4:
                    continue
                env = dict(os.environ, LC_ALL="C.UTF-8")
                run = subprocess.run(argv(pat), capture_output=True, text=True, env=env)
                if run.returncode > 1 or run.stderr:
                    failures += 1
                    print(f"FAIL {tool} rejected {pat!r}: {run.stderr.strip()}", file=sys.stderr)
                    continue
                got = {int(line.split(":", 1)[0]) - 1 for line in run.stdout.splitlines()}
                want = {n for n, (_, cases) in enumerate(SAMPLE_LINES) if index in cases}
                if got != want:
                    failures += 1
                    print(f"FAIL {tool} {pat!r}: matched lines {sorted(got)}, want {sorted(want)}", file=sys.stderr)
    print(f"patterns.py self-test: {len(CASES)} patterns x 2 dialects, "
          f"{'all passed' if not failures else f'{failures} failures'}", file=sys.stderr)
    return 1 if failures else 0


def main(argv=None) -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", default=os.path.join(here, "..", "Sources", "WalogCore", "Rules", "openclaw"),
                    help="a rule file or folder (default: the built-in rule folder)")
    ap.add_argument("--out-dir", default=os.path.join(here, "data"))
    ap.add_argument("--drop-end-anchor", action="store_true",
                    help="also drop a trailing $ (for the JSON file log)")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args(argv)
    if args.self_test:
        return self_test()
    try:
        patterns = load_patterns(args.rules)
    except (OSError, ValueError) as why:
        print(f"patterns.py: {why}", file=sys.stderr)
        return 3
    except Exception as why:  # YAML syntax errors
        print(f"patterns.py: {args.rules}: {why}", file=sys.stderr)
        return 3
    return write_files(patterns, args.out_dir, args.drop_end_anchor)


if __name__ == "__main__":
    sys.exit(main())
