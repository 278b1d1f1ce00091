// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The Vigil contract (CONTRACT.md) checked with the official socket.io-client 4.8.4 against a
// running vigil-server. tests/server/tst_serverinterop.cpp starts the server with these users
// (password `<name>-password`): nurse (123), nurse456 (456), charge (123, 456), admin, producer.
//
// Environment: SERVER_URL (http://127.0.0.1:port), TRANSPORTS (websocket | polling |
// polling,websocket). Prints one line per check and `N passing, M failing`; exits 1 on failure.

import assert from "node:assert/strict";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { io } from "socket.io-client";

const URL = process.env.SERVER_URL || "http://127.0.0.1:5000";
const transports = (process.env.TRANSPORTS || "websocket").split(",");
// Patient ids unique to this run, so runs against one server do not see each other's alerts.
const RUN = String(Date.now() % 1e8) + String(Math.floor(Math.random() * 1e3));
const pid = (n) => `${RUN}${n}`;
const base = { transports, upgrade: transports.length > 1, forceNew: true, reconnectionDelay: 100,
               reconnectionDelayMax: 200, timeout: 5000 };

const withTimeout = (promise, ms, what) =>
  Promise.race([promise, sleep(ms).then(() => { throw new Error(`timed out waiting for ${what}`); })]);
const next = (emitter, event, ms = 5000) => withTimeout(once(emitter, event), ms, event);

async function rest(method, path, token, body) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(URL + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const tokens = {};
for (const name of ["nurse", "nurse456", "charge", "admin", "producer"]) {
  const res = await rest("POST", "/api/auth/login", null, { username: name, password: `${name}-password` });
  assert.equal(res.status, 200, `login of ${name}: ${JSON.stringify(res.body)}`);
  assert.equal(res.body.token_type, "Bearer");
  tokens[name] = res.body.access_token;
}

const alertInput = (patient, hospital, priority = "medium", title = "Test alert") =>
  ({ patient_id: patient, hospital_id: hospital, priority, title, type: "vitals", data: { value: 134 } });

async function connect(user, nsp = "/", extra = {}) {
  const s = io(URL + nsp, { ...base, auth: { token: tokens[user] }, ...extra });
  await next(s, "connect");
  return s;
}

/// Collects every event of a name, to assert how many arrived.
function record(socket, event) {
  const got = [];
  socket.on(event, (payload) => got.push(payload));
  return got;
}

let pass = 0, fail = 0;
async function check(name, fn) {
  const open = [];
  try { await fn(open); pass++; console.log(`  ✔ ${name}`); }
  catch (e) { fail++; console.log(`  ✘ ${name}: ${e.stack || e.message}`); }
  finally { open.forEach((s) => s.disconnect()); }
}

// Patients known to the store: first alerts claim their hospitals.
for (const [patient, hospital] of [[pid(1), "123"], [pid(2), "456"], [pid(3), "123"]]) {
  const res = await rest("POST", "/api/alerts", tokens.producer, alertInput(patient, hospital, "low"));
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

await check("bad token is refused with 401, and not retried", async (o) => {
  for (const auth of [{}, { token: "abc.def.ghi" }, { token: tokens.nurse + "x" }]) {
    const s = io(URL, { ...base, auth }); o.push(s);
    const [err] = await next(s, "connect_error");
    assert.equal(err.message, "Unauthorized");
    assert.deepEqual(err.data, { code: 401 });
    assert.equal(s.active, false);
  }
});

await check("/monitor refuses non-admins with 403", async (o) => {
  const s = io(URL + "/monitor", { ...base, auth: { token: tokens.charge } }); o.push(s);
  const [err] = await next(s, "connect_error");
  assert.equal(err.message, "Forbidden");
  assert.deepEqual(err.data, { code: 403 });
});

await check("/ and /monitor multiplexed on one Manager", async (o) => {
  const root = await connect("admin"); o.push(root);
  const monitor = root.io.socket("/monitor", { auth: { token: tokens.admin } }); o.push(monitor);
  const status = next(monitor, "socket_status");
  await next(monitor, "connect");
  assert.notEqual(monitor.id, root.id);
  assert.equal(root.io.engine, monitor.io.engine, "one Engine.IO connection");
  const [first] = await status;
  assert.ok(first.active_connections >= 1);
  assert.equal(typeof first.rooms, "object");
  assert.equal(typeof first.uptime_s, "number");
  assert.deepEqual(await root.timeout(5000).emitWithAck("join_room", { room: "hospital_123" }),
                   { ok: true, room: "hospital_123" });
  const [later] = await next(monitor, "socket_status", 8000);
  assert.ok(later.rooms.hospital_123 >= 1, JSON.stringify(later));
});

await check("join_room validation and access rules", async (o) => {
  const s = await connect("nurse"); o.push(s);
  const errors = record(s, "error");
  assert.deepEqual(await s.timeout(5000).emitWithAck("join_room", { room: "hospital_123" }),
                   { ok: true, room: "hospital_123" });
  assert.deepEqual(await s.timeout(5000).emitWithAck("join_room", { room: "Bad Room!" }),
                   { ok: false, error: "Invalid room name" });
  assert.deepEqual(await s.timeout(5000).emitWithAck("join_room", { room: "hospital_456" }),
                   { ok: false, error: "Unauthorized" });
  assert.deepEqual(await s.timeout(5000).emitWithAck("join_room", { room: `patient_${pid(2)}` }),
                   { ok: false, error: "Unauthorized" });
  assert.deepEqual(await s.timeout(5000).emitWithAck("leave_room", { room: "hospital_123" }), { ok: true });
  await sleep(100);
  assert.deepEqual(errors, [{ message: "Invalid room name" }, { message: "Unauthorized" },
                            { message: "Unauthorized" }]);
});

await check("publish_alert reaches the right rooms, once", async (o) => {
  const nurse = await connect("nurse"), nurse456 = await connect("nurse456");
  const charge = await connect("charge"), producer = await connect("producer");
  o.push(nurse, nurse456, charge, producer);
  for (const room of [`patient_${pid(1)}`, "hospital_123"])
    assert.equal((await nurse.timeout(5000).emitWithAck("join_room", { room })).ok, true);
  assert.equal((await nurse456.timeout(5000).emitWithAck("join_room", { room: "hospital_456" })).ok, true);
  assert.equal((await charge.timeout(5000).emitWithAck("join_room", { room: "triage_queue" })).ok, true);
  const atNurse = record(nurse, "patient_alert"), at456 = record(nurse456, "patient_alert");
  const atCharge = record(charge, "patient_alert");

  const ack = await producer.timeout(5000).emitWithAck("publish_alert",
    { alert: alertInput(pid(1), "123", "high", "HR 134>120") });
  assert.equal(ack.ok, true, JSON.stringify(ack));
  assert.equal(typeof ack.alert.id, "string");
  assert.ok(Number.isInteger(ack.alert.seq) && ack.alert.seq > 0);
  assert.equal(ack.alert.state, "active");
  assert.match(ack.alert.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await sleep(300);
  assert.deepEqual(atNurse, [ack.alert], "two matching rooms, one delivery");
  assert.deepEqual(atCharge, [ack.alert], "high priority reaches the triage queue");
  assert.deepEqual(at456, []);

  const bad = await producer.timeout(5000).emitWithAck("publish_alert", { alert: { patient_id: "1" } });
  assert.equal(bad.ok, false);
  assert.match(bad.error, /hospital_id|priority|title/);
  const denied = await nurse.timeout(5000).emitWithAck("publish_alert", { alert: alertInput(pid(1), "123") });
  assert.deepEqual(denied, { ok: false, error: "Unauthorized" });
  assert.equal(producer.connected, true);
});

await check("acknowledge_alert broadcasts alert_updated", async (o) => {
  const nurse = await connect("nurse"), charge = await connect("charge"); o.push(nurse, charge);
  assert.equal((await charge.timeout(5000).emitWithAck("join_room", { room: "hospital_123" })).ok, true);
  const published = await rest("POST", "/api/alerts", tokens.producer, alertInput(pid(3), "123"));
  assert.equal(published.status, 201);
  const updated = next(charge, "alert_updated");
  const ack = await nurse.timeout(5000).emitWithAck("acknowledge_alert", { alert_id: published.body.id });
  assert.equal(ack.ok, true, JSON.stringify(ack));
  assert.equal(ack.alert.state, "acknowledged");
  assert.equal(ack.alert.acknowledged_by, "nurse");
  assert.deepEqual((await updated)[0], ack.alert);
  const missing = await nurse.timeout(5000).emitWithAck("acknowledge_alert", { alert_id: "nope" });
  assert.deepEqual(missing, { ok: false, error: "Not found" });
});

await check("triage_update goes to triage members of the hospital", async (o) => {
  const charge = await connect("charge"), nurse = await connect("nurse"); o.push(charge, nurse);
  for (const s of [charge, nurse])
    assert.equal((await s.timeout(5000).emitWithAck("join_room", { room: "triage_queue" })).ok, true);
  const atNurse = record(nurse, "triage_update");
  const update = next(charge, "triage_update");
  const res = await rest("POST", "/api/triage", tokens.producer,
    { patient_id: pid(2), hospital_id: "456", display_name: "Test", acuity: 2, risk_score: 0.5, status: "waiting" });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal((await update)[0].patient_id, pid(2));
  await sleep(200);
  assert.deepEqual(atNurse, [], "hospital 456 is not the nurse's");
});

await check("history backfill through REST", async () => {
  const res = await rest("GET", `/api/alerts/history?patient_id=${pid(1)}&after_seq=0&limit=500`, tokens.nurse);
  assert.equal(res.status, 200);
  assert.ok(Array.isArray(res.body) && res.body.length >= 2);
  const seqs = res.body.map((a) => a.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  assert.equal((await rest("GET", `/api/alerts/history?patient_id=${pid(2)}`, tokens.nurse)).status, 403);
});

await check("connection state recovery after a dropped transport", async (o) => {
  const s = await connect("nurse"); o.push(s);
  assert.equal((await s.timeout(5000).emitWithAck("join_room", { room: `patient_${pid(1)}` })).ok, true);
  // One live alert first, so the client holds an offset to resume from.
  const first = next(s, "patient_alert");
  assert.equal((await rest("POST", "/api/alerts", tokens.producer, alertInput(pid(1), "123", "low", "before"))).status, 201);
  await first;
  const id = s.id;
  const missed = record(s, "patient_alert");
  const disconnected = next(s, "disconnect");
  // The transport goes away under the Manager, which reconnects by itself (socket.io-client calls
  // that "forced close"; the server sees its transport close, which is recoverable).
  s.io.engine.close();
  const [reason] = await disconnected;
  assert.ok(["transport close", "forced close"].includes(reason), reason);
  assert.equal(s.active, true, "the Manager reconnects");
  const res = await rest("POST", "/api/alerts", tokens.producer, alertInput(pid(1), "123", "low", "while away"));
  assert.equal(res.status, 201);
  await next(s, "connect", 10000);
  await sleep(200);
  assert.equal(s.recovered, true, "the server resumed the session");
  assert.equal(s.id, id);
  assert.deepEqual(missed.map((a) => a.title), ["while away"]);
  // Rooms came back with the session: live alerts keep arriving without a new join.
  const live = next(s, "patient_alert");
  assert.equal((await rest("POST", "/api/alerts", tokens.producer, alertInput(pid(1), "123", "low", "after"))).status, 201);
  assert.equal((await live)[0].title, "after");
});

await check("bad input leaves the connection up", async (o) => {
  const s = await connect("producer"); o.push(s);
  const answer = await s.timeout(5000).emitWithAck("no_such_event", 1);
  assert.equal(answer.ok, false);
  const notObject = await s.timeout(5000).emitWithAck("publish_alert", "text");
  assert.equal(notObject.ok, false);
  const unknownField = await s.timeout(5000).emitWithAck("publish_alert",
    { alert: { ...alertInput(pid(1), "123"), colour: "red" } });
  assert.equal(unknownField.ok, false);
  assert.match(unknownField.error, /colour/);
  assert.equal(s.connected, true);
  const ok = await s.timeout(5000).emitWithAck("publish_alert", { alert: alertInput(pid(1), "123") });
  assert.equal(ok.ok, true);
});

console.log(`\n${pass} passing, ${fail} failing (server ${URL}, transports ${transports.join("+")})`);
process.exit(fail ? 1 : 0);
