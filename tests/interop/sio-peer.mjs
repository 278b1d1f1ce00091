// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reference Socket.IO server (the real Node socket.io 4.8.4) for Vigil's client interop tests.
// Listens on 127.0.0.1 with an OS-chosen port and prints one JSON line on stdout:
//   {"port":<port>,"csr":<bool>}
// It exits when its stdin closes, so a crashed test never leaves it behind.
//
// Environment:
//   CSR=1              enable connection state recovery
//   PING_INTERVAL, PING_TIMEOUT   heartbeat in ms (defaults 25000 / 20000)
//   LOG=1              print every Engine.IO packet on stderr
//
// Event contract, identical on "/", "/custom" and "/admin" ("/admin" needs auth {token:"secret"}):
//   (on connect)             server emits "auth" with the CONNECT payload
//   echo ...args             server emits "echo-back" ...args (binary preserved)
//   echo-ack ...args, ack    ack(...args)
//   join room, ack?          joins, ack([...rooms])
//   leave room, ack?         leaves, ack([...rooms])
//   to-room room, ...args    "room-msg" room, ...args to everyone in the room (sender included), ack?(true)
//   ask event, ...args, ack  server emits event ...args WITH an ack to the client (2 s timeout),
//                            then ack(answer) or ack({error})
//   server-disconnect        socket.disconnect(): the client gets "41", reason "io server disconnect"
//   drop-transport n?        closes the Engine.IO connection, then emits "missed" 1..n to the socket's
//                            own room (only a recovering client ever sees them)
//   info, ack                ack({id, recovered, rooms, auth, nsp, eio}) (eio: the Engine.IO session id)

import { createServer } from "node:http";
import { Server } from "socket.io";

const csr = process.env.CSR === "1";
const httpServer = createServer();
const io = new Server(httpServer, {
  pingInterval: Number(process.env.PING_INTERVAL || 25000),
  pingTimeout: Number(process.env.PING_TIMEOUT || 20000),
  transports: ["websocket", "polling"],
  ...(csr ? { connectionStateRecovery: { maxDisconnectionDuration: 120000, skipMiddlewares: true } } : {}),
});

if (process.env.LOG === "1") {
  const names = ["open", "close", "ping", "pong", "message", "upgrade", "noop"];
  const show = (p) => (Buffer.isBuffer(p.data) ? `<binary ${p.data.toString("hex")}>` : `${names[p.type] ?? p.type} ${p.data ?? ""}`);
  io.engine.on("connection", (conn) => {
    conn.on("packet", (p) => console.error(`[${conn.id}] C->S ${show(p)}`));
    conn.on("packetCreate", (p) => console.error(`[${conn.id}] S->C ${show(p)}`));
    conn.on("close", (reason) => console.error(`[${conn.id}] closed: ${reason}`));
  });
}

function takeAck(args) {
  return typeof args[args.length - 1] === "function" ? args.pop() : null;
}

function serve(nsp) {
  nsp.on("connection", (socket) => {
    socket.emit("auth", socket.handshake.auth);

    socket.on("echo", (...args) => {
      takeAck(args);
      socket.emit("echo-back", ...args);
    });
    socket.on("echo-ack", (...args) => {
      const ack = takeAck(args);
      if (ack) ack(...args);
    });
    socket.on("join", (room, ack) => {
      socket.join(room);
      if (typeof ack === "function") ack([...socket.rooms]);
    });
    socket.on("leave", (room, ack) => {
      socket.leave(room);
      if (typeof ack === "function") ack([...socket.rooms]);
    });
    socket.on("to-room", (room, ...args) => {
      const ack = takeAck(args);
      nsp.to(room).emit("room-msg", room, ...args);
      if (ack) ack(true);
    });
    socket.on("ask", async (event, ...args) => {
      const ack = takeAck(args);
      let answer;
      try {
        answer = await socket.timeout(2000).emitWithAck(event, ...args);
      } catch (e) {
        answer = { error: e.message };
      }
      if (ack) ack(answer);
    });
    socket.on("server-disconnect", () => socket.disconnect());
    socket.on("drop-transport", (n) => {
      const count = Number.isInteger(n) ? n : 0;
      const room = socket.id;
      socket.conn.close();
      setTimeout(() => {
        for (let i = 1; i <= count; i++) nsp.to(room).emit("missed", i);
      }, 50);
    });
    socket.on("info", (ack) => {
      if (typeof ack !== "function") return;
      ack({
        id: socket.id,
        recovered: socket.recovered,
        rooms: [...socket.rooms],
        auth: socket.handshake.auth,
        nsp: nsp.name,
        eio: socket.conn.id,
      });
    });
  });
}

serve(io.of("/"));
serve(io.of("/custom"));
const admin = io.of("/admin");
admin.use((socket, next) => {
  if (socket.handshake.auth?.token === "secret") return next();
  const err = new Error("not authorized");
  err.data = { code: 401 };
  next(err);
});
serve(admin);

httpServer.listen(0, "127.0.0.1", () => {
  process.stdout.write(JSON.stringify({ port: httpServer.address().port, csr }) + "\n");
});

process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
