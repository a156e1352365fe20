#!/usr/bin/env python3
"""Writes Fixtures/seeds/001-78-conflicts.log: a macOS gateway (v2026.2.2-3, compact console
style as launchd captures it) whose WhatsApp account loops on status 440 because a second
WhatsApp Web session (wacli) holds the same account. 78 status-440 closes in 8 retry runs:
7 runs given up at 12/12 and auto-restarted by the supervisor, then a health-monitor restart
('stuck') that resets the supervisor's counter, and an eighth run that the log ends in.
Ordinary gateway traffic is interleaved. Deterministic: run it again for the same bytes."""
import random
from datetime import datetime, timedelta, timezone

rng = random.Random(25591)
zone = timezone(timedelta(hours=-8))
t = datetime(2026, 2, 4, 9, 12, 3, 118000, tzinfo=zone)
lines = []

def emit(tag, message, step=0.0):
    global t
    t += timedelta(seconds=step)
    stamp = t.isoformat(timespec="milliseconds")
    lines.append(f"{stamp} [{tag}] {message}" if tag else f"{stamp} {message}")

def noise(count):
    for _ in range(count):
        kind = rng.randrange(5)
        if kind == 0:
            emit("ws", f"webchat connected conn={rng.getrandbits(32):08x} remote=127.0.0.1 client=openclaw-control-ui", rng.uniform(0.2, 3))
        elif kind == 1:
            emit("agent/embedded", f"run {rng.getrandbits(32):08x} finished in {rng.randrange(900, 9000)}ms (model=anthropic/claude-sonnet-4-5, tools=2)", rng.uniform(0.2, 3))
        elif kind == 2:
            emit("cron", f"job heartbeat-check ran in {rng.randrange(3, 40)}ms", rng.uniform(0.2, 3))
        elif kind == 3:
            emit("telegram", f"inbound message from chat {rng.randrange(10**8, 10**9)} (text, 42 chars)", rng.uniform(0.2, 3))
        else:
            emit("gateway", f"config reload check: unchanged ({rng.randrange(1, 9)}ms)", rng.uniform(0.2, 3))

def delay(attempt):
    base = min(30.0, 2.0 * 1.8 ** (attempt - 1))
    return round(min(30.0, base * (1 + 0.25 * rng.random())), 2)

def fmt(seconds):
    return f"{seconds:.2f}".rstrip("0").rstrip(".") + "s"

def run(closes, give_up):
    for attempt in range(1, closes + 1):
        emit("whatsapp", "Listening for personal WhatsApp inbound messages.", rng.uniform(1.5, 3))
        noise(rng.randrange(0, 2))
        wait = delay(attempt)
        emit("whatsapp", f"Web connection closed (status 440). Retry {attempt}/12 in {fmt(wait)}… (status=440 Unknown Stream Errored (conflict))", rng.uniform(2, 5))
        t_next = wait
        noise(1)
        globals()["t"] += timedelta(seconds=max(0.0, t_next - 1))
    if give_up:
        emit("whatsapp", "Listening for personal WhatsApp inbound messages.", rng.uniform(1.5, 3))
        emit("whatsapp", "Web reconnect: max attempts reached (12/12). Stopping web monitoring.", rng.uniform(2, 5))

emit("gateway", "listening on ws://127.0.0.1:18789 (PID 48211)")
emit("health-monitor", "started (interval: 300s, grace: 60s)", 0.4)
emit("whatsapp", "[default] starting provider (+15550104477)", 0.9)
noise(3)
for cycle in range(7):
    run(11, give_up=True)
    seconds = [5, 10, 20, 40, 80, 160, 300][cycle]
    emit("whatsapp", f"[default] auto-restart attempt {cycle + 1}/10 in {seconds}s", 0.01)
    noise(2)
    globals()["t"] += timedelta(seconds=seconds)
    emit("whatsapp", "[default] starting provider (+15550104477)", 0.05)
emit("health-monitor", "[whatsapp:default] health-monitor: restarting (reason: stuck)", 3.2)
emit("whatsapp", "[default] starting provider (+15550104477)", 1.1)
run(1, give_up=False)
noise(4)

with open("Fixtures/seeds/001-78-conflicts.log", "w", encoding="utf-8") as out:
    out.write("\n".join(lines) + "\n")
