// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A Vigil backend written the way a Node team would write it: node:http for the REST endpoints and
// the real socket.io 4.8.4 on the same port, implementing the Vigil contract (CONTRACT.md) with
// connection state recovery on. Vigil's client tests and the delivery test run against it, so the
// client is proven against a backend that is not vigil-server.
//
// Listens on 127.0.0.1 and prints `LISTENING <port>` on stdout once it accepts connections.
//
// Environment:
//   PORT                 port to listen on (default 0: the OS picks one)
//   SECRET_KEY           JWT signing key (default: random per start, so tokens die with the process)
//   TOKEN_TTL_S          token lifetime (default 3600)
//   STORE_FILE           JSON-lines file keeping alerts and triage entries across restarts; `seq`
//                        continues where it stopped (default: memory only)
//   USERS_FILE           JSON array of {username, password, display_name, role, hospitals} replacing
//                        the built-in test users (see USERS below)
//   CSR                  "0" turns connection state recovery off (default on)
//   SOCKET_IO_PING_INTERVAL, SOCKET_IO_PING_TIMEOUT   heartbeat in ms (defaults 25000 / 60000)
//   SOCKET_IO_MAX_HTTP_BUFFER_SIZE                    largest message / body (default 1000000)
//   SOCKET_IO_CORS_ORIGINS                            allowed Origins, comma separated
//   ALERT_RATE_LIMIT_PER_MINUTE   live emits per patient per window (default 10; 0: no limit)
//   ALERT_RATE_WINDOW_MS          the rate limiter's window (default 60000)
//   STATUS_INTERVAL_MS            socket_status period on /monitor (default 5000)
//   EXIT_WITH_STDIN=1    exit when stdin closes (tests set it, so a crashed test leaves no server)
//
// Decisions where the contract is silent (a Flask or Node team would likely do the same):
//   - history: patient_id=P, hospital_id=H and each room=R select rooms; the answer is every alert
//     in any selected room (a union), after after_seq, ascending, at most `limit` (1..5000, else 400).
//   - A patient nobody has seen yet belongs to no hospital: only an admin may join or query it.
//   - Producers may publish for any hospital.
//
// Test hooks (admin token required; not part of the contract):
//   POST /api/debug/drop    {"publish": [AlertInput...]}  closes every Engine.IO connection as a
//                           network loss would, then publishes the given alerts (so they are stored
//                           while every client is offline).
//   POST /api/debug/config  {"leak_alerts", "ignore_acknowledge", "history_delay_ms", "rate_limit",
//                           "rate_window_ms"}: leak_alerts sends patient_alert/alert_updated to every
//                           socket, followed room or not; ignore_acknowledge leaves acknowledge_alert
//                           unanswered.
//   POST /api/debug/emit    {"room": R or null, "event": E, "payload": P}: any event to a room or all.
//   POST /api/debug/triage  <TriageEntry>: stores it (replacing by patient_id) and emits triage_update.
//   GET  /api/debug/stats   {"joins": {room: attempts}, "connections": n}

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { Server } from "socket.io";

const env = process.env;
const startedAt = Date.now();
const SECRET = env.SECRET_KEY || randomBytes(32).toString("hex");
const TOKEN_TTL_S = Number(env.TOKEN_TTL_S || 3600);
const MAX_BUFFER = Number(env.SOCKET_IO_MAX_HTTP_BUFFER_SIZE || 1000000);
const CORS_ORIGINS = (env.SOCKET_IO_CORS_ORIGINS || "http://localhost:5173,http://localhost:3000")
  .split(",").map((s) => s.trim()).filter(Boolean);
const STORE_FILE = env.STORE_FILE || "";
const ROOM_RE = /^[a-z_]+_[a-zA-Z0-9]+$/;
const ID_RE = /^[A-Za-z0-9]{1,64}$/;
const PRIORITIES = new Set(["high", "medium", "low", "info"]);
const CLINICAL_ROLES = new Set(["nurse", "charge_nurse", "admin"]);
const PUBLISHER_ROLES = new Set(["producer", "admin"]);

const config = {
  leak_alerts: false,
  ignore_acknowledge: false,
  history_delay_ms: 0,
  rate_limit: Number(env.ALERT_RATE_LIMIT_PER_MINUTE ?? 10),
  rate_window_ms: Number(env.ALERT_RATE_WINDOW_MS || 60000),
};

const USERS = env.USERS_FILE
  ? JSON.parse(readFileSync(env.USERS_FILE, "utf8"))
  : [
      { username: "admin", password: "admin-pass", display_name: "Admin", role: "admin", hospitals: [] },
      { username: "nurse", password: "nurse-pass", display_name: "Nurse Joy", role: "nurse", hospitals: ["123", "456"] },
      { username: "charge", password: "charge-pass", display_name: "Charge Nurse", role: "charge_nurse", hospitals: ["123", "456", "789"] },
      { username: "producer", password: "producer-pass", display_name: "Risk engine", role: "producer", hospitals: [] },
      { username: "outsider", password: "outsider-pass", display_name: "Other site", role: "nurse", hospitals: ["999"] },
    ];

// ---------------------------------------------------------------------------------------------
// Storage: alerts in seq order, triage entries by patient, patients' hospitals.

const alerts = [];            // ascending seq
const alertsById = new Map();
const triage = new Map();     // patient_id -> entry
const patientHospital = new Map();
let lastSeq = 0;

function persist(record) {
  // Written before anything is emitted: a stored alert survives a SIGKILL right after.
  if (STORE_FILE) appendFileSync(STORE_FILE, JSON.stringify(record) + "\n");
}

function remember(alert) {
  if (!patientHospital.has(alert.patient_id)) patientHospital.set(alert.patient_id, alert.hospital_id);
}

function loadStore() {
  if (!STORE_FILE || !existsSync(STORE_FILE)) return;
  for (const line of readFileSync(STORE_FILE, "utf8").split("\n")) {
    if (!line.trim()) continue;
    let record;
    try { record = JSON.parse(line); } catch { continue; } // a line cut short by a crash
    if (record.t === "alert" && record.alert && typeof record.alert.id === "string") {
      const a = record.alert;
      if (alertsById.has(a.id)) Object.assign(alertsById.get(a.id), a);
      else { alertsById.set(a.id, a); alerts.push(a); }
      lastSeq = Math.max(lastSeq, a.seq);
      remember(a);
    } else if (record.t === "triage" && record.entry) {
      triage.set(record.entry.patient_id, record.entry);
      if (!patientHospital.has(record.entry.patient_id))
        patientHospital.set(record.entry.patient_id, record.entry.hospital_id);
    }
  }
  alerts.sort((x, y) => x.seq - y.seq);
}

// ---------------------------------------------------------------------------------------------
// Tokens: JWT HS256 by hand.

const b64url = (data) => Buffer.from(data).toString("base64url");

function signToken(user) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(JSON.stringify({
    sub: user.username, role: user.role, hospitals: user.hospitals, iat: now, exp: now + TOKEN_TTL_S,
  }));
  const signature = createHmac("sha256", SECRET).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

function verifyToken(token) {
  if (typeof token !== "string" || token.length > 8192) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
    if (!header || header.alg !== "HS256") return null; // alg "none" included
    const expected = createHmac("sha256", SECRET).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2], "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    if (!claims || typeof claims.sub !== "string" || typeof claims.exp !== "number") return null;
    if (claims.exp <= Date.now() / 1000) return null;
    return { username: claims.sub, role: String(claims.role), hospitals: Array.isArray(claims.hospitals) ? claims.hospitals.map(String) : [] };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Access rules (CONTRACT §2).

const seesHospital = (user, h) => user.role === "admin" || user.hospitals.includes(String(h));

function roomError(user, room) {
  if (typeof room !== "string" || !ROOM_RE.test(room)) return "Invalid room name";
  if (room === "triage_queue") return CLINICAL_ROLES.has(user.role) ? null : "Unauthorized";
  let m = /^hospital_([a-zA-Z0-9]+)$/.exec(room);
  if (m) return seesHospital(user, m[1]) ? null : "Unauthorized";
  m = /^patient_([a-zA-Z0-9]+)$/.exec(room);
  if (m) {
    if (user.role === "admin") return null;
    const h = patientHospital.get(m[1]);
    return h !== undefined && seesHospital(user, h) ? null : "Unauthorized";
  }
  return "Invalid room name";
}

function inRoom(alert, room, user) {
  if (room === "triage_queue") return alert.priority === "high" && seesHospital(user, alert.hospital_id);
  return room === `patient_${alert.patient_id}` || room === `hospital_${alert.hospital_id}`;
}

// Socket.IO rooms an alert goes to. triage_queue members sit in per-hospital sub-rooms (names a
// client cannot join: ':' fails the room regex), so each receives only hospitals it may see.
function socketRoomsOf(alert, withTriage) {
  const rooms = [`patient_${alert.patient_id}`, `hospital_${alert.hospital_id}`];
  if (withTriage) rooms.push(`triage_queue:${alert.hospital_id}`, "triage_queue:*");
  return rooms;
}

// ---------------------------------------------------------------------------------------------
// Alerts.

function validateInput(input) {
  if (!input || typeof input !== "object" || Array.isArray(input)) return "an alert must be a JSON object";
  const allowed = new Set(["patient_id", "hospital_id", "type", "priority", "title", "message", "data", "source"]);
  for (const key of Object.keys(input)) if (!allowed.has(key)) return `unknown field: ${key}`;
  const len = (s) => [...s].length;
  for (const key of ["patient_id", "hospital_id"])
    if (typeof input[key] !== "string" || !ID_RE.test(input[key])) return `${key}: required, 1 to 64 letters or digits`;
  if (!PRIORITIES.has(input.priority)) return "priority: one of high, medium, low, info";
  if (typeof input.title !== "string" || !input.title || len(input.title) > 200) return "title: required, at most 200 characters";
  const optional = { type: 100, message: 2000, source: 100 };
  for (const [key, max] of Object.entries(optional)) {
    const v = input[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== "string" || len(v) > max || (key === "type" && !v)) return `${key}: a string of at most ${max} characters`;
  }
  const d = input.data;
  if (d !== undefined && d !== null && (typeof d !== "object" || Array.isArray(d))) return "data: must be an object";
  return null;
}

const limiter = new Map(); // patient_id -> {count, suppressed: {count, first_seq, last_seq, hospital_id, high}}

function rateLimited(alert) {
  if (!(config.rate_limit > 0)) return false;
  let window = limiter.get(alert.patient_id);
  if (!window) {
    window = { count: 0, suppressed: null };
    limiter.set(alert.patient_id, window);
    setTimeout(() => closeWindow(alert.patient_id), config.rate_window_ms);
  }
  window.count += 1;
  if (window.count <= config.rate_limit) return false;
  const s = window.suppressed ?? (window.suppressed = { count: 0, first_seq: alert.seq, last_seq: alert.seq, hospital_id: alert.hospital_id, high: false });
  s.count += 1;
  s.last_seq = alert.seq;
  s.high ||= alert.priority === "high";
  return true;
}

function closeWindow(patientId) {
  const window = limiter.get(patientId);
  limiter.delete(patientId);
  const s = window?.suppressed;
  if (!s) return;
  const summary = { patient_id: patientId, hospital_id: s.hospital_id, count: s.count, first_seq: s.first_seq, last_seq: s.last_seq };
  root.to(socketRoomsOf({ patient_id: patientId, hospital_id: s.hospital_id }, s.high)).emit("alerts_suppressed", summary);
}

function store(input) {
  const alert = {
    id: randomBytes(8).toString("hex"),
    seq: lastSeq + 1,
    patient_id: input.patient_id,
    hospital_id: input.hospital_id,
    type: input.type ?? "generic",
    priority: input.priority,
    title: input.title,
    message: input.message ?? "",
    data: input.data ?? {},
    source: input.source ?? "",
    created_at: new Date().toISOString(),
    state: "active",
    acknowledged_by: null,
    acknowledged_at: null,
    suppressed: false,
  };
  alert.suppressed = rateLimited(alert);
  persist({ t: "alert", alert });
  lastSeq = alert.seq;
  alerts.push(alert);
  alertsById.set(alert.id, alert);
  remember(alert);
  return alert;
}

function broadcast(event, alert) {
  if (config.leak_alerts) root.emit(event, alert);
  else root.to(socketRoomsOf(alert, alert.priority === "high")).emit(event, alert);
}

function publish(input) {
  const alert = store(input);
  if (!alert.suppressed) broadcast("patient_alert", alert);
  return alert;
}

function acknowledge(alert, user) {
  if (alert.state === "active") {
    alert.state = "acknowledged";
    alert.acknowledged_by = user.username;
    alert.acknowledged_at = new Date().toISOString();
    persist({ t: "alert", alert });
    broadcast("alert_updated", alert);
  }
  return alert;
}

function history(user, rooms, afterSeq, limit) {
  const out = [];
  let lo = 0, hi = alerts.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (alerts[mid].seq <= afterSeq) lo = mid + 1; else hi = mid; }
  for (let i = lo; i < alerts.length && out.length < limit; i++) {
    const a = alerts[i];
    if (seesHospital(user, a.hospital_id) && rooms.some((r) => inRoom(a, r, user))) out.push(a);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Triage.

function validateTriage(e) {
  if (!e || typeof e !== "object" || Array.isArray(e)) return "a triage entry must be a JSON object";
  for (const key of ["patient_id", "hospital_id"]) if (typeof e[key] !== "string" || !ID_RE.test(e[key])) return `${key}: required`;
  if (!Number.isInteger(e.acuity) || e.acuity < 1 || e.acuity > 5) return "acuity: an integer 1..5";
  if (typeof e.risk_score !== "number" || e.risk_score < 0 || e.risk_score > 1) return "risk_score: a number 0..1";
  if (!["waiting", "in_triage", "done"].includes(e.status)) return "status: waiting, in_triage or done";
  return null;
}

function putTriage(e) {
  const now = new Date().toISOString();
  const entry = {
    patient_id: e.patient_id, hospital_id: e.hospital_id, display_name: e.display_name ?? null,
    acuity: e.acuity, risk_score: e.risk_score, status: e.status,
    waiting_since: e.waiting_since ?? triage.get(e.patient_id)?.waiting_since ?? now, updated_at: now,
  };
  persist({ t: "triage", entry });
  triage.set(entry.patient_id, entry);
  if (!patientHospital.has(entry.patient_id)) patientHospital.set(entry.patient_id, entry.hospital_id);
  root.to([`triage_queue:${entry.hospital_id}`, "triage_queue:*"]).emit("triage_update", entry);
  return entry;
}

// ---------------------------------------------------------------------------------------------
// REST.

const joinAttempts = new Map();
const loginFailures = new Map(); // key -> [timestamps]

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
const fail = (res, status, error, message, headers) => send(res, status, { error, message }, headers);

function throttled(keys) {
  const now = Date.now();
  for (const key of keys) {
    const recent = (loginFailures.get(key) || []).filter((t) => now - t < 60000);
    loginFailures.set(key, recent);
    if (recent.length >= 10) return true;
  }
  return false;
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0, tooLarge = false;
    req.on("data", (c) => { size += c.length; if (size > MAX_BUFFER) tooLarge = true; else chunks.push(c); });
    req.on("end", () => {
      if (tooLarge) return resolve({ status: 413 });
      const text = Buffer.concat(chunks).toString("utf8");
      if (!text) return resolve({ value: undefined });
      try { resolve({ value: JSON.parse(text) }); } catch { resolve({ status: 400 }); }
    });
    req.on("error", () => resolve({ status: 400 }));
  });
}

function bearer(req) {
  const h = req.headers.authorization || "";
  return h.startsWith("Bearer ") ? verifyToken(h.slice(7)) : null;
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

async function handle(req, res) {
  const url = new URL(req.url, "http://localhost");
  const path = url.pathname.replace(/\/+$/, "") || "/";
  const origin = req.headers.origin;
  if (origin !== undefined && !CORS_ORIGINS.includes(origin)) return fail(res, 403, "forbidden_origin", "Origin not allowed");

  if (req.method === "GET" && path === "/api/health")
    return send(res, 200, { status: "ok", version: "contract-peer", uptime_s: Math.floor((Date.now() - startedAt) / 1000), store: "jsonl" });

  let body;
  if (req.method === "POST") {
    const read = await readBody(req);
    if (read.status === 413) return fail(res, 413, "payload_too_large", "The body is too large");
    if (read.status) return fail(res, 400, "invalid_json", "The body is not valid JSON");
    body = read.value;
  }

  if (req.method === "POST" && path === "/api/auth/login") {
    const username = typeof body?.username === "string" ? body.username : "";
    const keys = [`u:${username}`, `a:${req.socket.remoteAddress}`];
    if (throttled(keys)) return fail(res, 429, "too_many_attempts", "Too many failed logins; try again later", { "Retry-After": "60" });
    const user = USERS.find((u) => u.username === username && u.password === body?.password);
    if (!user) {
      for (const k of keys) loginFailures.get(k).push(Date.now());
      return fail(res, 401, "invalid_credentials", "Wrong username or password");
    }
    return send(res, 200, {
      access_token: signToken(user), token_type: "Bearer", expires_in: TOKEN_TTL_S,
      user: { username: user.username, display_name: user.display_name, role: user.role, hospitals: user.hospitals },
    });
  }

  const user = bearer(req);
  if (!user) return fail(res, 401, "unauthorized", "A valid bearer token is required");

  if (req.method === "GET" && path === "/api/alerts/history") {
    const q = url.searchParams;
    const rooms = [...q.getAll("room")];
    if (q.get("patient_id")) rooms.push(`patient_${q.get("patient_id")}`);
    if (q.get("hospital_id")) rooms.push(`hospital_${q.get("hospital_id")}`);
    if (!rooms.length) return fail(res, 400, "bad_request", "patient_id, hospital_id or room is required");
    const afterSeq = Number(q.get("after_seq") ?? 0);
    const limit = Number(q.get("limit") ?? 500);
    if (!Number.isInteger(afterSeq) || afterSeq < 0) return fail(res, 400, "bad_request", "after_seq must be a non-negative integer");
    if (!Number.isInteger(limit) || limit < 1 || limit > 5000) return fail(res, 400, "bad_request", "limit must be 1..5000");
    for (const r of rooms) {
      const e = roomError(user, r);
      if (e === "Invalid room name") return fail(res, 400, "bad_request", `Invalid room name: ${r}`);
      if (e) return fail(res, 403, "forbidden", `Not allowed to see ${r}`);
    }
    if (config.history_delay_ms > 0) await delay(config.history_delay_ms);
    return send(res, 200, history(user, rooms, afterSeq, limit));
  }
  if (req.method === "GET" && path === "/api/alerts/active") {
    const h = url.searchParams.get("hospital_id");
    if (h && !seesHospital(user, h)) return fail(res, 403, "forbidden", `Not allowed to see hospital ${h}`);
    return send(res, 200, alerts.filter((a) => a.state === "active" && seesHospital(user, a.hospital_id) && (!h || a.hospital_id === h)));
  }
  if (req.method === "POST" && path === "/api/alerts") {
    if (!PUBLISHER_ROLES.has(user.role)) return fail(res, 403, "forbidden", "Only producers and admins publish alerts");
    const inputs = Array.isArray(body) ? body : [body];
    for (let i = 0; i < inputs.length; i++) {
      const e = validateInput(inputs[i]);
      if (e) return fail(res, 400, "invalid_alert", Array.isArray(body) ? `[${i}] ${e}` : e);
    }
    const stored = inputs.map(publish);
    return send(res, 201, Array.isArray(body) ? stored : stored[0]);
  }
  let m = /^\/api\/alerts\/([^/]+)\/acknowledge$/.exec(path);
  if (req.method === "POST" && m) {
    if (!CLINICAL_ROLES.has(user.role)) return fail(res, 403, "forbidden", "Not allowed to acknowledge");
    const alert = alertsById.get(decodeURIComponent(m[1]));
    if (!alert || !seesHospital(user, alert.hospital_id)) return fail(res, 404, "not_found", "No such alert");
    return send(res, 200, acknowledge(alert, user));
  }
  if (req.method === "GET" && path === "/api/triage/queue") {
    const h = url.searchParams.get("hospital_id");
    if (h && !seesHospital(user, h)) return fail(res, 403, "forbidden", `Not allowed to see hospital ${h}`);
    return send(res, 200, [...triage.values()].filter((e) => seesHospital(user, e.hospital_id) && (!h || e.hospital_id === h)));
  }
  if (req.method === "GET" && path === "/api/status/socket") {
    if (user.role !== "admin") return fail(res, 403, "forbidden", "Admins only");
    return send(res, 200, socketStatus());
  }

  if (path.startsWith("/api/debug/")) {
    if (user.role !== "admin" && !(path === "/api/debug/triage" && PUBLISHER_ROLES.has(user.role)))
      return fail(res, 403, "forbidden", "Admins only");
    if (req.method === "POST" && path === "/api/debug/drop") {
      const inputs = Array.isArray(body?.publish) ? body.publish : [];
      for (const input of inputs) { const e = validateInput(input); if (e) return fail(res, 400, "invalid_alert", e); }
      const dropped = io.engine.clientsCount;
      for (const conn of Object.values(io.engine.clients)) conn.close();
      return send(res, 200, { dropped, alerts: inputs.map(publish) });
    }
    if (req.method === "POST" && path === "/api/debug/config") {
      for (const key of Object.keys(config)) if (body && key in body) config[key] = body[key];
      return send(res, 200, config);
    }
    if (req.method === "POST" && path === "/api/debug/emit") {
      const target = typeof body?.room === "string" ? root.to(body.room) : root;
      target.emit(String(body?.event), body?.payload);
      return send(res, 200, { ok: true });
    }
    if (req.method === "POST" && path === "/api/debug/triage") {
      const e = validateTriage(body);
      if (e) return fail(res, 400, "invalid_triage_entry", e);
      return send(res, 201, putTriage(body));
    }
    if (req.method === "GET" && path === "/api/debug/stats")
      return send(res, 200, { joins: Object.fromEntries(joinAttempts), connections: io.engine.clientsCount });
  }
  return fail(res, 404, "not_found", `No route for ${req.method} ${path}`);
}

// ---------------------------------------------------------------------------------------------
// Socket.IO.

const httpServer = createServer((req, res) => {
  handle(req, res).catch((e) => {
    console.error("request failed:", e);
    if (!res.headersSent) fail(res, 500, "internal", "Internal error");
  });
});

const io = new Server(httpServer, {
  path: "/socket.io/",
  pingInterval: Number(env.SOCKET_IO_PING_INTERVAL || 25000),
  pingTimeout: Number(env.SOCKET_IO_PING_TIMEOUT || 60000),
  maxHttpBufferSize: MAX_BUFFER,
  allowRequest: (req, callback) => {
    const origin = req.headers.origin;
    callback(null, origin === undefined || CORS_ORIGINS.includes(origin));
  },
  ...(env.CSR === "0" ? {} : { connectionStateRecovery: { maxDisconnectionDuration: 120000, skipMiddlewares: false } }),
});

function authenticate(socket, next) {
  const user = verifyToken(socket.handshake.auth?.token);
  if (!user) {
    const err = new Error("Unauthorized");
    err.data = { code: 401 };
    return next(err);
  }
  socket.data.user = user;
  next();
}

const root = io.of("/");
root.use(authenticate);

function answer(ack, value) {
  if (typeof ack === "function") ack(value);
}

function refuse(socket, ack, message) {
  socket.emit("error", { message });
  answer(ack, { ok: false, error: message });
}

function guarded(handler) {
  // Nothing a client sends may crash the server or drop the connection.
  return (...args) => {
    try { handler(...args); } catch (e) { console.error("handler failed:", e); }
  };
}

const roomOf = (payload) => (typeof payload === "string" ? payload : payload?.room);

root.on("connection", (socket) => {
  const user = socket.data.user;

  socket.on("join_room", guarded((payload, ack) => {
    const room = roomOf(payload);
    if (typeof room === "string") joinAttempts.set(room, (joinAttempts.get(room) || 0) + 1);
    const error = roomError(user, room);
    if (error) return refuse(socket, ack, error);
    socket.join(room);
    if (room === "triage_queue") {
      if (user.role === "admin") socket.join("triage_queue:*");
      else for (const h of user.hospitals) socket.join(`triage_queue:${h}`);
    }
    answer(ack, { ok: true, room });
  }));

  socket.on("leave_room", guarded((payload, ack) => {
    const room = roomOf(payload);
    if (typeof room !== "string" || !ROOM_RE.test(room)) return refuse(socket, ack, "Invalid room name");
    socket.leave(room);
    if (room === "triage_queue")
      for (const r of [...socket.rooms]) if (r.startsWith("triage_queue:")) socket.leave(r);
    answer(ack, { ok: true });
  }));

  socket.on("acknowledge_alert", guarded((payload, ack) => {
    if (config.ignore_acknowledge) return;
    if (!CLINICAL_ROLES.has(user.role)) return refuse(socket, ack, "Unauthorized");
    const alert = alertsById.get(payload?.alert_id);
    if (!alert || !seesHospital(user, alert.hospital_id)) return refuse(socket, ack, "Not found");
    answer(ack, { ok: true, alert: acknowledge(alert, user) });
  }));

  socket.on("publish_alert", guarded((payload, ack) => {
    if (!PUBLISHER_ROLES.has(user.role)) return refuse(socket, ack, "Unauthorized");
    const error = validateInput(payload?.alert);
    if (error) return refuse(socket, ack, error);
    answer(ack, { ok: true, alert: publish(payload.alert) });
  }));
});

function socketStatus() {
  const rooms = {};
  for (const [name, members] of root.adapter.rooms)
    if (ROOM_RE.test(name) && !root.sockets.has(name)) rooms[name] = members.size;
  return { active_connections: io.engine.clientsCount, rooms, uptime_s: Math.floor((Date.now() - startedAt) / 1000) };
}

const monitor = io.of("/monitor");
monitor.use((socket, next) => {
  authenticate(socket, (err) => {
    if (err) return next(err);
    if (socket.data.user.role !== "admin") {
      const forbidden = new Error("Forbidden");
      forbidden.data = { code: 403 };
      return next(forbidden);
    }
    next();
  });
});
monitor.on("connection", (socket) => socket.emit("socket_status", socketStatus()));
setInterval(() => monitor.emit("socket_status", socketStatus()), Number(env.STATUS_INTERVAL_MS || 5000)).unref();

loadStore();
httpServer.listen(Number(env.PORT || 0), "127.0.0.1", () => {
  process.stdout.write(`LISTENING ${httpServer.address().port}\n`);
});
if (env.EXIT_WITH_STDIN === "1") {
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
}
