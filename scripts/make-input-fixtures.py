#!/usr/bin/env python3
"""Writes Fixtures/input/: the seed excerpt as gzip (two members), as UTF-16LE with a BOM
(PowerShell redirection), with CRLF line ends and ANSI colours, and a launchd
gateway.log/gateway.err.log pair (info lines in one file, errors in the other) that only
tells the story when merged by time. Deterministic."""
import gzip, io

seed = open("Fixtures/seeds/000-excerpt.log", encoding="utf-8").read().splitlines()

def gz_member(text):
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as out:
        out.write(text.encode("utf-8"))
    return buffer.getvalue()

half = len(seed) // 2
with open("Fixtures/input/seed-000.log.gz", "wb") as out:
    out.write(gz_member("\n".join(seed[:half]) + "\n") + gz_member("\n".join(seed[half:]) + "\n"))

with open("Fixtures/input/seed-000-utf16le.log", "wb") as out:
    out.write(b"\xff\xfe" + ("\r\n".join(seed) + "\r\n").encode("utf-16-le"))

colour = {"error": "\x1b[31m", "info": "\x1b[36m"}
lines = []
for line in seed:
    time, rest = line.split(" ", 1)
    tag, message = rest.split(" ", 1)
    level = "error" if ("closed" in message or "max attempts" in message) else "info"
    lines.append(f"{time} \x1b[90m{tag}\x1b[39m {colour[level]}{message}\x1b[39m")
with open("Fixtures/input/seed-000-crlf-ansi.log", "wb") as out:
    out.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))

# launchd: stdout → gateway.log, stderr (errors, warnings) → gateway.err.log, compact style.
day = "2026-02-20T"
events = [
    ("11:30:40.002", "out", "[whatsapp] [default] starting provider (+15550001111)"),
    ("11:30:44.517", "out", "[whatsapp] Listening for personal WhatsApp inbound messages."),
    ("11:30:49.901", "err", "[whatsapp] Web connection closed (status 440). Retry 1/12 in 2.27s… (status=440 Unknown Stream Errored (conflict))"),
    ("11:30:54.310", "out", "[whatsapp] Listening for personal WhatsApp inbound messages."),
    ("11:30:58.777", "err", "[whatsapp] Web connection closed (status 440). Retry 2/12 in 3.9s… (status=440 Unknown Stream Errored (conflict))"),
    ("11:31:04.012", "out", "[whatsapp] Listening for personal WhatsApp inbound messages."),
    ("11:31:08.640", "err", "[whatsapp] Web connection closed (status 440). Retry 3/12 in 7.2s… (status=440 Unknown Stream Errored (conflict))"),
    ("11:31:17.300", "out", "[health-monitor] [whatsapp:work] health-monitor: restarting (reason: stuck)"),
    ("11:31:17.402", "out", "[whatsapp] [work] starting provider (+15550002222)"),
    ("11:31:21.950", "out", "[whatsapp] Listening for personal WhatsApp inbound messages."),
    ("11:31:26.118", "err", "[whatsapp] Web connection closed (status 440). Retry 1/12 in 2.1s… (status=440 Unknown Stream Errored (conflict))"),
]
for stream, name in (("out", "gateway.log"), ("err", "gateway.err.log")):
    with open("Fixtures/input/launchd/" + name, "w", encoding="utf-8") as out:
        out.write("".join(f"{day}{time}-08:00 {text}\n" for time, s, text in events if s == stream))
