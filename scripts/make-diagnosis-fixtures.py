#!/usr/bin/env python3
"""Writes the small logs under Fixtures/diagnoses/, one situation each, in the formats the
gateway really uses for them. Deterministic: rerun for the same bytes. Every file is read by a
person before it is committed; the expected findings are in the rule folder's `tests:` (Sources/WalogCore/Rules/openclaw/)."""
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


# --- 2026.4–2026.9 root causes and short excerpts (issue 10). Their own seeded generator, so
# the files above keep their bytes. Each situation has a near-miss control (`*-control.log`)
# that must not produce the finding.

rng2 = random.Random(2026)


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


def write_lines(name, lines):
    with open(OUT + name, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


# One line each: a short excerpt whose one line decides the matter.
write_lines("excerpt-boom-428.log", [
    '2026-05-01T04:00:03.241+02:00 [whatsapp] [default] channel exited: {"error":{"data":null,"isBoom":true,"isServer":false,"output":{"statusCode":428,"payload":{"statusCode":428,"error":"Precondition Required","message":"Connection Terminated"},"headers":{}}},"date":"2026-05-01T02:00:03.238Z"}',
])
write_lines("excerpt-login-408.log", [
    "Waiting for WhatsApp connection...",
    "Channel login failed: Error: status=408 Request Time-out WebSocket Error (Opening handshake has timed out)",
])
# Control: the login's socket was closed by the server (428), not timed out: no handshake time-out.
write_lines("excerpt-login-408-control.log", [
    "Waiting for WhatsApp connection...",
    "WhatsApp Web connection ended before fully opening. status=428 Precondition Required Connection Closed",
])
write_lines("excerpt-logged-out.log", [
    "2026-06-11T07:42:18.006+02:00 [whatsapp] session logged out. Run `openclaw channels login --channel whatsapp` to relink.",
])
write_lines("excerpt-conflict-440.log", [
    "09:14:02 [whatsapp] Web connection closed (status 440: session conflict). Resolve conflicting WhatsApp Web sessions, then restart the channel. To force a fresh QR, run `openclaw channels logout --channel whatsapp` before `openclaw channels login --channel whatsapp`. Stopping web monitoring.",
])
write_lines("excerpt-telegram-409.log", [
    "2026-08-19T07:44:02.611+00:00 [telegram][diag] polling cycle error reason=getUpdates conflict inFlight=1 outcome=error durationMs=412 offset=88213907 err=Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request; make sure that only one bot instance is running)",
])

# A quiet account: the watchdog reconnects it after 30+ idle minutes, three times.
log = Log(cest(2026, 4, 2, 1, 0, 0, 0), "pretty")
for minutes in (31, 62, 93):
    log.emit("whatsapp", f"No messages received in {minutes}m - restarting connection", 31 * 60)
log.write("watchdog-quiet-account.log")
# Control: one watchdog reconnect after a short idle time is no pattern.
log = Log(cest(2026, 4, 2, 1, 0, 0, 0), "pretty")
log.emit("whatsapp", "No messages received in 12m - restarting connection", 12 * 60)
log.write("watchdog-quiet-account-control.log")

# iMessage without Full Disk Access (#79795 shape), then the supervisor restarting it.
log = Log(datetime(2026, 5, 9, 8, 13, 30, 0, tzinfo=timezone(timedelta(hours=-7))), "compact")
log.emit("imessage", "[default] starting provider (imsg db=/Users/example/Library/Messages/chat.db)")
for attempt in (1, 2, 3):
    log.emit("imessage", "imsg rpc: failed to parse authorization denied (code: 23)", 0.4)
    log.emit("imessage", "imsg rpc: failed to parse The Messages database at /Users/example/Library/Messages/chat.db requires Full Disk Access permission.", 0.01)
    log.emit("imessage", "imsg rpc not ready after 30000ms (Error: imsg rpc exited (code 1))", 30)
    log.emit("imessage", "[default] channel exited: imsg rpc not ready (Error: imsg rpc exited (code 1))", 0.01)
    log.emit("imessage", f"[default] auto-restart attempt {attempt}/10 in {5 * 2 ** (attempt - 1)}s", 0.02)
    log.emit("imessage", "[default] starting provider (imsg db=/Users/example/Library/Messages/chat.db)", 5 * 2 ** (attempt - 1))
log.write("imessage-full-disk-access.log")
# Control: imsg rpc is slow once, then subscribes; no permission error, no restart loop.
log = Log(datetime(2026, 5, 9, 8, 13, 30, 0, tzinfo=timezone(timedelta(hours=-7))), "compact")
log.emit("imessage", "[default] starting provider (imsg db=/Users/example/Library/Messages/chat.db)")
log.emit("imessage", "imessage: watch.subscribe startup failed (attempt 1/3): Error: imsg rpc timeout (watch.subscribe)", 10)
log.emit("imessage", "[default] iMessage watch subscribed", 2)
log.write("imessage-full-disk-access-control.log")

# iMessage rpc lifecycle failures feeding auto-restart (no permission error: imsg itself).
log = Log(datetime(2026, 6, 14, 9, 30, 0, 0, tzinfo=timezone(timedelta(hours=-7))), "compact")
log.emit("imessage", "[default] starting provider (imsg db=/Users/example/Library/Messages/chat.db)")
for attempt in (1, 2, 3, 4):
    for sub in (1, 2, 3):
        log.emit("imessage", f"imessage: watch.subscribe startup failed (attempt {sub}/3): Error: imsg rpc timeout (watch.subscribe)", 10)
    log.emit("imessage", "[default] channel exited: imsg rpc timeout (watch.subscribe)", 0.05)
    log.emit("imessage", f"[default] auto-restart attempt {attempt}/10 in {5 * 2 ** (attempt - 1)}s", 0.02)
    log.emit("imessage", "[default] starting provider (imsg db=/Users/example/Library/Messages/chat.db)", 5 * 2 ** (attempt - 1))
log.write("imessage-rpc-restart-loop.log")


def liveness(elu, p99, max_ms, phase="channels.whatsapp.start-account"):
    return (f"liveness warning: reasons=event_loop_delay,cpu interval=30s eventLoopDelayP99Ms={p99} "
            f"eventLoopDelayMaxMs={max_ms} eventLoopUtilization={elu} cpuCoreRatio=1.004 active=4 waiting=2 queued=3 "
            f"phase={phase} recentPhases=sidecars.model-prewarm:1802ms")


# Event-loop starvation: liveness warnings at ELU ≈ 1, then WhatsApp 408s and a Telegram stall.
log = Log(cest(2026, 5, 8, 12, 0, 0, 0), "compact")
log.emit("whatsapp", "[default] starting provider (+15550003333)")
log.emit("telegram", "[default] starting provider (@walog_example_bot)", 0.2)
log.emit("whatsapp", "Listening for WhatsApp inbound messages (DM + all groups; no group allowlist configured).", 3)
for burst in range(3):
    log.emit("diagnostic", liveness("0.993", 4120.5 + burst * 100, 9877.1 + burst * 1000), 600)
    log.emit("diagnostic", liveness("0.998", 5233.9, 12011.4), 30)
    log.emit("whatsapp", f"WhatsApp Web connection closed (status 408). Retry 1/12 in {dur(2 + rng2.random())}… (status=408 Request Time-out Connection was lost)", 20)
    log.emit("whatsapp", "Listening for WhatsApp inbound messages (DM + all groups; no group allowlist configured).", 4)
    if burst == 1:
        log.emit("telegram", "Polling stall detected (no completed getUpdates for 125.0s); forcing restart. [diag inFlight=1 outcome=pending]", 40)
log.write("event-loop-starvation.log")
# Control: liveness warnings with a busy-but-healthy loop, and one unrelated close an hour later.
log = Log(cest(2026, 5, 8, 12, 0, 0, 0), "compact")
log.emit("whatsapp", "[default] starting provider (+15550003333)")
log.emit("whatsapp", "Listening for WhatsApp inbound messages (DM + all groups; no group allowlist configured).", 3)
log.emit("diagnostic", liveness("0.402", 47.2, 2877.3), 600)
log.emit("diagnostic", liveness("0.187", 21.3, 2619.3), 30)
log.emit("diagnostic", liveness("0.975", 14503.9, 24912.1, "startup"), 3600)
log.emit("whatsapp", "WhatsApp Web connection closed (status 428). Retry 1/12 in 2.3s… (status=428 Precondition Required Connection Closed)", 3600)
log.emit("whatsapp", "Listening for WhatsApp inbound messages (DM + all groups; no group allowlist configured).", 4)
log.write("event-loop-starvation-control.log")

# A health-monitor restart whose stop times out: nothing starts the channel again (#70024, #75480).
log = Log(cest(2026, 4, 30, 3, 0, 0, 0), "compact")
log.emit("slack", "[default] starting provider")
log.emit("slack", "socket mode connected", 1.5)
for attempt in (1, 2, 3, 4):
    log.emit("slack", f"socket disconnected (error). retry {attempt}/12 in {[2, 4, 7, 13][attempt - 1]}s (Error: pong timeout)", 1800 if attempt == 1 else [2, 4, 7, 13][attempt - 2])
log.emit("health-monitor", "[slack:default] health-monitor: restarting (reason: disconnected)", 20)
log.emit("slack", "[default] channel stop exceeded 5000ms after abort; continuing shutdown", 5)
log.emit("slack", "socket disconnected (error). retry 5/12 in 21s (undefined)", 8)
log.emit("slack", "slash handler failed: Failed to send a WebSocket message as the client is not ready", 4 * 3600)
log.write("stop-timeout-dead.log")
# Control: the timed-out stop completes and the channel starts and connects again.
log = Log(cest(2026, 4, 30, 3, 0, 0, 0), "compact")
log.emit("slack", "[default] starting provider")
log.emit("slack", "socket mode connected", 1.5)
log.emit("health-monitor", "[slack:default] health-monitor: restarting (reason: disconnected)", 1800)
log.emit("slack", "[default] channel stop exceeded 5000ms after abort; continuing shutdown", 5)
log.emit("slack", "[default] restarting after timed-out channel stop completed", 12)
log.emit("slack", "[default] starting provider", 0.1)
log.emit("slack", "socket mode connected", 1.6)
log.write("stop-timeout-dead-control.log")

# Two restart owners: health restarts keep resetting the supervisor's ladder to 1/10.
log = Log(cest(2026, 6, 20, 14, 0, 0, 0), "compact")
log.emit("discord", "[default] starting provider")
for round_ in range(4):
    for attempt in (1, 2, 3):
        log.emit("discord", "[default] channel exited: Error: Failed to resolve gateway URL (fetch failed)", 3)
        log.emit("discord", f"[default] auto-restart attempt {attempt}/10 in {5 * 2 ** (attempt - 1)}s", 0.02)
        log.emit("discord", "[default] starting provider", 5 * 2 ** (attempt - 1))
    log.emit("health-monitor", "[discord:default] health-monitor: restarting (reason: stopped)", 200)
    log.emit("discord", "[default] starting provider", 1)
log.write("restart-owners-fight.log")
# Control: the supervisor's ladder alone, no health restart in between.
log = Log(cest(2026, 6, 20, 14, 0, 0, 0), "compact")
log.emit("discord", "[default] starting provider")
for attempt in (1, 2, 3):
    log.emit("discord", "[default] channel exited: Error: Failed to resolve gateway URL (fetch failed)", 3)
    log.emit("discord", f"[default] auto-restart attempt {attempt}/10 in {5 * 2 ** (attempt - 1)}s", 0.02)
    log.emit("discord", "[default] starting provider", 5 * 2 ** (attempt - 1))
log.emit("discord", "discord gateway: Gateway websocket opened", 2)
log.write("restart-owners-fight-control.log")

# A webhook-mode plugin channel restarted for a "stale socket" every ~35 minutes.
log = Log(cest(2026, 7, 3, 9, 0, 0, 0), "compact")
log.emit("dingtalk", "[default] starting provider (webhook mode)")
for _ in range(4):
    log.emit("health-monitor", "[dingtalk:default] health-monitor: restarting (reason: stale-socket)", 35 * 60 + rng2.random() * 30)
    log.emit("dingtalk", "[default] starting provider (webhook mode)", 0.4)
log.write("stale-socket-plugin.log")
# Control: a WhatsApp account's stale-socket restart is the quiet-account finding, not this one.
log = Log(cest(2026, 7, 3, 9, 0, 0, 0), "compact")
log.emit("whatsapp", "[default] starting provider (+15550004444)")
log.emit("whatsapp", "Listening for WhatsApp inbound messages (DM + all groups; no group allowlist configured).", 3)
log.emit("health-monitor", "[whatsapp:default] health-monitor: restarting (reason: stale-socket)", 35 * 60)
log.emit("whatsapp", "[default] starting provider (+15550004444)", 0.4)
log.write("stale-socket-plugin-control.log")

# launchd starting a second gateway every ~10 s while one runs (2026.5.28 shape).
lines = []
t = cest(2026, 6, 2, 18, 20, 1, 0)
for _ in range(6):
    lines.append(f"{t.isoformat(timespec='milliseconds')} [gateway] already running under launchd; existing gateway is healthy, exiting with code 78 to prevent launchd restart loop")
    t += timedelta(seconds=10 + rng2.random())
write_lines("launchd-exit-78.log", lines)
# Control: one such exit (a manual `openclaw gateway` next to the service) is no loop.
write_lines("launchd-exit-78-control.log", [
    "2026-06-02T18:20:01.000+02:00 [gateway] already running under launchd; existing gateway is healthy, exiting with code 78 to prevent launchd restart loop",
])

# The crash-loop breaker trips and keeps every channel suppressed (2026.7.1-2, #133820).
write_lines("crash-loop-breaker.log", [
    "2026-08-31T04:12:08.955+02:00 [gateway] gateway restart-loop breaker tripped: 27 unclean boot(s) within 300000ms; suppressing channel/provider account auto-start. Inspect the stability bundle and fix the startup crash before restarting the service. Use channels.start to override.",
    "2026-08-31T04:12:09.730+02:00 [gateway] channel autostart suppressed by crash-loop breaker; refusing automatic start for feishu account ops. Use channels.start to override.",
    "2026-08-31T04:12:09.731+02:00 [gateway] channel autostart suppressed by crash-loop breaker; refusing automatic start for feishu account sales. Use channels.start to override.",
    "2026-08-31T05:28:00.002+02:00 [health-monitor] [feishu:ops] health-monitor: channel autostart suppressed; treating as expected stopped",
])
# Control: the breaker trips and recovers; channels start again.
write_lines("crash-loop-breaker-control.log", [
    "2026-08-31T04:12:08.955+02:00 [gateway] gateway restart-loop breaker tripped: 3 unclean boot(s) within 300000ms; suppressing channel/provider account auto-start. Inspect the stability bundle and fix the startup crash before restarting the service.",
    "2026-08-31T04:17:10.120+02:00 [gateway] gateway restart-loop breaker recovered; channel auto-start restored",
    "2026-08-31T04:17:10.400+02:00 [feishu] [ops] starting provider",
])

# A terminal disconnect that neither restarter repairs: the channel stays down.
log = Log(cest(2026, 7, 8, 10, 0, 0, 0), "compact")
log.emit("whatsapp", "[default] starting provider (+15550005555)")
log.emit("whatsapp", "Listening for WhatsApp inbound messages (DM + all groups; no group allowlist configured).", 3)
log.emit("whatsapp", "[default] channel exited: Error: WhatsApp Web session is no longer valid", 3600)
log.emit("whatsapp", "[default] auto-restart skipped, terminal disconnect", 0.01)
log.emit("health-monitor", "[whatsapp:default] health-monitor: skipping restart, terminal disconnect", 300)
log.emit("health-monitor", "[whatsapp:default] health-monitor: skipping restart, terminal disconnect", 300)
log.write("terminal-disconnect.log")
# Control: the account was relinked; it starts and connects again.
log = Log(cest(2026, 7, 8, 10, 0, 0, 0), "compact")
log.emit("whatsapp", "[default] starting provider (+15550005555)")
log.emit("whatsapp", "[default] auto-restart skipped, terminal disconnect", 3600)
log.emit("whatsapp", "[default] starting provider (+15550005555)", 600)
log.emit("whatsapp", "Listening for WhatsApp inbound messages (DM + all groups; no group allowlist configured).", 3)
log.write("terminal-disconnect-control.log")

# Slack Socket Mode leaking sockets toward the 10-connection cap (#128809 shape).
log = Log(utc(2026, 8, 24, 10, 0, 0, 0), "compact")
log.emit("slack", "[default] starting provider")
log.emit("slack", "slack socket mode reports 4 active connections for this Slack app", 2)
log.emit("slack", "socket mode connected", 0.1)
for n in (1, 2, 3):
    log.emit("slack", f"socket disconnected (disconnect); reconnecting in {2 * n}s (attempt {n}/∞)", 900)
    log.emit("slack", "socket mode connected", 2 * n)
log.emit("slack", "slack socket mode reports 9 active connections for this Slack app", 0.1)
log.emit("slack", 'socket-mode:SlackWebSocket:7 received {"type":"disconnect","reason":"too_many_websockets"}', 600)
log.emit("slack", "slack socket mode failed to start; retry 1/∞ in 2s reason=\"too_many_websockets\"", 0.1)
log.write("slack-socket-leak.log")
# Control: a second gateway briefly shares the app (2 connections), no cap in sight.
log = Log(utc(2026, 8, 24, 10, 0, 0, 0), "compact")
log.emit("slack", "[default] starting provider")
log.emit("slack", "slack socket mode reports 2 active connections for this Slack app", 2)
log.emit("slack", "socket mode connected", 0.1)
log.write("slack-socket-leak-control.log")


# --- Normal operation in six formats (Fixtures/normal/): a day that needs no finding at warning
# or above: starts, connections, messages, one recovered 428, a healthy liveness sample, a Slack
# app with one connection, Telegram polling.
NORMAL = [
    # (seconds after start, console tag, file-log subsystem, console message, file-log message)
    (0, "health-monitor", "gateway/health-monitor", "started (interval: 300s, startup-grace: 60s, channel-connect-grace: 120s)", None),
    (0.5, "whatsapp", "gateway/channels/whatsapp", "[default] starting provider (+15550006666)", None),
    (0.7, "telegram", "gateway/channels/telegram", "[default] starting provider (@walog_example_bot)", None),
    (0.9, "slack", "gateway/channels/slack", "[default] starting provider", None),
    (2.1, "slack", "gateway/channels/slack", "slack socket mode reports 1 active connections for this Slack app", None),
    (2.2, "slack", "gateway/channels/slack", "socket mode connected", None),
    (3.7, "whatsapp", "gateway/channels/whatsapp", "Listening for WhatsApp inbound messages (DM + all groups; no group allowlist configured).", None),
    (320, "whatsapp", "gateway/channels/whatsapp", "Inbound message +15550007777 -> +15550006666 (direct, 62 chars)", None),
    (900, "diagnostic", "diagnostic", "liveness warning: reasons=event_loop_delay interval=30s eventLoopDelayP99Ms=1210.4 eventLoopDelayMaxMs=2390.2 eventLoopUtilization=0.412 cpuCoreRatio=0.38 active=1 waiting=0 queued=0", None),
    (2400, "whatsapp", "gateway/channels/whatsapp", "Web connection closed (status 428). Retry 1/12 in 2.4s… (status=428 Precondition Required Connection Closed)", "WhatsApp Web connection closed (status 428). Retry 1/12 in 2.4s… (status=428 Precondition Required Connection Closed)"),
    (2404.1, "whatsapp", "gateway/channels/whatsapp", "Listening for WhatsApp inbound messages (DM + all groups; no group allowlist configured).", None),
    (3000, "whatsapp", "gateway/channels/whatsapp", "Inbound message +15550007777 -> +15550006666 (direct, 90 chars)", None),
    (5400, "whatsapp", "gateway/channels/whatsapp", "Inbound message +15550007777 -> +15550006666 (direct, 41 chars)", None),
]


def normal(name, render, day, drops=False):
    """One day of the gateway; read as a folder, the six files are six different days."""
    start = cest(2026, 7, day, 9, 0, 0, 0)
    lines = [render(start + timedelta(seconds=offset), tag, subsystem, console, filelog or console)
             for offset, tag, subsystem, console, filelog in NORMAL
             if drops or "Web connection closed" not in console]
    with open("Fixtures/normal/" + name, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def filelog(t, subsystem, message):
    name = json.dumps({"subsystem": subsystem}, separators=(",", ":"))
    z = t.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return json.dumps({"0": name, "1": message, "_meta": {"runtime": "node", "runtimeVersion": "22.22.0", "hostname": "unknown",
                       "name": name, "parentNames": ["openclaw"], "date": z, "logLevelId": 3, "logLevelName": "INFO"},
                       "time": t.isoformat(timespec="milliseconds")}, separators=(",", ":"), ensure_ascii=False)


import json  # noqa: E402  (only the normal-operation files need it)

normal("compact.log", lambda t, tag, sub, c, f: f"{t.isoformat(timespec='milliseconds')} [{tag}] {c}", 14, drops=True)
normal("pretty.log", lambda t, tag, sub, c, f: f"{t.strftime('%H:%M:%S')} [{tag}] {c}", 15)
normal("journald.log", lambda t, tag, sub, c, f: f"{t.strftime('%Y-%m-%dT%H:%M:%S%z')} gw-host node[4242]: {t.isoformat(timespec='milliseconds')} [{tag}] {c}", 16)
normal("docker.log", lambda t, tag, sub, c, f: f"openclaw-gateway  | {t.astimezone(timezone.utc).isoformat(timespec='milliseconds').replace('+00:00', 'Z')} [{tag}] {c}", 17)
normal("file-log.log", lambda t, tag, sub, c, f: filelog(t, sub, f), 18, drops=True)
normal("logs-plain.log", lambda t, tag, sub, c, f: f"{t.astimezone(timezone.utc).isoformat(timespec='milliseconds').replace('+00:00', 'Z')} info {sub} {json.dumps({'subsystem': sub}, separators=(',', ':'))} {f}", 19)


# A "host thaw" that was the gateway's own event loop stalling under load (#131046).
log = Log(cest(2026, 8, 27, 16, 0, 0, 0), "compact")
log.emit("discord", "[default] starting provider")
log.emit("discord", "discord gateway: Gateway websocket opened", 2)
log.emit("diagnostic", liveness("1.000", 16210.4, 58007.9, "channels.discord.turn"), 1200)
log.emit("health", "host thaw detected: process was frozen ~61042ms; restarting channels and refreshing health", 62)
log.emit("discord", "[default] starting provider", 0.3)
log.emit("discord", "discord gateway: Gateway websocket opened", 2.1)
log.write("host-thaw-under-load.log")
# Control: a laptop that really slept: a thaw with no liveness warning before it.
log = Log(cest(2026, 8, 27, 16, 0, 0, 0), "compact")
log.emit("discord", "[default] starting provider")
log.emit("discord", "discord gateway: Gateway websocket opened", 2)
log.emit("health", "host thaw detected: process was frozen ~5402113ms; restarting channels and refreshing health", 7200)
log.emit("discord", "[default] starting provider", 0.3)
log.emit("discord", "discord gateway: Gateway websocket opened", 2.1)
log.write("host-thaw-under-load-control.log")
