# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A Vigil backend written the way a Flask team would write it (the original web stack's guide uses
# Flask-SocketIO): the Vigil contract (CONTRACT.md) with Debian's python3-flask-socketio 5.3 on
# eventlet. Flask-SocketIO has no connection state recovery, so a client must rejoin its rooms and
# backfill after every reconnect. The same contract, users, test hooks and store format as
# contract-peer.mjs; see there for the decisions the contract leaves open.
#
# Run with Debian's interpreter (its modules live in /usr/lib/python3/dist-packages):
#   /usr/bin/python3 flask_peer.py
# Listens on 127.0.0.1 and prints `LISTENING <port>` on stdout once it accepts connections.
#
# Environment: PORT, SECRET_KEY, TOKEN_TTL_S, STORE_FILE, USERS_FILE, SOCKET_IO_PING_INTERVAL and
# SOCKET_IO_PING_TIMEOUT (ms, rounded to whole seconds: python-engineio cannot do less),
# SOCKET_IO_MAX_HTTP_BUFFER_SIZE, SOCKET_IO_CORS_ORIGINS, ALERT_RATE_LIMIT_PER_MINUTE,
# ALERT_RATE_WINDOW_MS, STATUS_INTERVAL_MS, EXIT_WITH_STDIN=1 (as contract-peer.mjs).
#
# Test hooks (admin token): POST /api/debug/config, /api/debug/emit, /api/debug/triage,
# /api/debug/drop, GET /api/debug/stats, as in contract-peer.mjs. Known python-engineio 4.3.4
# limit: after /api/debug/drop the server stops serving the session but leaves the WebSocket
# open, so a client only notices at its ping timeout.

import eventlet

eventlet.monkey_patch()

import base64  # noqa: E402
import hashlib  # noqa: E402
import hmac  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import secrets  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

import eventlet.wsgi  # noqa: E402
from flask import Flask, jsonify, request  # noqa: E402
from flask_socketio import ConnectionRefusedError, SocketIO, emit, join_room, leave_room  # noqa: E402

env = os.environ
STARTED = time.time()
SECRET = (env.get("SECRET_KEY") or secrets.token_hex(32)).encode()
TOKEN_TTL_S = int(env.get("TOKEN_TTL_S", "3600"))
MAX_BUFFER = int(env.get("SOCKET_IO_MAX_HTTP_BUFFER_SIZE", "1000000"))
CORS_ORIGINS = [o.strip() for o in env.get(
    "SOCKET_IO_CORS_ORIGINS", "http://localhost:5173,http://localhost:3000").split(",") if o.strip()]
STORE_FILE = env.get("STORE_FILE", "")
ROOM_RE = re.compile(r"^[a-z_]+_[a-zA-Z0-9]+$")
ID_RE = re.compile(r"^[A-Za-z0-9]{1,64}$")
PRIORITIES = {"high", "medium", "low", "info"}
CLINICAL_ROLES = {"nurse", "charge_nurse", "admin"}
PUBLISHER_ROLES = {"producer", "admin"}

config = {
    "leak_alerts": False,
    "ignore_acknowledge": False,
    "history_delay_ms": 0,
    "rate_limit": int(env.get("ALERT_RATE_LIMIT_PER_MINUTE", "10")),
    "rate_window_ms": int(env.get("ALERT_RATE_WINDOW_MS", "60000")),
}

if env.get("USERS_FILE"):
    with open(env["USERS_FILE"], encoding="utf-8") as f:
        USERS = json.load(f)
else:
    USERS = [
        {"username": "admin", "password": "admin-pass", "display_name": "Admin", "role": "admin", "hospitals": []},
        {"username": "nurse", "password": "nurse-pass", "display_name": "Nurse Joy", "role": "nurse", "hospitals": ["123", "456"]},
        {"username": "charge", "password": "charge-pass", "display_name": "Charge Nurse", "role": "charge_nurse", "hospitals": ["123", "456", "789"]},
        {"username": "producer", "password": "producer-pass", "display_name": "Risk engine", "role": "producer", "hospitals": []},
        {"username": "outsider", "password": "outsider-pass", "display_name": "Other site", "role": "nurse", "hospitals": ["999"]},
    ]


def now_iso():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# ------------------------------------------------------------------------------------------------
# Storage

alerts = []  # ascending seq
alerts_by_id = {}
triage = {}  # patient_id -> entry
patient_hospital = {}
last_seq = 0


def persist(record):
    # Written before anything is emitted: a stored alert survives a SIGKILL right after.
    if STORE_FILE:
        with open(STORE_FILE, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, separators=(",", ":")) + "\n")


def load_store():
    global last_seq
    if not STORE_FILE or not os.path.exists(STORE_FILE):
        return
    with open(STORE_FILE, encoding="utf-8") as f:
        for line in f:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line cut short by a crash
            if record.get("t") == "alert" and isinstance(record.get("alert"), dict):
                a = record["alert"]
                if a["id"] in alerts_by_id:
                    alerts_by_id[a["id"]].update(a)
                else:
                    alerts_by_id[a["id"]] = a
                    alerts.append(a)
                last_seq = max(last_seq, a["seq"])
                patient_hospital.setdefault(a["patient_id"], a["hospital_id"])
            elif record.get("t") == "triage" and isinstance(record.get("entry"), dict):
                e = record["entry"]
                triage[e["patient_id"]] = e
                patient_hospital.setdefault(e["patient_id"], e["hospital_id"])
    alerts.sort(key=lambda a: a["seq"])


# ------------------------------------------------------------------------------------------------
# Tokens: JWT HS256 by hand


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_token(user):
    now = int(time.time())
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64url(json.dumps({"sub": user["username"], "role": user["role"], "hospitals": user["hospitals"],
                                 "iat": now, "exp": now + TOKEN_TTL_S}).encode())
    signature = b64url(hmac.new(SECRET, f"{header}.{payload}".encode(), hashlib.sha256).digest())
    return f"{header}.{payload}.{signature}"


def verify_token(token):
    if not isinstance(token, str) or len(token) > 8192:
        return None
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        header = json.loads(b64url_decode(parts[0]))
        if not isinstance(header, dict) or header.get("alg") != "HS256":  # alg "none" included
            return None
        expected = hmac.new(SECRET, f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, b64url_decode(parts[2])):
            return None
        claims = json.loads(b64url_decode(parts[1]))
        if not isinstance(claims.get("sub"), str) or not isinstance(claims.get("exp"), (int, float)):
            return None
        if claims["exp"] <= time.time():
            return None
        hospitals = claims.get("hospitals") if isinstance(claims.get("hospitals"), list) else []
        return {"username": claims["sub"], "role": str(claims.get("role")), "hospitals": [str(h) for h in hospitals]}
    except (ValueError, TypeError, AttributeError):
        return None


# ------------------------------------------------------------------------------------------------
# Access rules (CONTRACT §2)


def sees_hospital(user, h):
    return user["role"] == "admin" or str(h) in user["hospitals"]


def room_error(user, room):
    if not isinstance(room, str) or not ROOM_RE.match(room):
        return "Invalid room name"
    if room == "triage_queue":
        return None if user["role"] in CLINICAL_ROLES else "Unauthorized"
    m = re.match(r"^hospital_([a-zA-Z0-9]+)$", room)
    if m:
        return None if sees_hospital(user, m.group(1)) else "Unauthorized"
    m = re.match(r"^patient_([a-zA-Z0-9]+)$", room)
    if m:
        if user["role"] == "admin":
            return None
        h = patient_hospital.get(m.group(1))
        return None if h is not None and sees_hospital(user, h) else "Unauthorized"
    return "Invalid room name"


def in_room(alert, room, user):
    if room == "triage_queue":
        return alert["priority"] == "high" and sees_hospital(user, alert["hospital_id"])
    return room in (f"patient_{alert['patient_id']}", f"hospital_{alert['hospital_id']}")


def socket_rooms_of(alert, with_triage):
    # triage_queue members sit in per-hospital sub-rooms (':' fails the room regex, so no client
    # can join them), so each receives only hospitals it may see.
    rooms = [f"patient_{alert['patient_id']}", f"hospital_{alert['hospital_id']}"]
    if with_triage:
        rooms += [f"triage_queue:{alert['hospital_id']}", "triage_queue:*"]
    return rooms


# ------------------------------------------------------------------------------------------------
# Alerts

INPUT_KEYS = {"patient_id", "hospital_id", "type", "priority", "title", "message", "data", "source"}


def validate_input(a):
    if not isinstance(a, dict):
        return "an alert must be a JSON object"
    for key in a:
        if key not in INPUT_KEYS:
            return f"unknown field: {key}"
    for key in ("patient_id", "hospital_id"):
        if not isinstance(a.get(key), str) or not ID_RE.match(a[key]):
            return f"{key}: required, 1 to 64 letters or digits"
    if a.get("priority") not in PRIORITIES:
        return "priority: one of high, medium, low, info"
    if not isinstance(a.get("title"), str) or not a["title"] or len(a["title"]) > 200:
        return "title: required, at most 200 characters"
    for key, limit in (("type", 100), ("message", 2000), ("source", 100)):
        v = a.get(key)
        if v is None:
            continue
        if not isinstance(v, str) or len(v) > limit or (key == "type" and not v):
            return f"{key}: a string of at most {limit} characters"
    d = a.get("data")
    if d is not None and not isinstance(d, dict):
        return "data: must be an object"
    return None


limiter = {}  # patient_id -> {"count", "suppressed"}


def rate_limited(alert):
    limit = config["rate_limit"]
    if not (isinstance(limit, int) and limit > 0):
        return False
    window = limiter.get(alert["patient_id"])
    if window is None:
        window = limiter[alert["patient_id"]] = {"count": 0, "suppressed": None}
        eventlet.spawn_after(config["rate_window_ms"] / 1000.0, close_window, alert["patient_id"])
    window["count"] += 1
    if window["count"] <= limit:
        return False
    s = window["suppressed"]
    if s is None:
        s = window["suppressed"] = {"count": 0, "first_seq": alert["seq"], "last_seq": alert["seq"],
                                    "hospital_id": alert["hospital_id"], "high": False}
    s["count"] += 1
    s["last_seq"] = alert["seq"]
    s["high"] = s["high"] or alert["priority"] == "high"
    return True


def close_window(patient_id):
    window = limiter.pop(patient_id, None)
    s = window and window["suppressed"]
    if not s:
        return
    summary = {"patient_id": patient_id, "hospital_id": s["hospital_id"], "count": s["count"],
               "first_seq": s["first_seq"], "last_seq": s["last_seq"]}
    rooms = socket_rooms_of({"patient_id": patient_id, "hospital_id": s["hospital_id"]}, s["high"])
    socketio.emit("alerts_suppressed", summary, to=rooms, namespace="/")


def store(a):
    global last_seq
    alert = {
        "id": secrets.token_hex(8),
        "seq": last_seq + 1,
        "patient_id": a["patient_id"],
        "hospital_id": a["hospital_id"],
        "type": a.get("type") or "generic",
        "priority": a["priority"],
        "title": a["title"],
        "message": a.get("message") or "",
        "data": a.get("data") or {},
        "source": a.get("source") or "",
        "created_at": now_iso(),
        "state": "active",
        "acknowledged_by": None,
        "acknowledged_at": None,
        "suppressed": False,
    }
    alert["suppressed"] = rate_limited(alert)
    persist({"t": "alert", "alert": alert})
    last_seq = alert["seq"]
    alerts.append(alert)
    alerts_by_id[alert["id"]] = alert
    patient_hospital.setdefault(alert["patient_id"], alert["hospital_id"])
    return alert


def broadcast(event, alert):
    if config["leak_alerts"]:
        socketio.emit(event, alert, namespace="/")
    else:
        socketio.emit(event, alert, to=socket_rooms_of(alert, alert["priority"] == "high"), namespace="/")


def publish(a):
    alert = store(a)
    if not alert["suppressed"]:
        broadcast("patient_alert", alert)
    return alert


def acknowledge(alert, user):
    if alert["state"] == "active":
        alert["state"] = "acknowledged"
        alert["acknowledged_by"] = user["username"]
        alert["acknowledged_at"] = now_iso()
        persist({"t": "alert", "alert": alert})
        broadcast("alert_updated", alert)
    return alert


def history(user, rooms, after_seq, limit):
    out = []
    for a in alerts:  # ascending seq
        if a["seq"] <= after_seq:
            continue
        if sees_hospital(user, a["hospital_id"]) and any(in_room(a, r, user) for r in rooms):
            out.append(a)
            if len(out) >= limit:
                break
    return out


def validate_triage(e):
    if not isinstance(e, dict):
        return "a triage entry must be a JSON object"
    for key in ("patient_id", "hospital_id"):
        if not isinstance(e.get(key), str) or not ID_RE.match(e[key]):
            return f"{key}: required"
    if not isinstance(e.get("acuity"), int) or isinstance(e.get("acuity"), bool) or not 1 <= e["acuity"] <= 5:
        return "acuity: an integer 1..5"
    if not isinstance(e.get("risk_score"), (int, float)) or not 0 <= e["risk_score"] <= 1:
        return "risk_score: a number 0..1"
    if e.get("status") not in ("waiting", "in_triage", "done"):
        return "status: waiting, in_triage or done"
    return None


def put_triage(e):
    now = now_iso()
    previous = triage.get(e["patient_id"], {})
    entry = {"patient_id": e["patient_id"], "hospital_id": e["hospital_id"], "display_name": e.get("display_name"),
             "acuity": e["acuity"], "risk_score": e["risk_score"], "status": e["status"],
             "waiting_since": e.get("waiting_since") or previous.get("waiting_since") or now, "updated_at": now}
    persist({"t": "triage", "entry": entry})
    triage[entry["patient_id"]] = entry
    patient_hospital.setdefault(entry["patient_id"], entry["hospital_id"])
    socketio.emit("triage_update", entry, to=[f"triage_queue:{entry['hospital_id']}", "triage_queue:*"], namespace="/")
    return entry


# ------------------------------------------------------------------------------------------------
# REST

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = MAX_BUFFER
socketio = SocketIO(
    app,
    async_mode="eventlet",
    cors_allowed_origins=CORS_ORIGINS,
    ping_interval=max(1, int(env.get("SOCKET_IO_PING_INTERVAL", "25000")) // 1000),
    ping_timeout=max(1, int(env.get("SOCKET_IO_PING_TIMEOUT", "60000")) // 1000),
    max_http_buffer_size=MAX_BUFFER,
)

join_attempts = {}
login_failures = {}


def fail(status, error, message, headers=None):
    response = jsonify({"error": error, "message": message})
    response.status_code = status
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def body():
    data = request.get_data(cache=True)
    if not data:
        return None
    return json.loads(data)


def current_user():
    h = request.headers.get("Authorization", "")
    return verify_token(h[7:]) if h.startswith("Bearer ") else None


@app.before_request
def check_origin():
    origin = request.headers.get("Origin")
    if origin is not None and origin not in CORS_ORIGINS:
        return fail(403, "forbidden_origin", "Origin not allowed")
    if request.method == "POST":
        try:
            body()
        except ValueError:
            return fail(400, "invalid_json", "The body is not valid JSON")
    return None


@app.errorhandler(413)
def too_large(_):
    return fail(413, "payload_too_large", "The body is too large")


@app.errorhandler(404)
def not_found(_):
    return fail(404, "not_found", f"No route for {request.method} {request.path}")


@app.errorhandler(405)
def wrong_method(_):
    return fail(404, "not_found", f"No route for {request.method} {request.path}")


@app.errorhandler(Exception)
def internal(e):
    print("request failed:", repr(e), file=sys.stderr)
    return fail(500, "internal", "Internal error")


@app.get("/api/health")
def health():
    return jsonify({"status": "ok", "version": "flask-peer", "uptime_s": int(time.time() - STARTED), "store": "jsonl"})


def throttled(keys):
    now = time.time()
    for key in keys:
        recent = [t for t in login_failures.get(key, []) if now - t < 60]
        login_failures[key] = recent
        if len(recent) >= 10:
            return True
    return False


@app.post("/api/auth/login")
def login():
    b = body() or {}
    username = b.get("username") if isinstance(b, dict) and isinstance(b.get("username"), str) else ""
    keys = [f"u:{username}", f"a:{request.remote_addr}"]
    if throttled(keys):
        return fail(429, "too_many_attempts", "Too many failed logins; try again later", {"Retry-After": "60"})
    user = next((u for u in USERS if u["username"] == username and u["password"] == b.get("password")), None)
    if user is None:
        for k in keys:
            login_failures[k].append(time.time())
        return fail(401, "invalid_credentials", "Wrong username or password")
    return jsonify({"access_token": sign_token(user), "token_type": "Bearer", "expires_in": TOKEN_TTL_S,
                    "user": {"username": user["username"], "display_name": user["display_name"],
                             "role": user["role"], "hospitals": user["hospitals"]}})


def authenticated(view):
    def wrapper(*args, **kwargs):
        user = current_user()
        if user is None:
            return fail(401, "unauthorized", "A valid bearer token is required")
        return view(user, *args, **kwargs)
    wrapper.__name__ = view.__name__
    return wrapper


@app.get("/api/alerts/history")
@authenticated
def get_history(user):
    q = request.args
    rooms = q.getlist("room")
    if q.get("patient_id"):
        rooms.append(f"patient_{q.get('patient_id')}")
    if q.get("hospital_id"):
        rooms.append(f"hospital_{q.get('hospital_id')}")
    if not rooms:
        return fail(400, "bad_request", "patient_id, hospital_id or room is required")
    try:
        after_seq = int(q.get("after_seq", "0"))
        limit = int(q.get("limit", "500"))
    except ValueError:
        return fail(400, "bad_request", "after_seq and limit must be integers")
    if after_seq < 0:
        return fail(400, "bad_request", "after_seq must be a non-negative integer")
    if not 1 <= limit <= 5000:
        return fail(400, "bad_request", "limit must be 1..5000")
    for r in rooms:
        e = room_error(user, r)
        if e == "Invalid room name":
            return fail(400, "bad_request", f"Invalid room name: {r}")
        if e:
            return fail(403, "forbidden", f"Not allowed to see {r}")
    if config["history_delay_ms"]:
        eventlet.sleep(config["history_delay_ms"] / 1000.0)
    return jsonify(history(user, rooms, after_seq, limit))


@app.get("/api/alerts/active")
@authenticated
def active(user):
    h = request.args.get("hospital_id")
    if h and not sees_hospital(user, h):
        return fail(403, "forbidden", f"Not allowed to see hospital {h}")
    return jsonify([a for a in alerts if a["state"] == "active" and sees_hospital(user, a["hospital_id"])
                    and (not h or a["hospital_id"] == h)])


@app.post("/api/alerts")
@authenticated
def post_alerts(user):
    if user["role"] not in PUBLISHER_ROLES:
        return fail(403, "forbidden", "Only producers and admins publish alerts")
    b = body()
    inputs = b if isinstance(b, list) else [b]
    for i, a in enumerate(inputs):
        e = validate_input(a)
        if e:
            return fail(400, "invalid_alert", f"[{i}] {e}" if isinstance(b, list) else e)
    stored = [publish(a) for a in inputs]
    response = jsonify(stored if isinstance(b, list) else stored[0])
    response.status_code = 201
    return response


@app.post("/api/alerts/<alert_id>/acknowledge")
@authenticated
def post_acknowledge(user, alert_id):
    if user["role"] not in CLINICAL_ROLES:
        return fail(403, "forbidden", "Not allowed to acknowledge")
    alert = alerts_by_id.get(alert_id)
    if alert is None or not sees_hospital(user, alert["hospital_id"]):
        return fail(404, "not_found", "No such alert")
    return jsonify(acknowledge(alert, user))


@app.get("/api/triage/queue")
@authenticated
def triage_queue(user):
    h = request.args.get("hospital_id")
    if h and not sees_hospital(user, h):
        return fail(403, "forbidden", f"Not allowed to see hospital {h}")
    return jsonify([e for e in triage.values() if sees_hospital(user, e["hospital_id"]) and (not h or e["hospital_id"] == h)])


def socket_status():
    namespace_rooms = socketio.server.manager.rooms.get("/", {})
    sids = namespace_rooms.get(None, {})
    rooms = {name: len(members) for name, members in namespace_rooms.items()
             if isinstance(name, str) and ROOM_RE.match(name) and name not in sids}
    return {"active_connections": len(socketio.server.eio.sockets), "rooms": rooms,
            "uptime_s": int(time.time() - STARTED)}


@app.get("/api/status/socket")
@authenticated
def status_socket(user):
    if user["role"] != "admin":
        return fail(403, "forbidden", "Admins only")
    return jsonify(socket_status())


@app.route("/api/debug/<action>", methods=["GET", "POST"])
@authenticated
def debug(user, action):
    if user["role"] != "admin" and not (action == "triage" and user["role"] in PUBLISHER_ROLES):
        return fail(403, "forbidden", "Admins only")
    b = body() if request.method == "POST" else None
    if request.method == "POST" and action == "drop":
        inputs = b.get("publish", []) if isinstance(b, dict) and isinstance(b.get("publish"), list) else []
        for a in inputs:
            e = validate_input(a)
            if e:
                return fail(400, "invalid_alert", e)
        eio = socketio.server.eio
        dropped = len(eio.sockets)
        for eio_sid in list(eio.sockets):
            eio.disconnect(eio_sid)
        return jsonify({"dropped": dropped, "alerts": [publish(a) for a in inputs]})
    if request.method == "POST" and action == "config":
        for key in config:
            if isinstance(b, dict) and key in b:
                config[key] = b[key]
        return jsonify(config)
    if request.method == "POST" and action == "emit":
        b = b if isinstance(b, dict) else {}
        room = b.get("room") if isinstance(b.get("room"), str) else None
        socketio.emit(str(b.get("event")), b.get("payload"), to=room, namespace="/")
        return jsonify({"ok": True})
    if request.method == "POST" and action == "triage":
        e = validate_triage(b)
        if e:
            return fail(400, "invalid_triage_entry", e)
        response = jsonify(put_triage(b))
        response.status_code = 201
        return response
    if request.method == "GET" and action == "stats":
        return jsonify({"joins": join_attempts, "connections": len(socketio.server.eio.sockets)})
    return fail(404, "not_found", f"No route for {request.method} {request.path}")


# ------------------------------------------------------------------------------------------------
# Socket.IO

users_by_sid = {}


@socketio.on("connect", namespace="/")
def on_connect(auth):
    user = verify_token(auth.get("token") if isinstance(auth, dict) else None)
    if user is None:
        raise ConnectionRefusedError("Unauthorized", {"code": 401})
    users_by_sid[request.sid] = user


@socketio.on("disconnect", namespace="/")
def on_disconnect():
    users_by_sid.pop(request.sid, None)


def refuse(message):
    emit("error", {"message": message})
    return {"ok": False, "error": message}


def room_of(payload):
    return payload if isinstance(payload, str) else payload.get("room") if isinstance(payload, dict) else None


@socketio.on("join_room", namespace="/")
def on_join_room(payload=None):
    user = users_by_sid.get(request.sid)
    if user is None:
        return refuse("Unauthorized")
    room = room_of(payload)
    if isinstance(room, str):
        join_attempts[room] = join_attempts.get(room, 0) + 1
    error = room_error(user, room)
    if error:
        return refuse(error)
    join_room(room)
    if room == "triage_queue":
        for r in (["triage_queue:*"] if user["role"] == "admin" else [f"triage_queue:{h}" for h in user["hospitals"]]):
            join_room(r)
    return {"ok": True, "room": room}


@socketio.on("leave_room", namespace="/")
def on_leave_room(payload=None):
    room = room_of(payload)
    if not isinstance(room, str) or not ROOM_RE.match(room):
        return refuse("Invalid room name")
    leave_room(room)
    if room == "triage_queue":
        for r in list(socketio.server.rooms(request.sid, namespace="/")):
            if isinstance(r, str) and r.startswith("triage_queue:"):
                leave_room(r)
    return {"ok": True}


@socketio.on("acknowledge_alert", namespace="/")
def on_acknowledge(payload=None):
    if config["ignore_acknowledge"]:
        return None
    user = users_by_sid.get(request.sid)
    if user is None or user["role"] not in CLINICAL_ROLES:
        return refuse("Unauthorized")
    alert = alerts_by_id.get(payload.get("alert_id")) if isinstance(payload, dict) and isinstance(payload.get("alert_id"), str) else None
    if alert is None or not sees_hospital(user, alert["hospital_id"]):
        return refuse("Not found")
    return {"ok": True, "alert": acknowledge(alert, user)}


@socketio.on("publish_alert", namespace="/")
def on_publish(payload=None):
    user = users_by_sid.get(request.sid)
    if user is None or user["role"] not in PUBLISHER_ROLES:
        return refuse("Unauthorized")
    a = payload.get("alert") if isinstance(payload, dict) else None
    error = validate_input(a)
    if error:
        return refuse(error)
    return {"ok": True, "alert": publish(a)}


@socketio.on("connect", namespace="/monitor")
def on_monitor_connect(auth):
    user = verify_token(auth.get("token") if isinstance(auth, dict) else None)
    if user is None:
        raise ConnectionRefusedError("Unauthorized", {"code": 401})
    if user["role"] != "admin":
        raise ConnectionRefusedError("Forbidden", {"code": 403})
    # Sent before the CONNECT ack (python-socketio's order); clients buffer it.
    emit("socket_status", socket_status())


def status_loop():
    while True:
        socketio.sleep(int(env.get("STATUS_INTERVAL_MS", "5000")) / 1000.0)
        socketio.emit("socket_status", socket_status(), namespace="/monitor")


@socketio.on_error_default
def on_error(e):
    if isinstance(e, ConnectionRefusedError):
        raise e  # a refused CONNECT, not a failure: python-socketio answers CONNECT_ERROR
    # Nothing a client sends may crash the server or drop the connection.
    print("handler failed:", repr(e), file=sys.stderr)
    return {"ok": False, "error": "Internal error"}


def watch_stdin():
    # Exit when the parent test's end of the pipe closes, so a crashed test leaves no server.
    from eventlet.green import os as green_os
    # green os.read only yields to other green threads on a non-blocking descriptor.
    os.set_blocking(0, False)
    while green_os.read(0, 1024):
        pass
    os._exit(0)


if __name__ == "__main__":
    load_store()
    listener = eventlet.listen(("127.0.0.1", int(env.get("PORT", "0"))))
    print(f"LISTENING {listener.getsockname()[1]}", flush=True)
    socketio.start_background_task(status_loop)
    if env.get("EXIT_WITH_STDIN") == "1":
        eventlet.spawn(watch_stdin)
    eventlet.wsgi.server(listener, app, log_output=False, log=open(os.devnull, "w"))
