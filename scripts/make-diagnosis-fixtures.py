#!/usr/bin/env python3
"""Writes the small logs under Fixtures/diagnoses/, one situation each, in the formats the
gateway really uses for them. Deterministic: rerun for the same bytes. Every file is read by a
person before it is committed; the expected findings are in openclaw.yaml's `tests:`."""
import random
from datetime import datetime, timedelta, timezone

OUT = "Fixtures/diagnoses/"


class Log:
    """Builds lines with an advancing clock in one format."""

    def __init__(self, start, style, pid=4242, host="gw-host"):
        self.t = start
        self.style = style
        self.pid = pid
        self.host = host
        self.lines = []

    def wait(self, seconds):
        self.t += timedelta(seconds=seconds)

    def emit(self, tag, message, after=0.0, pid=None):
        self.wait(after)
        iso = self.t.isoformat(timespec="milliseconds")
        console = f"{iso} [{tag}] {message}" if tag else f"{iso} {message}"
        if self.style == "compact":
            self.lines.append(console)
        elif self.style == "journald":
            stamp = self.t.strftime("%Y-%m-%dT%H:%M:%S%z")
            self.lines.append(f"{stamp} {self.host} node[{pid or self.pid}]: {console}")
        elif self.style == "pretty":
            self.lines.append(f"{self.t.strftime('%H:%M:%S')} [{tag}] {message}")

    def write(self, name):
        with open(OUT + name, "w", encoding="utf-8") as out:
            out.write("\n".join(self.lines) + "\n")


def cest(*args):
    return datetime(*args, tzinfo=timezone(timedelta(hours=2)))


rng = random.Random(7)


def dur(seconds):
    return f"{seconds:.2f}".rstrip("0").rstrip(".") + "s"


# A v2026.4.x gateway under systemd, 440 fail-fast, and a second gateway process (another PID)
# on the same account: each replaces the other's session.
log = Log(cest(2026, 4, 12, 11, 30, 40, 2000), "journald", pid=1234)
log.lines.append("2026-04-12T11:30:39+0200 gw-host systemd[812]: Started openclaw-gateway.service - OpenClaw Gateway (v2026.4.11).")
log.emit("whatsapp", "[default] starting provider (+15550001111)")
log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 4.5)
log.emit("whatsapp", "[default] starting provider (+15550001111)", 30, pid=5678)
log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 3.1, pid=5678)
for cycle in range(3):
    for pid in (1234, 5678):
        log.emit("whatsapp", "Web connection closed (status 440: session conflict). Resolve conflicting WhatsApp Web sessions, then relink with `openclaw channels login --channel web`. Stopping web monitoring.", 20 + rng.random() * 5, pid=pid)
        delay = [5, 10, 20][cycle]
        log.emit("whatsapp", f"[default] auto-restart attempt {cycle + 1}/10 in {delay}s", 0.016, pid=pid)
        log.emit("whatsapp", "[default] starting provider (+15550001111)", delay, pid=pid)
        log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 2.2, pid=pid)
log.write("conflict-failfast.log")

# Status 401: the device was removed on the phone. v2026.4.x compact console (launchd).
log = Log(cest(2026, 4, 20, 8, 0, 1, 500000), "compact")
log.emit("whatsapp", "[work] starting provider (+15550002222)")
log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 3.2)
log.emit("whatsapp", "Web connection closed (status 401). Retry 1/12 in 2.31s… (status=401 Unauthorized Stream Errored (conflict))", 3600)
log.emit("", "WhatsApp session logged out. Run: openclaw channels login", 0.002)
log.emit("whatsapp", "session logged out. Run `openclaw channels login --channel web` to relink.", 0.001)
log.emit("whatsapp", "[work] auto-restart attempt 1/10 in 5s", 0.02)
log.emit("whatsapp", "[work] starting provider (+15550002222)", 5)
log.emit("whatsapp", "session logged out. Run `openclaw channels login --channel web` to relink.", 1.4)
log.emit("whatsapp", "[work] auto-restart attempt 2/10 in 10s", 0.02)
log.write("logged-out.log")

# The watchdog on a quiet account, v2026.3.x: every reconnect finds no message either.
log = Log(cest(2026, 3, 20, 22, 0, 0, 0), "compact")
log.emit("whatsapp", "[default] starting provider (+15550003333)")
log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 2.8)
idle = 31
for _ in range(5):
    log.emit("whatsapp", f"No messages received in {idle}m - restarting connection", idle * 60)
    wait = 2 + rng.random() * 0.5
    log.emit("whatsapp", f"Web connection closed (status 499). Retry 1/12 in {dur(wait)}… (status=499)", 0.01)
    log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", wait + 1)
    idle += 31
log.write("watchdog-flapping.log")

# Network trouble: DNS failures and a burst of 408/428 closes, each recovering.
log = Log(cest(2026, 4, 2, 6, 10, 0, 0), "compact")
log.emit("whatsapp", "[default] starting provider (+15550004444)")
log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 3)
for attempt, (status, err) in enumerate([
    (428, "status=428 Precondition Required Connection Terminated"),
    (408, "status=408 Request Time-out WebSocket Error (Opening handshake has timed out)"),
    (500, "status=500 Internal Server Error WebSocket Error (getaddrinfo ENOTFOUND web.whatsapp.com)"),
    (500, "status=500 Internal Server Error WebSocket Error (getaddrinfo ENOTFOUND web.whatsapp.com)"),
    (408, "status=408 Request Time-out Connection was lost"),
], start=1):
    wait = min(30, 2 * 1.8 ** (attempt - 1)) * (1 + 0.2 * rng.random())
    log.emit("whatsapp", f"Web connection closed (status {status}). Retry {attempt}/12 in {dur(wait)}… ({err})", 40 if attempt == 1 else 1)
    log.wait(wait)
log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 2)
log.write("network-trouble.log")

# A fresh QR link: WhatsApp asks for the usual restart (515), the gateway reconnects, all is well.
log = Log(cest(2026, 4, 5, 14, 2, 0, 0), "compact")
log.emit("whatsapp", "[default] starting provider (+15550005555)")
log.emit("whatsapp", "Web connection closed (status 515). Retry 1/12 in 2.12s… (status=515 Unknown Stream Errored (restart required))", 41)
log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 4)
for minute in range(6):
    log.emit("whatsapp", f"Inbound message +15550009999 -> +15550005555 (direct, {rng.randrange(10, 200)} chars)", 300)
log.write("pairing-515.log")

# The supervisor's ten restarts run out (a provider that keeps failing to connect).
log = Log(cest(2026, 4, 8, 3, 0, 0, 0), "compact")
log.emit("slack", "[default] starting provider")
for attempt in range(1, 11):
    log.emit("slack", "[default] channel exited: An API error occurred: invalid_auth", 1.2)
    delay = min(300, 5 * 2 ** (attempt - 1))
    log.emit("slack", f"[default] auto-restart attempt {attempt}/10 in {delay}s", 0.01)
    log.emit("slack", "[default] starting provider", delay)
log.emit("slack", "[default] channel exited: An API error occurred: invalid_auth", 1.2)
log.emit("slack", "[default] giving up after 10 restart attempts", 0.01)
log.write("supervisor-gave-up.log")

# A provider that cannot bind its port exits at once, again and again.
log = Log(cest(2026, 4, 9, 9, 0, 0, 0), "compact")
for attempt in range(1, 5):
    log.emit("msteams", "[default] starting provider (port 3978)", 0.5 if attempt == 1 else [5, 10, 20][attempt - 2])
    log.emit("msteams", "[default] channel exited: Error: listen EADDRINUSE: address already in use :::3978", 0.05)
    log.emit("msteams", f"[default] auto-restart attempt {attempt}/10 in {5 * 2 ** (attempt - 1)}s", 0.01)
log.write("provider-exits.log")

# A quiet WhatsApp account restarted for a "stale socket" every ~35 minutes.
log = Log(cest(2026, 3, 28, 1, 0, 0, 0), "compact")
log.emit("whatsapp", "[default] starting provider (+15550006666)")
log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 3)
for _ in range(4):
    log.emit("health-monitor", "[whatsapp:default] health-monitor: restarting (reason: stale-socket)", 35 * 60 + rng.randrange(-60, 60))
    log.emit("whatsapp", "[default] starting provider (+15550006666)", 0.3)
    log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 2.6)
log.write("stale-socket-quiet.log")

# A busy Discord bot called "stuck" during long agent runs.
log = Log(cest(2026, 3, 30, 16, 0, 0, 0), "compact")
log.emit("discord", "[default] starting provider")
for _ in range(3):
    log.emit("agent/embedded", "run started (session=discord:channel:1234567890, model=anthropic/claude-opus-4)", 60)
    log.emit("health-monitor", "[discord:default] health-monitor: restarting (reason: stuck)", 26 * 60)
    log.emit("discord", "[default] starting provider", 0.5)
log.write("discord-stuck.log")

# The health monitor reaches its hourly cap on an account that keeps disconnecting.
log = Log(cest(2026, 4, 15, 10, 0, 0, 0), "compact")
log.emit("whatsapp", "[default] starting provider (+15550007777)")
for round in range(10):
    log.emit("whatsapp", "Web connection closed (status 428). Retry 1/12 in 2.2s… (status=428 Precondition Required Connection Closed)", 5)
    log.emit("health-monitor", "[whatsapp:default] health-monitor: restarting (reason: disconnected)", 300)
    log.emit("whatsapp", "[default] starting provider (+15550007777)", 0.4)
log.emit("health-monitor", "[whatsapp:default] health-monitor: hit 10 restarts/hour limit, skipping", 300)
log.write("health-cap.log")

# Two Telegram pollers on one bot token.
log = Log(cest(2026, 4, 1, 12, 0, 0, 0), "compact")
log.emit("telegram", "[default] starting provider (@walog_example_bot)")
for _ in range(4):
    wait = 2 + rng.random() * 2
    log.emit("telegram", f"getUpdates conflict: Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request; make sure that only one bot instance is running); retrying in {dur(wait)}.", 30)
log.write("telegram-409.log")

# A connection that drops every few minutes and always reconnects: `Retry 1/12` forever.
log = Log(cest(2026, 4, 18, 20, 0, 0, 0), "compact")
log.emit("whatsapp", "[default] starting provider (+15550001212)")
log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 3)
for _ in range(6):
    wait = 2 + rng.random() * 0.5
    log.emit("whatsapp", f"Web connection closed (status 428). Retry 1/12 in {dur(wait)}… (status=428 Precondition Required Connection Terminated)", 240 + rng.randrange(0, 120))
    log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", wait + 1.5)
log.emit("whatsapp", f"Inbound message +15550009999 -> +15550001212 (direct, 42 chars)", 200)
log.write("recurring-drops.log")

# The gateway refuses a renamed config key after an upgrade and systemd restarts it forever.
lines = ["Apr 02 20:20:44 gw-host node[1700001]: [gateway] received SIGTERM; shutting down"]
pid = 2600000
t = cest(2026, 4, 2, 20, 20, 46, 0)
for restart in range(1, 7):
    stamp = t.strftime("%b %d %H:%M:%S")
    lines.append(f"{stamp} gw-host node[{pid}]: Config invalid")
    lines.append(f"{stamp} gw-host node[{pid}]: - channels.whatsapp.example: Unrecognized key: \"legacy\"")
    lines.append(f"{stamp} gw-host systemd[332]: openclaw-gateway.service: Main process exited, code=exited, status=1/FAILURE")
    lines.append(f"{stamp} gw-host systemd[332]: openclaw-gateway.service: Failed with result 'exit-code'.")
    t += timedelta(seconds=6)
    lines.append(f"{t.strftime('%b %d %H:%M:%S')} gw-host systemd[332]: openclaw-gateway.service: Scheduled restart job, restart counter is at {restart}.")
    t += timedelta(seconds=1)
    pid += 24
with open(OUT + "gateway-crash-loop.log", "w", encoding="utf-8") as out:
    out.write("\n".join(lines) + "\n")

# Normal operation: channels start, a transient close recovers, messages flow, a config reload.
log = Log(cest(2026, 4, 10, 9, 0, 0, 0), "compact")
log.emit("health-monitor", "started (interval: 300s, startup-grace: 60s, channel-connect-grace: 120s)")
log.emit("whatsapp", "[default] starting provider (+15550008888)", 0.5)
log.emit("telegram", "[default] starting provider (@walog_example_bot)", 0.2)
log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 3)
for step in range(20):
    log.emit("whatsapp", f"Inbound message +15550009999 -> +15550008888 (direct, {rng.randrange(10, 200)} chars)", rng.randrange(60, 400))
    log.emit("agent/embedded", f"run {rng.getrandbits(32):08x} finished in {rng.randrange(900, 9000)}ms", rng.uniform(1, 9))
    if step == 9:
        log.emit("whatsapp", "Web connection closed (status 428). Retry 1/12 in 2.4s… (status=428 Precondition Required Connection Closed)", 30)
        log.emit("whatsapp", "Listening for personal WhatsApp inbound messages.", 4.1)
log.write("normal-operation.log")
