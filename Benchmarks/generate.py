#!/usr/bin/env python3
"""Generate a large, realistic OpenClaw gateway log for benchmarking walog.

The log is mostly ordinary gateway traffic (agent runs, tool and model calls, WebSocket RPCs,
inbound/outbound messages, cron, heartbeat and diagnostic lines). About 1 % of the lines are
channel lifecycle lines that form real loops, following the templates and policies in
shared/research/openclaw-log-formats.md §1–§5: WhatsApp retry runs with the real backoff
(2 s x1.8 up to 30 s, jitter 0.25, 12 attempts), give-ups at 12/12, the channel supervisor's
auto-restart chain (5 s x2 up to 300 s, 10 attempts), health-monitor restarts on the 5-minute
check grid, Telegram getUpdates 409 conflicts, Slack socket-mode retries and Discord gateway
closes, over several accounts; and two third-party plugin channels (`parrot`, `rocketchat`) that
walog has no channel rule for, whose disconnects, reconnects and give-ups only the generic
lifecycle rules read.

Formats:
  compact   console lines `2026-04-27T02:37:31.184+08:00 [tag] message` (the console drops a
            leading `WhatsApp `/`Telegram `/... after the tag)
  filelog   the tslog JSON-lines file log (keys "0", "1", "2", "_meta", "time"), including the
            file-only `web reconnect: ...` and `web gateway heartbeat` records
  journald  `journalctl -o short-iso`: `2026-04-27T02:37:31+0800 host node[pid]: ` + compact line
  journald-json
            `journalctl -o json`: one JSON object per line with the fields a user service's
            stdout entry carries (`_HOSTNAME`, `SYSLOG_IDENTIFIER`, `_PID`, `_SYSTEMD_UNIT`…)
            and the compact line as `MESSAGE`

Output is reproducible: the same seed, size, format, start and offset give byte-identical output
(with the same Python minor version). Next to the log, `<out>.expected.json` records how many
lifecycle lines of each kind were written, so walog's totals can be checked.

Speed comes from building ordinary traffic from a pool of pre-rendered line bodies, stamping
timestamps from precomputed per-minute tables, and writing multi-megabyte chunks; only the
lifecycle lines (1 %) are rendered one by one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import heapq
import json
import math
import os
import random
import re
import sys
import time

GENERATOR_VERSION = 2

CHANNEL_IDS = {"whatsapp", "telegram", "slack", "discord", "signal", "imessage"}

# Accounts per channel and their provider identity (as `starting provider (...)` prints it).
ACCOUNTS = {
    "whatsapp": [("default", "+15551234567"), ("work", "+15557654321"), ("personal", "+4915112345678")],
    "telegram": [("default", "@openclaw_helper_bot"), ("work", "@acme_ops_bot")],
    "slack": [("default", None), ("work", None)],
    "discord": [("default", None)],
    # Third-party plugin channels: their tags are unknown to walog's channel rules.
    "parrot": [("default", None), ("ops", None)],
    "rocketchat": [("default", None)],
}
PLUGIN_CHANNELS = ["parrot", "rocketchat"]

WA_LISTENING = "Listening for personal WhatsApp inbound messages."
TG_CONFLICT = ("Telegram getUpdates conflict: Call to 'getUpdates' failed! (409: Conflict: terminated by "
               "other getUpdates request; make sure that only one bot instance is running); retrying in {dur}.")

# WhatsApp close statuses and the `{err}` texts formatError() produces for them (research §1.4).
WA_ERRS = {
    428: ["status=428 Precondition Required Connection Closed",
          "status=428 Precondition Required Connection Terminated",
          "status=428 Precondition Required Connection Terminated by Server"],
    408: ["status=408 Request Time-out Connection was lost",
          "status=408 Request Time-out WebSocket Error (Opening handshake has timed out)"],
    440: ["status=440 Unknown Stream Errored (conflict)"],
    500: ["status=500 Internal Server Error Stream Errored (unknown)",
          "status=500 Internal Server Error WebSocket Error (getaddrinfo ENOTFOUND web.whatsapp.com)"],
    503: ["status=503 Service Unavailable Stream Errored (service unavailable)"],
    515: ["status=515 Unknown Stream Errored (restart required)"],
    499: ["status=499"],
}
BOOM_REASON = {428: "Precondition Required", 408: "Request Time-out"}

NEVER = 1 << 62  # an int, so the hot loop compares ints only


# ----------------------------------------------------------------------------------------------
# Small helpers


def parse_size(text: str) -> int:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(i?)B?\s*", text, re.IGNORECASE)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use e.g. 100MiB, 1GiB, 5000000)")
    number, unit, binary = float(m.group(1)), m.group(2).upper(), m.group(3)
    base = 1024 if binary or unit == "" else 1000
    power = " KMGT".index(unit or " ")
    return int(number * base ** power)


def parse_offset(text: str) -> int:
    m = re.fullmatch(r"([+-])(\d\d):?(\d\d)", text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a UTC offset: {text!r} (use e.g. +08:00)")
    minutes = int(m.group(2)) * 60 + int(m.group(3))
    return minutes if m.group(1) == "+" else -minutes


def js_round(x: float) -> int:
    """Math.round: halves go up."""
    return int(math.floor(x + 0.5))


def backoff(rng: random.Random, attempt: int, initial: int, max_ms: int, factor: float, jitter: float) -> int:
    """computeBackoff in src/infra/backoff.ts."""
    base = initial * factor ** (attempt - 1)
    return min(max_ms, js_round(base + base * jitter * rng.random()))


def wa_backoff(rng, attempt):
    return backoff(rng, attempt, 2000, 30000, 1.8, 0.25)


def supervisor_backoff(rng, attempt):
    return backoff(rng, attempt, 5000, 300000, 2.0, 0.1)


def fmt_dur(ms: int) -> str:
    """formatDurationPrecise: `850ms`, `2.27s`, `30s`."""
    if ms < 1000:
        return f"{ms}ms"
    text = f"{ms / 1000:.2f}".rstrip("0").rstrip(".")
    return text + "s"


@functools.lru_cache(maxsize=None)
def display_subsystem(subsystem: str) -> str:
    """The console tag for a subsystem (research §5.2)."""
    parts = subsystem.split("/")
    rest = list(parts)
    while rest and rest[0] in ("gateway", "channels", "providers"):
        rest.pop(0)
    if not rest:
        return parts[-1]
    if rest[0] in CHANNEL_IDS:
        return rest[0]
    return "/".join(rest[-2:])


def strip_console_prefix(tag: str, msg: str) -> str:
    """The console removes a leading `[tag]`, or `tag` followed by a space or colon."""
    low = msg.lower()
    bracket = f"[{tag.lower()}]"
    if low.startswith(bracket):
        return msg[len(bracket):].lstrip()
    if low.startswith(tag.lower()) and len(msg) > len(tag) and msg[len(tag)] in " :":
        return msg[len(tag) + 1:].lstrip()
    return msg


def jdump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


LEVELS = {"TRACE": 1, "DEBUG": 2, "INFO": 3, "WARN": 4, "ERROR": 5, "FATAL": 6}
DIST = "/usr/lib/node_modules/openclaw/dist"


def tslog_path(file_name: str, line: int, column: int, method: str | None) -> str:
    full = f"{DIST}/{file_name}"
    path = {
        "fullFilePath": f"file://{full}:{line}:{column}",
        "fileName": file_name,
        "fileNameWithLine": f"{file_name}:{line}",
        "fileColumn": str(column),
        "fileLine": str(line),
        "filePath": full,
        "filePathWithLine": f"{full}:{line}",
    }
    if method:
        path["method"] = method
    return jdump(path)


SUBSYSTEM_PATH = tslog_path("subsystem-CFhq7XWa.js", 1027, 14, "logToFile")
MODULE_PATHS = {
    "web-reconnect": tslog_path("monitor-B2xQv0kd.js", 412, 23, "handleClose"),
    "web-heartbeat": tslog_path("monitor-B2xQv0kd.js", 288, 19, "Timeout._onTimeout"),
}
CONSOLE_PATH = tslog_path("console-DqT1a8Lm.js", 96, 11, "console.error")


# A log record before rendering:
#   ("sub", subsystem, level, message, meta-or-None)   subsystem logger (console + file)
#   ("mod", module, runId, level, fields, message)     child module logger (file only)
#   ("con", level, text)                               captured console.* (no tag)


@functools.lru_cache(maxsize=None)
def subsystem_binding(subsystem: str) -> str:
    return jdump({"subsystem": subsystem})


def render_console(rec) -> str | None:
    kind = rec[0]
    if kind == "sub":
        tag = display_subsystem(rec[1])
        return f"[{tag}] {strip_console_prefix(tag, rec[3])}"
    if kind == "con":
        return rec[2]
    return None  # module loggers write to the file only


def render_file(rec) -> tuple[str, str]:
    """Returns (A, B): the line is A + utc-date + B + local-time + '"}'."""
    kind = rec[0]
    if kind == "sub":
        _, subsystem, level, msg, meta = rec
        binding = subsystem_binding(subsystem)
        args = f'"0":{jdump(binding)},' + (f'"1":{jdump(meta)},"2":{jdump(msg)}' if meta is not None
                                          else f'"1":{jdump(msg)}')
        name, parents, path = binding, ',"parentNames":["openclaw"]', SUBSYSTEM_PATH
    elif kind == "mod":
        _, module, run_id, level, fields, msg = rec
        binding = jdump({"module": module, "runId": run_id})
        args = f'"0":{jdump(binding)},"1":{jdump(fields)},"2":{jdump(msg)}'
        name, parents, path = binding, ',"parentNames":["openclaw"]', MODULE_PATHS[module]
    else:
        _, level, text = rec
        args = f'"0":{jdump(text)}'
        name, parents, path = "openclaw", "", CONSOLE_PATH
    a = (f'{{{args},"_meta":{{"runtime":"node","runtimeVersion":"22.22.0","hostname":"unknown",'
         f'"name":{jdump(name)}{parents},"date":"')
    b = f'","logLevelId":{LEVELS[level]},"logLevelName":"{level}","path":{path}}},"time":"'
    return a, b


# ----------------------------------------------------------------------------------------------
# Ordinary traffic: snippets of related lines, rendered once into a pool


B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


class Ids:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def uuid(self) -> str:
        b = self.rng.getrandbits(128)
        h = f"{b:032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[b & 3]}{h[17:20]}-{h[20:32]}"

    def hexs(self, n: int) -> str:
        return f"{self.rng.getrandbits(4 * n):0{n}x}"

    def conn(self) -> str:
        return f"{self.hexs(8)}…{self.hexs(4)}"

    def b62(self, n: int) -> str:
        return "".join(self.rng.choices(B62, k=n))

    def phone(self) -> str:
        cc = self.rng.choice(["+1", "+44", "+49", "+33", "+34", "+39", "+86", "+91", "+55", "+61", "+65"])
        digits = 10 if cc == "+1" else 9
        return cc + str(self.rng.randrange(2 * 10 ** (digits - 1), 10 ** digits))


MODELS = [("anthropic", "claude-sonnet-4-5"), ("anthropic", "claude-opus-4-5"), ("openai", "gpt-5.1"),
          ("google", "gemini-3-pro-preview"), ("anthropic", "claude-haiku-4-5")]
TOOLS = ["exec", "read", "write", "edit", "web_search", "web_fetch", "browser", "message", "cron",
         "memory_search", "sessions_send", "image", "process", "apply_patch"]
RPC_METHODS = ["health", "status", "chat.send", "chat.history", "sessions.list", "node.list", "config.get",
               "models.list", "usage.cost", "logs.tail", "channels.status", "cron.list", "agents.list",
               "sessions.preview", "skills.status", "system-presence"]
CRON_JOBS = [("morning-briefing", "0 7 * * *"), ("inbox-digest", "*/30 * * * *"), ("backup-notes", "0 3 * * *"),
             ("weekly-review", "0 18 * * 5"), ("price-watch", "15 * * * *")]


class TrafficPool:
    """Builds snippets of ordinary traffic: lists of (gap-ms-before-line, record)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.ids = Ids(rng)
        self.peers = [self.ids.phone() for _ in range(40)]
        self.tg_chats = [str(rng.randrange(10_000_000, 2_000_000_000)) for _ in range(20)]
        self.slack_users = ["U0" + self.ids.b62(9).upper() for _ in range(12)]
        self.slack_chans = ["C0" + self.ids.b62(9).upper() for _ in range(6)]
        self.discord_users = [str(rng.randrange(10 ** 17, 10 ** 18)) for _ in range(12)]

    def snippet(self):
        r = self.rng.random()
        if r < 0.34:
            return self.agent_turn()
        if r < 0.62:
            return self.ws_burst()
        if r < 0.66:
            return self.ws_session()
        if r < 0.80:
            return self.diagnostic()
        if r < 0.85:
            return self.cron_job()
        if r < 0.90:
            return self.heartbeat()
        if r < 0.92:
            return self.failover()
        if r < 0.95:
            return self.outbound_only()
        return self.misc()

    # -- pieces

    def g(self, lo, hi):
        return self.rng.randrange(lo, hi)

    def agent_run(self, channel: str, session_key: str, out: list, prefix_gap=(5, 40)):
        rng, ids = self.rng, self.ids
        run_id, session_id = ids.uuid(), ids.uuid()
        provider, model = rng.choice(MODELS)
        thinking = rng.choice(["off", "low", "low", "medium", "high"])
        lane = f"session:{session_key}"
        out.append((self.g(0, 3), ("sub", "diagnostic", "INFO", f"lane enqueue: lane={lane} queueSize=1", None)))
        out.append((self.g(0, 4), ("sub", "diagnostic", "INFO",
                                   f"lane dequeue: lane={lane} waitMs={self.g(0, 9)} queueSize=0", None)))
        out.append((self.g(1, 6), ("sub", "diagnostic", "INFO",
                                   f'session state: sessionKey={session_key} prev=idle new=processing reason="run_started"',
                                   None)))
        out.append((self.g(*prefix_gap), ("sub", "agent/embedded", "INFO",
                                          f"embedded run start: runId={run_id} sessionId={session_id} provider={provider} "
                                          f"model={model} thinking={thinking} messageChannel={channel}", None)))
        out.append((self.g(2, 30), ("sub", "agent/embedded", "INFO",
                                    f"embedded run prompt start: runId={run_id} sessionId={session_id}", None)))
        total = 0
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4])):
            tool = rng.choice(TOOLS)
            call = "toolu_01" + ids.b62(22) if provider == "anthropic" else "call_" + ids.b62(24)
            wait = self.g(150, 1500)
            took = self.g(20, 1800)
            total += wait + took
            out.append((wait, ("sub", "agent/embedded", "INFO",
                               f"embedded run tool start: runId={run_id} tool={tool} toolCallId={call}", None)))
            out.append((took, ("sub", "agent/embedded", "INFO",
                               f"embedded run tool end: runId={run_id} tool={tool} toolCallId={call} durationMs={took}",
                               None)))
        tail = self.g(300, 2500)
        total += tail
        out.append((tail, ("sub", "agent/embedded", "INFO",
                           f"embedded run prompt end: runId={run_id} sessionId={session_id} durationMs={total}", None)))
        tin, tout = self.g(300, 30000), self.g(20, 1500)
        cache = self.g(0, 60000)
        cost = (tin * 3 + tout * 15 + cache * 0.3) / 1e6
        out.append((self.g(0, 3), ("sub", "diagnostic", "INFO",
                                   f"model usage: provider={provider} model={model} input={tin} output={tout} "
                                   f"cacheRead={cache} cacheWrite={self.g(0, 3) * self.g(0, 2000)} "
                                   f"costUsd={cost:.4f} durationMs={total}", None)))
        out.append((self.g(1, 6), ("sub", "agent/embedded", "INFO",
                                   f"embedded run done: runId={run_id} sessionId={session_id} durationMs={total + 9} "
                                   f"aborted=false", None)))
        out.append((self.g(0, 3), ("sub", "diagnostic", "INFO",
                                   f'session state: sessionKey={session_key} prev=processing new=idle reason="run_completed"',
                                   None)))
        out.append((self.g(0, 3), ("sub", "diagnostic", "INFO",
                                   f"lane task done: lane={lane} durationMs={total + 12} active=0 queued=0", None)))
        return total

    def inbound(self, channel: str):
        """(session key, inbound records, outbound record factory)."""
        rng, ids = self.rng, self.ids
        n = self.g(1, 400)
        if channel == "whatsapp":
            acct, own = rng.choice(ACCOUNTS["whatsapp"])
            peer = rng.choice(self.peers)
            if rng.random() < 0.25:
                group = f"120363{self.g(10 ** 11, 10 ** 12)}@g.us"
                key = f"agent:main:whatsapp:group:{group}"
                recs = [("sub", "gateway/channels/whatsapp/inbound", "INFO",
                         f"Inbound message {group} -> {own} (group, {n} chars, from {peer})", None)]
                target = group
            else:
                key = f"agent:main:whatsapp:direct:{peer}"
                recs = [("sub", "gateway/channels/whatsapp/inbound", "INFO",
                         f"Inbound message {peer} -> {own} (direct, {n} chars)", None)]
                target = peer

            def out(m):
                return ("sub", "gateway/channels/whatsapp/outbound", "INFO",
                        f"Sent reply to {target} (text, {m} chars) in {self.g(150, 900)}ms", None)
            return key, recs, out
        if channel == "telegram":
            chat = rng.choice(self.tg_chats)
            key = f"agent:main:telegram:direct:{chat}"
            recs = [("sub", "gateway/channels/telegram", "INFO",
                     f"update {self.g(100_000_000, 999_999_999)}: message from chat {chat} (private, {n} chars)", None)]

            def out(m):
                return ("sub", "gateway/channels/telegram", "INFO",
                        f"sendMessage ok chat={chat} message_id={self.g(100, 99999)} ({m} chars)", None)
            return key, recs, out
        if channel == "slack":
            user, chan = rng.choice(self.slack_users), rng.choice(self.slack_chans)
            key = f"agent:main:slack:channel:{chan}"
            recs = [("sub", "gateway/channels/slack", "INFO",
                     f"slack message from {user} in {chan} ({rng.choice(['thread', 'channel', 'dm'])}, {n} chars)",
                     None)]

            def out(m):
                return ("sub", "gateway/channels/slack", "INFO",
                        f"slack reply posted channel={chan} ts={self.g(1_745_000_000, 1_760_000_000)}."
                        f"{self.g(100000, 999999)} ({m} chars)", None)
            return key, recs, out
        if channel == "discord":
            user = rng.choice(self.discord_users)
            chan = rng.choice(["general", "bot-commands", "dev", "support"])
            key = f"agent:main:discord:channel:{chan}"
            recs = [("sub", "gateway/channels/discord", "INFO",
                     f"discord message from {user} in #{chan} ({n} chars)", None)]

            def out(m):
                return ("sub", "gateway/channels/discord", "INFO",
                        f"discord reply sent in #{chan} id={self.g(10 ** 17, 10 ** 18)} ({m} chars)", None)
            return key, recs, out
        if channel in PLUGIN_CHANNELS:
            acct = rng.choice(ACCOUNTS[channel])[0]
            room = rng.choice(["lobby", "ops", "family", "support", "random"])
            user = f"@{rng.choice(['ana', 'bo', 'chen', 'dee', 'eli', 'femi'])}{self.g(1, 99)}"
            key = f"agent:main:{channel}:room:{room}"
            recs = [("sub", f"gateway/channels/{channel}", "INFO",
                     f"[{acct}] inbound message from {user} in {room} ({n} chars)", None)]

            def out(m):
                return ("sub", f"gateway/channels/{channel}", "INFO",
                        f"[{acct}] reply delivered to {room} ({m} chars) in {self.g(80, 700)}ms", None)
            return key, recs, out
        conn = ids.conn()
        key = "agent:main:main"
        recs = [("sub", "gateway/ws", "INFO",
                 f"⇄ res ✓ chat.send {self.g(2, 40)}ms conn={conn} id={ids.conn()}", None)]

        def out(m):
            return ("sub", "gateway/ws", "INFO",
                    f"→ event chat seq={self.g(100, 90000)} clients={self.g(1, 4)} state=final ({m} chars)", None)
        return key, recs, out

    def agent_turn(self):
        channel = self.rng.choices(["whatsapp", "telegram", "slack", "discord", "webchat", "parrot", "rocketchat"],
                                   [45, 20, 12, 8, 15, 6, 4])[0]
        key, recs, out = self.inbound(channel)
        lines = [(0, r) for r in recs]
        lines.append((self.g(0, 3), ("sub", "diagnostic", "INFO",
                                     f"message queued: sessionKey={key} channel={channel} queueDepth=1", None)))
        self.agent_run(channel, key, lines)
        lines.append((self.g(50, 600), out(self.g(20, 1800))))
        return lines

    def ws_burst(self):
        ids = self.ids
        conn = ids.conn()
        lines = []
        for _ in range(self.g(1, 7)):
            method = self.rng.choice(RPC_METHODS)
            if self.rng.random() < 0.03:
                lines.append((self.g(5, 400), ("sub", "gateway/ws", "INFO",
                                               f'⇄ res ✗ {method} {self.g(1, 30)}ms errorCode=INVALID_REQUEST '
                                               f'errorMessage="invalid params" conn={conn} id={ids.conn()}', None)))
            else:
                lines.append((self.g(5, 400), ("sub", "gateway/ws", "INFO",
                                               f"⇄ res ✓ {method} {self.g(1, 120)}ms conn={conn} id={ids.conn()}",
                                               None)))
        return lines

    def ws_session(self):
        ids = self.ids
        conn = ids.conn()
        client = self.rng.choice(["openclaw-control-ui webchat v2026.4.24", "openclaw-macos node v2026.4.22",
                                  "openclaw-cli cli v2026.4.24", "openclaw-ios node v2026.4.20"])
        remote = self.rng.choice(["127.0.0.1", "127.0.0.1", "100.101.7.23", "192.168.1.44"])
        lines = [(0, ("sub", "gateway/ws", "INFO", f"webchat connected conn={conn} remote={remote} client={client}",
                      None))]
        lines += self.ws_burst()
        lines.append((self.g(100, 5000), ("sub", "gateway/ws", "INFO",
                                          f"webchat disconnected code={self.rng.choice([1000, 1001, 1001, 1005])} "
                                          f"reason=n/a conn={conn}", None)))
        return lines

    def diagnostic(self):
        key = self.rng.choice(["agent:main:main", f"agent:main:whatsapp:direct:{self.rng.choice(self.peers)}",
                               f"agent:main:telegram:direct:{self.rng.choice(self.tg_chats)}"])
        pick = self.rng.random()
        if pick < 0.4:
            return [(0, ("sub", "diagnostic", "INFO",
                         f"session state: sessionKey={key} prev=idle new=idle reason=\"touch\" "
                         f"ageMs={self.g(1000, 9_000_000)}", None))]
        if pick < 0.7:
            return [(0, ("sub", "diagnostic", "INFO",
                         f"run registered: sessionKey={key} totalActive={self.g(1, 3)}", None)),
                    (self.g(100, 3000), ("sub", "diagnostic", "INFO",
                                         f"run cleared: sessionKey={key} totalActive=0", None))]
        return [(0, ("sub", "diagnostic", "INFO",
                     f"memory index sync: agent=main files={self.g(10, 400)} chunks={self.g(100, 9000)} "
                     f"changed={self.g(0, 5)} durationMs={self.g(5, 900)}", None))]

    def cron_job(self):
        name, schedule = self.rng.choice(CRON_JOBS)
        job_id = self.ids.uuid()
        lines = [(0, ("sub", "cron", "INFO",
                      f'cron: running job "{name}" (id={job_id} schedule="{schedule}" tz=Asia/Shanghai)', None))]
        total = self.agent_run("cron", f"agent:main:cron:{job_id}", lines)
        lines.append((self.g(5, 50), ("sub", "cron", "INFO",
                                      f'cron: job "{name}" finished status=ok durationMs={total + 40} '
                                      f'delivered={self.rng.choice(["true", "false"])}', None)))
        return lines

    def heartbeat(self):
        lines = [(0, ("sub", "gateway/heartbeat", "INFO", "heartbeat: run start agent=main intervalMs=1800000",
                      None))]
        total = self.agent_run("heartbeat", "agent:main:main", lines)
        if self.rng.random() < 0.8:
            lines.append((self.g(1, 10), ("sub", "gateway/heartbeat", "INFO",
                                          f"heartbeat: ok (no delivery) agent=main durationMs={total + 20}", None)))
        else:
            lines.append((self.g(1, 10), ("sub", "gateway/heartbeat", "INFO",
                                          f"heartbeat: delivered alert to whatsapp:{self.rng.choice(self.peers)} "
                                          f"durationMs={total + 20}", None)))
        return lines

    def failover(self):
        run_id = self.ids.uuid()
        (p1, m1), (p2, m2) = self.rng.sample(MODELS, 2)
        status, reason = self.rng.choice([(429, "rate_limit"), (529, "overloaded"), (503, "unavailable"),
                                          (408, "timeout")])
        return [(0, ("sub", "agent/embedded", "WARN",
                     f"embedded run failover decision: runId={run_id} stage=assistant decision=fallback_model "
                     f"reason={reason} from={p1}/{m1} to={p2}/{m2} status={status}", None)),
                (self.g(200, 3000), ("sub", "agent/embedded", "INFO",
                                     f"embedded run retry: runId={run_id} provider={p2} model={m2} attempt=2", None))]

    def outbound_only(self):
        channel = self.rng.choice(["whatsapp", "telegram", "slack"])
        _, _, out = self.inbound(channel)
        return [(0, out(self.g(10, 900)))]

    def misc(self):
        choices = [
            ("gateway/reload", "INFO", "config change detected; evaluating reload (agents.defaults.heartbeat)"),
            ("gateway/reload", "INFO", "config hot reload applied (channels.telegram.groups)"),
            ("gateway/canvas", "INFO", "canvas host mounted at http://127.0.0.1:18789/__openclaw__/canvas/"),
            ("browser/server", "INFO", f"browser control listening on http://127.0.0.1:18791 (profile=openclaw)"),
            ("gateway/skills", "INFO", f"skills snapshot refreshed: {self.g(8, 60)} eligible, {self.g(0, 9)} blocked"),
            ("plugins", "INFO", f"plugin registry loaded: {self.g(5, 40)} plugins in {self.g(20, 300)}ms"),
            ("gateway/ws", "WARN", f"slow consumer: conn={self.ids.conn()} buffered={self.g(1, 9)}MB; dropping "
                                   f"non-essential events"),
            # Plugin lines that hold the generic lifecycle rules' words but are no lifecycle event.
            ("gateway/channels/parrot", "INFO", f"presence: {self.g(2, 40)} contacts connected, {self.g(0, 9)} away"),
            ("gateway/channels/parrot", "INFO", f"room sync complete; stream errors so far: 0"),
            ("gateway/channels/rocketchat", "DEBUG", f"keepalive ok in {self.g(5, 90)}ms; reconnect budget unchanged"),
        ]
        sub, level, msg = self.rng.choice(choices)
        return [(0, ("sub", sub, level, msg, None))]


# ----------------------------------------------------------------------------------------------
# Time stamping


class Clock:
    """Per-minute prefix cache plus per-millisecond-in-minute tables."""

    def __init__(self, offset_min: int, host: str, pid: int, fmt: str):
        self.off_ms = offset_min * 60_000
        sign = "+" if offset_min >= 0 else "-"
        hh, mm = divmod(abs(offset_min), 60)
        off_colon, off_plain = f"{sign}{hh:02d}:{mm:02d}", f"{sign}{hh:02d}{mm:02d}"
        # r = milliseconds into the minute -> "SS.mmm+08:00" etc.
        self.sec_local = [f"{r // 1000:02d}.{r % 1000:03d}{off_colon}" for r in range(60_000)]
        self.sec_local_sp = [s + " " for s in self.sec_local]
        self.sec_utc = [f"{r // 1000:02d}.{r % 1000:03d}Z" for r in range(60_000)]
        jsec = [f"{s:02d}{off_plain} {host} node[{pid}]: " for s in range(60)]
        self.sec_journal = [jsec[r // 1000] for r in range(60_000)]
        # The same as bytes for the hot loop, only what the format needs.
        self.b_local = [x.encode() for x in self.sec_local] if fmt == "filelog" else None
        self.b_local_sp = [x.encode() for x in self.sec_local_sp] if fmt != "filelog" else None
        self.b_utc = [x.encode() for x in self.sec_utc] if fmt == "filelog" else None
        jsec_b = [x.encode() for x in jsec]
        self.b_journal = [jsec_b[r // 1000] for r in range(60_000)] if fmt == "journald" else None
        self._key = None

    def minute_b(self, t: int):
        start, local, utc = self.minute(t)
        return start, local.encode(), utc.encode()

    def minute(self, t: int):
        """(minute start in UTC ms, local prefix `YYYY-MM-DDTHH:MM:`, UTC prefix)."""
        start = t - (t + self.off_ms) % 60_000
        if start != self._key:
            epoch = dt.datetime(1970, 1, 1)
            local = epoch + dt.timedelta(milliseconds=start + self.off_ms)
            utc = epoch + dt.timedelta(milliseconds=start)
            self._key = start
            self._val = (start, local.strftime("%Y-%m-%dT%H:%M:"), utc.strftime("%Y-%m-%dT%H:%M:"))
        return self._val


# ----------------------------------------------------------------------------------------------
# The generator: ordinary traffic plus lifecycle episodes on an event heap


class Generator:
    def __init__(self, args):
        self.args = args
        self.fmt = args.format
        self.rng = random.Random(args.seed)
        self.ids = Ids(self.rng)
        self.clock = Clock(args.offset, args.host, args.pid, args.format)
        self.t = args.start_ms
        self.last_t = self.t
        self.heap: list = []
        self.seq = 0
        self.busy: set[str] = set()
        self.cur: list = []
        self.total_lines = 0
        self.life_lines = 0
        self.emitted = 0  # lines rendered one by one (lifecycle and periodic records)
        self.pieces_per_line = {"compact": 3, "journald": 5, "filelog": 7, "journald-json": 6}[self.fmt]
        if self.fmt == "journald-json":
            self.json_head, self.json_mid, self.json_tail = journal_json_parts(args.host, args.pid)
        self.counts: dict = {}
        self.maxima: dict = {}
        self.now = self.t
        self.boot_t = self.t
        self.wa_run = {acct: self.ids.uuid() for acct, _ in ACCOUNTS["whatsapp"]}
        self.wa_conn = {acct: self.ids.uuid() for acct, _ in ACCOUNTS["whatsapp"]}
        self.wa_up_since = {acct: self.t for acct, _ in ACCOUNTS["whatsapp"]}
        self.wa_handled = {acct: 0 for acct, _ in ACCOUNTS["whatsapp"]}
        self.body_cache: dict = {}

    # -- counting

    def count(self, *path, n=1):
        d = self.counts
        for key in path[:-1]:
            d = d.setdefault(key, {})
        d[path[-1]] = d.get(path[-1], 0) + n

    def peak(self, name, value):
        self.maxima[name] = max(self.maxima.get(name, 0), value)

    # -- rendering one record at a time (lifecycle lines, periodic records)

    def body(self, rec):
        if self.fmt == "filelog":
            return render_file(rec)
        return render_console(rec)

    def render(self, t: int, rec) -> str | None:
        body = self.body(rec)
        if body is None:
            return None
        start, lp, up = self.clock.minute(t)
        r = t - start
        if self.fmt == "filelog":
            a, b = body
            return a + up + self.clock.sec_utc[r] + b + lp + self.clock.sec_local[r] + '"}'
        line = lp + self.clock.sec_local_sp[r] + body
        if self.fmt == "journald":
            line = lp + self.clock.sec_journal[r] + line
        elif self.fmt == "journald-json":
            line = (self.json_head + str(t * 1000 + 347) + self.json_mid + json_text(line)
                    + self.json_tail.rstrip("\n"))
        return line

    def emit(self, rec, life: bool = True) -> bool:
        """Write a record at the current task time; lifecycle records count toward the 1 %."""
        t = max(self.now, self.last_t)
        line = self.render(t, rec)
        if line is None:
            return False
        self.cur.append((line + "\n").encode())
        self.emitted += 1
        self.last_t = t
        self.now = t + 1 + int(self.rng.random() * 4)
        if life:
            self.life_lines += 1
        return True

    def file_only(self) -> bool:
        return self.fmt == "filelog"

    # -- scheduling

    def start(self, gen, at: int, lock: str | None = None):
        self.seq += 1
        heapq.heappush(self.heap, (at, self.seq, gen, lock))
        if lock:
            self.busy.add(lock)

    def run_tasks(self, until: int):
        heap = self.heap
        while heap and heap[0][0] <= until:
            at, _, gen, lock = heapq.heappop(heap)
            self.now = max(at, self.last_t)
            try:
                delay = next(gen)
            except StopIteration:
                if lock:
                    self.busy.discard(lock)
                continue
            self.seq += 1
            heapq.heappush(heap, (self.now + max(1, int(delay)), self.seq, gen, lock))

    def next_task_time(self):
        return self.heap[0][0] if self.heap else NEVER

    # -- shared lifecycle pieces ------------------------------------------------------------

    def sub(self, subsystem, level, msg):
        return ("sub", subsystem, level, msg, None)

    def wa_close(self, acct, status, k, max_k=12):
        """A close that will be retried: structured records (file only) and line f."""
        err = self.rng.choice(WA_ERRS[status])
        delay = wa_backoff(self.rng, k)
        conn = self.wa_conn[acct]
        if self.file_only():
            self.emit(("mod", "web-reconnect", self.wa_run[acct], "INFO",
                       {"connectionId": conn, "status": status, "loggedOut": False, "reconnectAttempts": k,
                        "error": err}, "web reconnect: connection closed"))
            self.emit(("mod", "web-reconnect", self.wa_run[acct], "INFO",
                       {"connectionId": conn, "status": status, "reconnectAttempts": k, "maxAttempts": max_k,
                        "delayMs": delay}, "web reconnect: scheduling retry"))
            self.count("file_only", "web_reconnect_connection_closed")
            self.count("file_only", "web_reconnect_scheduling_retry")
        self.emit(self.sub("gateway/channels/whatsapp", "ERROR",
                           f"WhatsApp Web connection closed (status {status}). Retry {k}/{max_k} in "
                           f"{fmt_dur(delay)}… ({err})"))
        self.count("whatsapp", "closes_by_status", str(status))
        self.count("whatsapp", "retry_lines")
        self.count("whatsapp", "retry_lines_by_account", acct)
        self.peak("whatsapp_max_retry_attempt", k)
        return delay

    def wa_giveup(self, acct, status, k=12, max_k=12):
        conn = self.wa_conn[acct]
        if self.file_only():
            self.emit(("mod", "web-reconnect", self.wa_run[acct], "INFO",
                       {"connectionId": conn, "status": status, "loggedOut": False, "reconnectAttempts": k,
                        "error": self.rng.choice(WA_ERRS[status])}, "web reconnect: connection closed"))
            self.emit(("mod", "web-reconnect", self.wa_run[acct], "WARN",
                       {"connectionId": conn, "status": status, "reconnectAttempts": k, "maxAttempts": max_k},
                       "web reconnect: max attempts reached; continuing in degraded mode"))
            self.count("file_only", "web_reconnect_connection_closed")
            self.count("file_only", "web_reconnect_max_attempts")
        self.emit(self.sub("gateway/channels/whatsapp", "ERROR",
                           f"WhatsApp Web reconnect: max attempts reached ({k}/{max_k}). Stopping web monitoring."))
        self.count("whatsapp", "giveups")

    def wa_conflict_stop(self, acct):
        """Status 440 fail-fast (v2026.2.24 and later): line j."""
        conn = self.wa_conn[acct]
        err = WA_ERRS[440][0]
        if self.file_only():
            self.emit(("mod", "web-reconnect", self.wa_run[acct], "INFO",
                       {"connectionId": conn, "status": 440, "loggedOut": False, "reconnectAttempts": 1,
                        "error": err}, "web reconnect: connection closed"))
            self.emit(("mod", "web-reconnect", self.wa_run[acct], "WARN",
                       {"connectionId": conn, "status": 440, "error": err},
                       "web reconnect: non-retryable close status; stopping monitor"))
            self.count("file_only", "web_reconnect_connection_closed")
            self.count("file_only", "web_reconnect_non_retryable")
        self.emit(self.sub("gateway/channels/whatsapp", "ERROR",
                           "WhatsApp Web connection closed (status 440: session conflict). Resolve conflicting "
                           "WhatsApp Web sessions, then relink with `openclaw channels login --channel web`. "
                           "Stopping web monitoring."))
        self.count("whatsapp", "closes_by_status", "440")
        self.count("whatsapp", "conflict_stops")

    def wa_listen(self, acct):
        self.wa_conn[acct] = self.ids.uuid()
        self.wa_up_since[acct] = self.now
        self.emit(self.sub("gateway/channels/whatsapp", "INFO", WA_LISTENING))
        self.count("whatsapp", "connected")

    def provider_start(self, channel, acct):
        identity = dict(ACCOUNTS[channel])[acct]
        if channel == "whatsapp":
            self.wa_run[acct] = self.ids.uuid()
            msg = f"[{acct}] starting provider ({identity})"
        elif identity:
            msg = f"[{acct}] starting provider ({identity})"
        else:
            msg = f"[{acct}] starting provider"
        self.emit(self.sub(f"gateway/channels/{channel}", "INFO", msg))
        self.count("provider_starts", channel)

    def connected(self, channel, acct):
        """What a channel prints once it is up again (WhatsApp Listening, Slack connected)."""
        if channel == "whatsapp":
            self.wa_listen(acct)
        elif channel == "slack":
            self.emit(self.sub("gateway/channels/slack", "INFO", "slack socket mode connected"))
            self.count("slack", "connected")

    def auto_restart(self, channel, acct, n):
        delay = supervisor_backoff(self.rng, n)
        self.emit(self.sub(f"gateway/channels/{channel}", "INFO",
                           f"[{acct}] auto-restart attempt {n}/10 in {js_round(delay / 1000)}s"))
        self.count("supervisor", "auto_restarts", channel)
        self.peak("supervisor_max_restart_attempt", n)
        return delay

    def supervisor_giveup(self, channel, acct):
        self.emit(self.sub(f"gateway/channels/{channel}", "ERROR", f"[{acct}] giving up after 10 restart attempts"))
        self.count("supervisor", "giveups", channel)

    def channel_exit(self, channel, acct, err):
        self.emit(self.sub(f"gateway/channels/{channel}", "ERROR", f"[{acct}] channel exited: {err}"))
        self.count("supervisor", "channel_exits", channel)

    def health_restart(self, channel, acct, reason):
        self.emit(self.sub("gateway/health-monitor", "INFO",
                           f"[{channel}:{acct}] health-monitor: restarting (reason: {reason})"))
        self.count("health_restarts", reason)
        self.count("health_restarts_by_channel", channel)

    def until_health_check(self) -> int:
        """Milliseconds until the health monitor's next 5-minute check (plus its own latency)."""
        period = 300_000
        since = self.now - self.boot_t
        nxt = (since // period + 1) * period
        return nxt - since + self.rng.randrange(2, 40)

    # -- episodes (generators yielding the milliseconds to wait) -------------------------------

    def wa_account(self):
        return self.rng.choices([a for a, _ in ACCOUNTS["whatsapp"]], [60, 25, 15])[0]

    def ep_wa_blip(self):
        """A few transient closes, each retried with the real backoff, then a healthy socket."""
        rng, acct = self.rng, self.wa_account()
        status = rng.choices([428, 408, 500, 503, 515], [50, 25, 10, 8, 7])[0]
        n = rng.choices([1, 2, 3, 4, 5, 6], [55, 22, 11, 6, 4, 2])[0]
        yield 0
        for k in range(1, n + 1):
            delay = self.wa_close(acct, status, k)
            yield delay + rng.randrange(300, 2500)
            self.wa_listen(acct)
            if k < n:
                yield rng.randrange(1500, 50_000)  # dies again before 60 s: the counter keeps rising

    def ep_wa_flappy(self):
        """A socket that drops after minutes each time: the counter resets, `Retry 1/12` repeats."""
        rng, acct = self.rng, self.wa_account()
        status = rng.choice([428, 428, 408])
        yield 0
        for i in range(rng.randrange(3, 7)):
            if i:
                yield rng.randrange(70_000, 300_000)
            delay = self.wa_close(acct, status, 1)
            yield delay + rng.randrange(300, 2500)
            self.wa_listen(acct)

    def wa_failing_run(self, acct, status):
        """Retry 1/12 ... 11/12, then max attempts reached (12/12)."""
        rng = self.rng
        for k in range(1, 12):
            yield rng.randrange(2000, 40_000)  # the socket lives briefly, then is closed again
            delay = self.wa_close(acct, status, k)
            yield delay + rng.randrange(300, 2500)
            self.wa_listen(acct)
        yield rng.randrange(2000, 40_000)
        self.wa_giveup(acct, status)

    def ep_wa_retry_loop(self):
        """Issue #25591: a second WhatsApp Web session (440) or a dead network (428/408) makes every run
        fail 12 times; the supervisor restarts the channel with its own backoff, possibly up to giving up."""
        rng, acct = self.rng, self.wa_account()
        status = rng.choices([440, 428, 408], [70, 20, 10])[0]
        restarts = rng.choices(range(1, 11), [30, 18, 10, 7, 6, 5, 4, 3, 3, 14])[0]
        give_up = restarts == 10 and rng.random() < 0.6
        yield 0
        for cycle in range(restarts + 1):
            if cycle:
                yield self.auto_restart("whatsapp", acct, cycle)
                self.provider_start("whatsapp", acct)
                yield rng.randrange(1500, 4000)
                self.wa_listen(acct)
            if cycle == restarts and not give_up:
                break  # the user fixed it: this run stays up
            yield from self.wa_failing_run(acct, status)
        if give_up:
            yield rng.randrange(20, 400)
            self.supervisor_giveup("whatsapp", acct)
            if rng.random() < 0.7:
                yield self.until_health_check()
                self.health_restart("whatsapp", acct, "gave-up")
                yield rng.randrange(30, 300)
                self.provider_start("whatsapp", acct)
                yield rng.randrange(1500, 4000)
                self.wa_listen(acct)

    def ep_wa_conflict_failfast(self):
        """Status 440 as fail-fast (v2026.2.24+): stop, auto-restart, conflict again (issue #46188)."""
        rng, acct = self.rng, self.wa_account()
        restarts = rng.choices(range(1, 11), [15, 15, 12, 10, 8, 6, 5, 4, 4, 21])[0]
        give_up = restarts == 10 and rng.random() < 0.5
        yield 0
        for n in range(1, restarts + 1):
            self.wa_conflict_stop(acct)
            yield rng.randrange(5, 40)
            yield self.auto_restart("whatsapp", acct, n)
            self.provider_start("whatsapp", acct)
            yield rng.randrange(1500, 4000)
            self.wa_listen(acct)
            yield rng.randrange(2000, 30_000)
        if give_up:
            self.wa_conflict_stop(acct)
            yield rng.randrange(5, 40)
            self.supervisor_giveup("whatsapp", acct)

    def ep_wa_watchdog(self):
        """Quiet account: the 30-minute message watchdog forces a 499 reconnect (issues #62258, #54263)."""
        rng, acct = self.rng, self.wa_account()
        yield 0
        for i in range(rng.choice([1, 1, 2, 3])):
            if i:
                yield rng.randrange(31 * 60_000, 45 * 60_000)
            minutes = rng.randrange(30, 181)
            if self.file_only():
                self.emit(("mod", "web-heartbeat", self.wa_run[acct], "WARN",
                           {"connectionId": self.wa_conn[acct], "minutesSinceLastMessage": minutes,
                            "lastInboundAt": self.now - minutes * 60_000, "messagesHandled": self.wa_handled[acct]},
                           "Message timeout detected - forcing reconnect"))
                self.count("file_only", "web_heartbeat_message_timeout")
            self.emit(self.sub("gateway/channels/whatsapp/heartbeat", "WARN",
                               f"No messages received in {minutes}m - restarting connection"))
            self.count("whatsapp", "watchdog")
            yield rng.randrange(5, 60)
            delay = self.wa_close(acct, 499, 1)
            yield delay + rng.randrange(300, 2500)
            self.wa_listen(acct)

    def wa_logged_out_lines(self):
        self.emit(("con", "ERROR", "WhatsApp session logged out. Run: openclaw channels login"))
        self.emit(self.sub("gateway/channels/whatsapp", "ERROR",
                           "WhatsApp session logged out. Run `openclaw channels login --channel web` to relink."))
        self.count("whatsapp", "logouts")

    def ep_wa_logout(self):
        """401: the device was unlinked; restarts fail the same way until the user relinks."""
        rng, acct = self.rng, self.wa_account()
        yield 0
        self.wa_logged_out_lines()
        for n in range(1, rng.randrange(2, 6)):
            yield rng.randrange(5, 40)
            yield self.auto_restart("whatsapp", acct, n)
            self.provider_start("whatsapp", acct)
            yield rng.randrange(800, 3000)
            self.wa_logged_out_lines()
        yield rng.randrange(3 * 60_000, 25 * 60_000)  # the user relinks and restarts the channel
        self.provider_start("whatsapp", acct)
        yield rng.randrange(1500, 4000)
        self.wa_listen(acct)

    def ep_wa_setup_fail(self):
        """Network down at connect time (<= v2026.5.4): the run throws, the supervisor restarts it."""
        rng, acct = self.rng, self.wa_account()
        status = rng.choice([428, 408])
        message = "Connection Terminated" if status == 428 else "Connection was lost"
        yield 0
        for n in range(1, rng.randrange(2, 7)):
            err = jdump({"error": {"data": None, "isBoom": True, "isServer": False,
                                   "output": {"statusCode": status,
                                              "payload": {"statusCode": status, "error": BOOM_REASON[status],
                                                          "message": message}, "headers": {}}},
                         "date": self.iso_utc(self.now)})
            self.channel_exit("whatsapp", acct, err)
            yield rng.randrange(5, 40)
            yield self.auto_restart("whatsapp", acct, n)
            self.provider_start("whatsapp", acct)
            yield rng.randrange(3000, 20_000)
        self.wa_listen(acct)

    def ep_health(self, channel):
        """Health-monitor restarts on the 5-minute grid; stale-socket repeats on idle accounts (#49969)."""
        rng = self.rng
        acct = rng.choice([a for a, _ in ACCOUNTS[channel]])
        if channel == "telegram":
            reason = rng.choice(["stuck", "stuck", "stopped"])  # polling skips the stale-socket check
        else:
            reason = rng.choices(["stale-socket", "stuck", "disconnected", "stopped"], [55, 20, 20, 5])[0]
        repeats = rng.randrange(1, 5) if reason == "stale-socket" else rng.randrange(1, 3)
        yield 0
        for i in range(repeats):
            if i:
                yield rng.randrange(33 * 60_000, 38 * 60_000)
            yield self.until_health_check()
            self.health_restart(channel, acct, reason)
            yield rng.randrange(30, 400)
            self.provider_start(channel, acct)
            yield rng.randrange(1200, 5000)
            self.connected(channel, acct)

    def ep_telegram_conflict(self):
        """Two bot instances polling: getUpdates 409 retried without limit (backoff 2 s x1.8 to 30 s)."""
        rng = self.rng
        yield 0
        n = rng.choices([2, 4, 8, 16, 30], [30, 30, 20, 12, 8])[0]
        for k in range(1, n + 1):
            delay = backoff(rng, k, 2000, 30000, 1.8, 0.25)
            self.emit(self.sub("gateway/channels/telegram", "ERROR", TG_CONFLICT.format(dur=fmt_dur(delay))))
            self.count("telegram", "getupdates_conflicts")
            yield delay + rng.randrange(40, 1500)

    def ep_telegram_network(self):
        rng = self.rng
        yield 0
        for k in range(1, rng.randrange(2, 6)):
            delay = backoff(rng, k, 2000, 30000, 1.8, 0.25)
            err = rng.choice(["Network request for 'getUpdates' failed!", "fetch failed",
                              "connect ETIMEDOUT 149.154.167.220:443", "getaddrinfo EAI_AGAIN api.telegram.org"])
            self.emit(self.sub("gateway/channels/telegram", "ERROR",
                               f"Telegram network error: {err}; retrying in {fmt_dur(delay)}."))
            self.count("telegram", "network_errors")
            yield delay + rng.randrange(40, 3000)

    def ep_slack(self):
        """Socket Mode drops: `retry k/12 in Ns`; rarely all 12 fail and the channel exits."""
        rng = self.rng
        acct = rng.choice(["default", "default", "work"])
        event = rng.choices(["disconnect", "error", "unable_to_socket_mode_start"], [75, 15, 10])[0]
        full = rng.random() < 0.1
        n = 12 if full else rng.choices([1, 2, 3, 4], [55, 25, 12, 8])[0]
        yield 0
        for k in range(1, n + 1):
            delay = backoff(rng, k, 2000, 30000, 1.8, 0.25)
            suffix = " (Error: socket hang up)" if event == "error" else ""
            self.emit(self.sub("gateway/channels/slack", "ERROR",
                               f"slack socket disconnected ({event}). retry {k}/12 in {js_round(delay / 1000)}s{suffix}"))
            self.count("slack", "disconnects")
            self.peak("slack_max_retry_attempt", k)
            yield delay + rng.randrange(200, 3000)
        if full:
            self.channel_exit("slack", acct, f"Slack socket mode reconnect max attempts reached (12/12) after {event}")
            yield rng.randrange(5, 40)
            yield self.auto_restart("slack", acct, 1)
            self.provider_start("slack", acct)
            yield rng.randrange(800, 3000)
        self.connected("slack", acct)

    def ep_discord(self):
        rng = self.rng
        yield 0
        for _ in range(rng.choices([1, 2, 3], [70, 20, 10])[0]):
            code = rng.choices([1006, 1001, 1000, 4000], [75, 12, 8, 5])[0]
            self.emit(self.sub("gateway/channels/discord", "INFO", f"discord gateway: Gateway websocket closed: {code}"))
            self.count("discord", "closes_by_code", str(code))
            wait = rng.randrange(800, 5000)
            yield rng.randrange(1, 5)
            self.emit(self.sub("gateway/channels/discord", "INFO",
                               f"discord gateway: Gateway reconnect scheduled in {wait}ms (close, resume=true)"))
            self.count("discord", "reconnects_scheduled")
            yield wait + rng.randrange(200, 30_000)

    def ep_plugin(self):
        """A plugin channel with no channel rule of walog's: a socket that drops on a steady period
        and reconnects; or reconnects that fail until the plugin gives up, exits and is restarted."""
        rng = self.rng
        channel = rng.choice(PLUGIN_CHANNELS)
        acct = rng.choice(ACCOUNTS[channel])[0]
        sub = f"gateway/channels/{channel}"
        yield 0
        if rng.random() < 0.6:
            period = rng.choice([15_000, 20_000, 30_000, 60_000])
            for _ in range(rng.randrange(3, 12)):
                cause = rng.choice(["connection lost (code 1006)", "websocket closed: ping timeout",
                                    "stream error: read ECONNRESET"])
                self.emit(self.sub(sub, "WARN", f"[{acct}] {cause}; reconnecting in 2s"))
                self.count("plugins", "disconnects", channel)
                yield 2000 + rng.randrange(50, 400)
                self.emit(self.sub(sub, "INFO", f"[{acct}] connected"))
                self.count("plugins", "connects", channel)
                yield period - 2000 + rng.randrange(-500, 500)
            return
        tries = rng.randrange(3, 6)
        for k in range(1, tries + 1):
            delay = backoff(rng, k, 2000, 30000, 2.0, 0.1)
            self.emit(self.sub(sub, "WARN", f"[{acct}] disconnected; reconnecting in {js_round(delay / 1000)}s "
                                            f"(attempt {k}/{tries})"))
            self.count("plugins", "disconnects", channel)
            yield delay + rng.randrange(100, 900)
        self.emit(self.sub(sub, "ERROR", f"[{acct}] unable to connect after {tries} attempts"))
        self.count("plugins", "giveups", channel)
        yield rng.randrange(5, 40)
        self.channel_exit(channel, acct, f"unable to connect after {tries} attempts")
        yield rng.randrange(5, 40)
        yield self.auto_restart(channel, acct, 1)
        yield rng.randrange(800, 3000)
        self.emit(self.sub(sub, "INFO", f"[{acct}] connected"))
        self.count("plugins", "connects", channel)

    EPISODES = [
        # (method, lock, weight); the health monitor's lock is the channel it picks
        ("ep_wa_blip", "whatsapp", 30),
        ("ep_wa_flappy", "whatsapp", 6),
        ("ep_wa_retry_loop", "whatsapp", 6),
        ("ep_wa_conflict_failfast", "whatsapp", 3),
        ("ep_wa_watchdog", "whatsapp", 6),
        ("ep_wa_logout", "whatsapp", 2),
        ("ep_wa_setup_fail", "whatsapp", 3),
        ("ep_health", None, 8),
        ("ep_telegram_conflict", "telegram", 7),
        ("ep_telegram_network", "telegram", 3),
        ("ep_slack", "slack", 8),
        ("ep_discord", "discord", 8),
        ("ep_plugin", "plugins", 8),
    ]

    HEALTH_WEIGHTS = {"whatsapp": 55, "slack": 20, "telegram": 15, "discord": 10}

    def spawner(self):
        """Starts an episode whenever lifecycle lines fall below the target share."""
        rng = self.rng
        target = self.args.lifecycle_share
        while True:
            yield rng.expovariate(1 / 20_000)
            if len(self.busy) >= 4 or self.life_lines >= target * max(self.lines_so_far(), 1):
                continue
            free = [(m, lock, w) for m, lock, w in self.EPISODES if lock not in self.busy]
            if not free:
                continue
            method, lock, _ = rng.choices(free, [w for _, _, w in free])[0]
            if lock is None:  # health monitor: any channel that is not in an episode of its own
                lock = rng.choices(free_channels, [self.HEALTH_WEIGHTS[c] for c in free_channels])[0] \
                    if (free_channels := [c for c in self.HEALTH_WEIGHTS if c not in self.busy]) else None
                if lock is None:
                    continue
                self.start(self.ep_health(lock), self.now + 1, lock)
            else:
                self.start(getattr(self, method)(), self.now + 1, lock)

    def web_heartbeats(self):
        """File-only `web gateway heartbeat` records, every 60 s per WhatsApp account."""
        rng = self.rng
        accounts = [a for a, _ in ACCOUNTS["whatsapp"]]
        while True:
            yield 60_000 + rng.randrange(0, 40)
            for acct in accounts:
                self.wa_handled[acct] += rng.randrange(0, 4)
                self.emit(("mod", "web-heartbeat", self.wa_run[acct], "INFO",
                           {"connectionId": self.wa_conn[acct], "reconnectAttempts": 0,
                            "messagesHandled": self.wa_handled[acct],
                            "lastInboundAt": self.now - rng.randrange(1000, 1_800_000),
                            "authAgeMs": rng.randrange(1000, 90_000_000),
                            "uptimeMs": self.now - self.wa_up_since[acct]}, "web gateway heartbeat"), life=False)
                self.count("file_only", "web_heartbeat")

    def boot(self):
        """Gateway start: banner, health monitor, every account's provider start."""
        rng = self.rng
        yield 0
        for sub, msg in [("gateway", "agent model: anthropic/claude-sonnet-4-5"),
                         ("gateway", f"listening on ws://127.0.0.1:18789 (PID {self.args.pid})"),
                         ("gateway", f"log file: /tmp/openclaw/openclaw-{self.iso_local(self.now)[:10]}.log")]:
            self.emit(self.sub(sub, "INFO", msg), life=False)
            yield rng.randrange(1, 30)
        self.emit(self.sub("gateway/health-monitor", "INFO",
                           "started (interval: 300s, startup-grace: 60s, channel-connect-grace: 120s)"), life=False)
        for channel in ("whatsapp", "telegram", "slack", "discord"):
            for acct, _ in ACCOUNTS[channel]:
                yield rng.randrange(2, 60)
                self.provider_start(channel, acct)
        yield rng.randrange(1500, 4000)
        for acct, _ in ACCOUNTS["whatsapp"]:
            self.wa_listen(acct)
            yield rng.randrange(50, 900)
        for acct, _ in ACCOUNTS["slack"]:
            self.connected("slack", acct)
            yield rng.randrange(50, 900)

    def iso_utc(self, t):
        start, _, up = self.clock.minute(t)
        return up + self.clock.sec_utc[t - start]

    def iso_local(self, t):
        start, lp, _ = self.clock.minute(t)
        return lp + self.clock.sec_local[t - start]

    # -- main loop ----------------------------------------------------------------------------

    def build_pool(self):
        """Ordinary traffic pre-rendered as bytes: snippets of (gap before the line in ms, body)."""
        pool = TrafficPool(self.rng)
        snippets = []
        for _ in range(self.args.pool):
            rendered = []
            for gap, rec in pool.snippet():
                body = self.body(rec)
                if body is None:
                    continue
                if self.fmt == "filelog":
                    rendered.append((gap, body[0].encode(), body[1].encode()))
                elif self.fmt == "journald-json":
                    rendered.append((gap, (json_text(body) + self.json_tail).encode()))
                else:
                    rendered.append((gap, (body + "\n").encode()))
            snippets.append(tuple(rendered))
        # Gaps between snippets: mostly sub-second, sometimes a quiet few seconds.
        gaps = [int(self.rng.expovariate(1 / 120)) + 1 for _ in range(4096)]
        gaps += [self.rng.randrange(2000, 20_000) for _ in range(40)]
        return snippets, gaps

    def run(self, out):
        """Writes at least `size` bytes to `out`; returns the byte count.

        The hot loop is written out once per format, so that a line costs one `extend` of
        pre-encoded pieces and no branch on the format; `b"".join` then builds each chunk."""
        snippets, gaps = self.build_pool()
        self.start(self.boot(), self.t, "whatsapp")
        self.start(self.spawner(), self.t + 120_000)
        if self.fmt == "filelog":
            self.start(self.web_heartbeats(), self.t + 60_000)

        clock = self.clock
        sl, sl_sp, sz, sj = clock.b_local, clock.b_local_sp, clock.b_utc, clock.b_journal
        fmt = self.fmt
        choices = self.rng.choices
        size = self.args.size
        written = snippets_done = 0
        t = self.t
        m_start, lp, up = clock.minute_b(t)
        end = b'"}\n'
        if fmt == "journald-json":
            head, mid = self.json_head.encode(), self.json_mid.encode()
        while written < size:
            # Shrink the last chunks so the file ends close to the requested size.
            k = self.args.batch // (8 if fmt == "journald-json" else 1)  # its lines are ~8x longer
            if snippets_done:
                k = max(16, min(k, int((size - written) / (written / snippets_done) * 1.02) + 1))
            pieces = self.cur = []
            extend = pieces.extend
            nxt = self.next_task_time()
            for snip, gap in zip(choices(snippets, k=k), choices(gaps, k=k)):
                t += gap
                if fmt == "compact":
                    for dgap, body in snip:
                        t += dgap
                        if t >= nxt:
                            t, nxt = self.due_tasks(t)
                        r = t - m_start
                        if r >= 60_000:
                            m_start, lp, up = clock.minute_b(t)
                            r = t - m_start
                        extend((lp, sl_sp[r], body))
                elif fmt == "journald-json":
                    for dgap, body in snip:
                        t += dgap
                        if t >= nxt:
                            t, nxt = self.due_tasks(t)
                        r = t - m_start
                        if r >= 60_000:
                            m_start, lp, up = clock.minute_b(t)
                            r = t - m_start
                        extend((head, b"%d" % (t * 1000 + 347), mid, lp, sl_sp[r], body))
                elif fmt == "journald":
                    for dgap, body in snip:
                        t += dgap
                        if t >= nxt:
                            t, nxt = self.due_tasks(t)
                        r = t - m_start
                        if r >= 60_000:
                            m_start, lp, up = clock.minute_b(t)
                            r = t - m_start
                        extend((lp, sj[r], lp, sl_sp[r], body))
                else:
                    for dgap, a, b in snip:
                        t += dgap
                        if t >= nxt:
                            t, nxt = self.due_tasks(t)
                        r = t - m_start
                        if r >= 60_000:
                            m_start, lp, up = clock.minute_b(t)
                            r = t - m_start
                        extend((a, up, sz[r], b, lp, sl[r], end))
            data = b"".join(pieces)
            out.write(data)
            written += len(data)
            snippets_done += k
            self.total_lines = self.lines_so_far()
            self.emitted = 0
            self.cur = []
        self.t = t
        self.last_t = max(self.last_t, t)
        return written

    def lines_so_far(self) -> int:
        """Lines written plus those in the current chunk (one piece per single-rendered line)."""
        ordinary = (len(self.cur) - self.emitted) // self.pieces_per_line
        return self.total_lines + ordinary + self.emitted

    def due_tasks(self, t: int):
        """Runs the lifecycle and periodic tasks due by `t` (the next ordinary line's time).
        Returns that line's time (moved after any lifecycle line) and the next due time.

        Every task due at or before the previous ordinary line ran at that line's check, so a
        task stamped at max(due time, last lifecycle line) never goes back in time."""
        self.run_tasks(t)
        if self.last_t >= t:
            t = self.last_t + 1
        return t, self.next_task_time()


def expected_document(gen: Generator, args, written: int) -> dict:
    """The sidecar: parameters and lifecycle counts. Deterministic, like the log (no timings)."""
    c = gen.counts
    wa = c.get("whatsapp", {})
    doc = {
        "generator": {"version": GENERATOR_VERSION, "script_sha256": script_digest(), "seed": args.seed,
                      "size": args.size, "format": args.format, "start": args.start,
                      "offset_minutes": args.offset, "python": sys.version.split()[0]},
        "bytes": written,
        "lines": gen.total_lines,
        "lifecycle_lines": gen.life_lines,
        "first_time": gen.iso_local(args.start_ms),
        "last_time": gen.iso_local(gen.last_t),
        "whatsapp": {
            "closes": sum(wa.get("closes_by_status", {}).values()),
            "closes_by_status": dict(sorted(wa.get("closes_by_status", {}).items())),
            "retry_lines": wa.get("retry_lines", 0),
            "retry_lines_by_account": wa.get("retry_lines_by_account", {}),
            "max_retry_attempt": gen.maxima.get("whatsapp_max_retry_attempt", 0),
            "giveups": wa.get("giveups", 0),
            "conflict_stops": wa.get("conflict_stops", 0),
            "logouts": wa.get("logouts", 0),
            "watchdog": wa.get("watchdog", 0),
            "connected": wa.get("connected", 0),
        },
        "provider_starts": c.get("provider_starts", {}),
        "supervisor": {
            "auto_restarts": sum(c.get("supervisor", {}).get("auto_restarts", {}).values()),
            "auto_restarts_by_channel": c.get("supervisor", {}).get("auto_restarts", {}),
            "max_restart_attempt": gen.maxima.get("supervisor_max_restart_attempt", 0),
            "giveups": c.get("supervisor", {}).get("giveups", {}),
            "channel_exits": c.get("supervisor", {}).get("channel_exits", {}),
        },
        "health_restarts": sum(c.get("health_restarts", {}).values()),
        "health_restarts_by_reason": dict(sorted(c.get("health_restarts", {}).items())),
        "health_restarts_by_channel": c.get("health_restarts_by_channel", {}),
        "telegram": c.get("telegram", {}),
        "slack": dict(c.get("slack", {}), max_retry_attempt=gen.maxima.get("slack_max_retry_attempt", 0)),
        "discord": c.get("discord", {}),
        "plugins": c.get("plugins", {}),
        "file_only_records": c.get("file_only", {}),
    }
    return doc


def script_digest() -> str:
    with open(os.path.abspath(__file__), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def json_text(text: str) -> str:
    """A JSON string's content as journalctl writes it (UTF-8 kept, quotes and backslashes escaped)."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def journal_json_parts(host: str, pid: int) -> tuple[str, str, str]:
    """`journalctl -o json` around a stdout entry of the gateway's user service: the fields before
    `__REALTIME_TIMESTAMP`'s value, those between it and `MESSAGE`'s, and those after (with the newline)."""
    boot, machine = "8e2d4c6a1f3b4e5d9a7c0b1e2f3a4b5c", "4b1f0c2e9d8a7b6c5d4e3f2a1b0c9d8e"
    head = ('{"__CURSOR":"s=3f1c9a7e52b84d0b9c1e6f20a4d7b3c5;i=2c1f;b=' + boot + ';m=771032c70;t=64f4a73c6185b;'
            'x=9a8b7c6d5e4f3a2b","__REALTIME_TIMESTAMP":"')
    mid = ('","__MONOTONIC_TIMESTAMP":"31960804464","_BOOT_ID":"' + boot + '","PRIORITY":"6",'
           '"SYSLOG_FACILITY":"3","_UID":"1000","_GID":"1000","_CAP_EFFECTIVE":"0","_SELINUX_CONTEXT":"unconfined\\n",'
           '"_AUDIT_SESSION":"3","_AUDIT_LOGINUID":"1000","_SYSTEMD_OWNER_UID":"1000","_SYSTEMD_UNIT":"user@1000.service",'
           '"_SYSTEMD_SLICE":"user-1000.slice","_SYSTEMD_USER_SLICE":"app.slice","_MACHINE_ID":"' + machine + '",'
           '"_HOSTNAME":"' + host + '","_TRANSPORT":"stdout","_STREAM_ID":"5f0e1d2c3b4a59687766554433221100",'
           '"SYSLOG_IDENTIFIER":"node","_PID":"' + str(pid) + '","_COMM":"node","_EXE":"/usr/bin/node",'
           '"MESSAGE":"')
    tail = ('","_CMDLINE":"node /usr/lib/node_modules/openclaw/dist/index.js gateway --port 18789",'
            '"_SYSTEMD_CGROUP":"/user.slice/user-1000.slice/user@1000.service/app.slice/openclaw-gateway.service",'
            '"_SYSTEMD_USER_UNIT":"openclaw-gateway.service",'
            '"_SYSTEMD_INVOCATION_ID":"0a1b2c3d4e5f60718293a4b5c6d7e8f9"}\n')
    return head, mid, tail


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--size", type=parse_size, default=parse_size("100MiB"),
                   help="stop after at least this many bytes (e.g. 100MiB, 1GiB; default 100MiB)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--format", choices=["compact", "filelog", "journald", "journald-json"], default="compact")
    p.add_argument("--out", required=True, help="output path, or - for stdout")
    p.add_argument("--start", default="2026-04-20T08:00:00", help="local start time (default %(default)s)")
    p.add_argument("--offset", type=parse_offset, default=parse_offset("+08:00"),
                   help="the log's local UTC offset (default +08:00)")
    p.add_argument("--host", default="openclaw-vm", help="journald host name")
    p.add_argument("--pid", type=int, default=1630263, help="gateway PID (journald)")
    p.add_argument("--lifecycle-share", type=float, default=0.01, help="target share of lifecycle lines")
    p.add_argument("--pool", type=int, default=12_000, help="snippets of ordinary traffic to pre-render")
    p.add_argument("--batch", type=int, default=4096, help="snippets per write chunk")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    local = dt.datetime.fromisoformat(args.start)
    args.start_ms = int((local - dt.datetime(1970, 1, 1)).total_seconds() * 1000) - args.offset * 60_000

    began = time.perf_counter()
    gen = Generator(args)
    if args.out == "-":
        written = gen.run(sys.stdout.buffer)
    else:
        tmp = args.out + ".part"
        with open(tmp, "wb") as out:
            written = gen.run(out)
        os.replace(tmp, args.out)
    seconds = time.perf_counter() - began
    doc = expected_document(gen, args, written)
    if args.out != "-":
        with open(args.out + ".expected.json", "w") as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write("\n")
    if not args.quiet:
        print(f"generate.py: {written:,} bytes, {gen.total_lines:,} lines "
              f"({gen.life_lines:,} lifecycle, {100 * gen.life_lines / max(gen.total_lines, 1):.2f} %) "
              f"in {seconds:.2f} s = {written / seconds / 1e6:.0f} MB/s; {doc['first_time']} → {doc['last_time']}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
