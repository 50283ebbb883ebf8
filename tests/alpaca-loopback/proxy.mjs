// A fault-injecting proxy in front of an Alpaca-compatible server (a Vigil gateway) on
// loopback, for the Alpaca adapter's tests: every HTTP request and both WebSocket streams
// (the trading stream /stream and the market data stream /v2/{feed}) are passed on message by
// message, and faults armed over HTTP on the same port make it misbehave as Alpaca or the
// network can. README.md in this folder lists the faults and their JSON.
//
//   node proxy.mjs --upstream http://127.0.0.1:8788 [--port 0]
//
// Prints "listening PORT" on stdout once it takes connections. Only the ws package
// (WebSocket framing) and Node's own http module; nothing here parses HTTP or frames.

import http from "node:http";
import { WebSocket, WebSocketServer } from "ws";

// ---- arguments ---------------------------------------------------------------------------
function usage(message) {
    console.error(`proxy: ${message}\nusage: node proxy.mjs --upstream http://127.0.0.1:PORT [--port N]`);
    process.exit(2);
}
let upstreamText;
let port = 0;
for (let i = 2; i < process.argv.length; ++i) {
    const arg = process.argv[i];
    if (arg === "--upstream") upstreamText = process.argv[++i];
    else if (arg === "--port") port = Number(process.argv[++i]);
    else usage(`unknown argument ${arg}`);
}
if (!upstreamText) usage("--upstream is required");
let upstream;
try {
    upstream = new URL(upstreamText);
} catch {
    usage(`--upstream ${upstreamText} is not a URL`);
}
if (upstream.protocol !== "http:") usage(`--upstream ${upstreamText}: only http:// (a loopback gateway) is proxied`);
if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be 0..65535`);

// A new connection to the server per request: a kept-alive one the server has just closed
// as idle would fail a request that never reached it, a fault nobody asked for.
const agent = new http.Agent({ keepAlive: false });

// ---- counters --------------------------------------------------------------------------
const counters = {
    requests: {}, // "METHOD /path" -> n (the query left out)
    ordersByClientOrderId: {}, // POST /v2/orders by its body's client_order_id -> n
    streams: { trade: { opened: 0, refused: 0, dropped: 0 }, data: { opened: 0, refused: 0, dropped: 0 } },
    messages: { forwarded: 0, dropped: 0, repeated: 0, reordered: 0 },
    faults: { httpAnswered: 0, swallowed: 0, fail207: 0, patched: 0 },
};
const bump = (table, key, by = 1) => (table[key] = (table[key] ?? 0) + by);

// ---- faults ----------------------------------------------------------------------------
// Each armed fault has a count (times it may still act) or an end (epoch ms); several may be
// armed at once, the first armed acts first.
let nextFaultId = 1;
let armed = [];
const downUntil = { trade: 0, data: 0 };
const stalledUntil = { trade: 0, data: 0 };
const live = { trade: new Set(), data: new Set() }; // open pairs per stream

class BadFault extends Error {}
function need(condition, message) {
    if (!condition) throw new BadFault(message);
}
function streamOf(f) {
    need(f.stream === "trade" || f.stream === "data", `fault ${f.fault}: stream must be "trade" or "data", not ${JSON.stringify(f.stream)}`);
    return f.stream;
}
function positive(f, name) {
    need(Number.isInteger(f[name]) && f[name] > 0, `fault ${f.fault}: ${name} must be a whole number > 0, not ${JSON.stringify(f[name])}`);
    return f[name];
}
/** A count or a duration: {count: n} or {ms: n}; one by default. */
function lifetime(f) {
    if (f.ms !== undefined) return { count: Infinity, until: Date.now() + positive(f, "ms") };
    return { count: f.count === undefined ? 1 : positive(f, "count"), until: Infinity };
}
function matcher(f) {
    need(typeof f.method === "string" && f.method.length > 0, `fault ${f.fault}: method is required ("POST", "GET", "DELETE", or "*")`);
    need(typeof f.path === "string" && f.path.length > 0, `fault ${f.fault}: path is required (a regular expression for the path)`);
    let path;
    try {
        path = new RegExp(f.path);
    } catch (err) {
        throw new BadFault(`fault ${f.fault}: path ${JSON.stringify(f.path)} is not a regular expression: ${err.message}`);
    }
    const method = f.method.toUpperCase();
    return { method, path };
}

function arm(f) {
    need(f && typeof f === "object" && !Array.isArray(f), "a fault is a JSON object with a \"fault\" field");
    const id = nextFaultId;
    switch (f.fault) {
    case "drop": {
        const stream = streamOf(f);
        const n = cut(stream);
        return { id: nextFaultId++, fault: "drop", stream, connections: n };
    }
    case "down": {
        const stream = streamOf(f);
        downUntil[stream] = Date.now() + positive(f, "ms");
        const n = cut(stream); // a stream that is down is down for the connected too
        return { id: nextFaultId++, fault: "down", stream, ms: f.ms, connections: n };
    }
    case "stall": {
        const stream = streamOf(f);
        const ms = positive(f, "ms");
        const then = f.then ?? "resume";
        need(then === "resume" || then === "close", `fault stall: then must be "resume" or "close", not ${JSON.stringify(then)}`);
        stalledUntil[stream] = Date.now() + ms;
        if (then === "close") setTimeout(() => cut(stream), ms);
        return { id: nextFaultId++, fault: "stall", stream, ms, then, connections: live[stream].size };
    }
    case "http": {
        const m = matcher(f);
        const status = positive(f, "status");
        need(status >= 400 && status <= 599, `fault http: status must be 400..599, not ${status}`);
        need(f.headers === undefined || (typeof f.headers === "object" && !Array.isArray(f.headers)), "fault http: headers must be an object");
        const entry = { id, fault: "http", ...m, status, body: f.body, headers: f.headers ?? {}, resetInSeconds: f.resetInSeconds ?? 1, ...lifetime(f) };
        need(Number.isInteger(entry.resetInSeconds) && entry.resetInSeconds >= 0, "fault http: resetInSeconds must be a whole number >= 0");
        armed.push(entry);
        nextFaultId++;
        return describe(entry);
    }
    case "swallow": {
        const m = matcher(f);
        need(f.close === undefined || typeof f.close === "boolean", "fault swallow: close must be true or false");
        need(f.cut === undefined || f.cut === "trade" || f.cut === "data", `fault swallow: cut must be "trade" or "data", not ${JSON.stringify(f.cut)}`);
        const downMs = f.downMs === undefined ? 0 : positive(f, "downMs");
        const entry = { id, fault: "swallow", ...m, close: f.close ?? false, cut: f.cut, downMs, ...lifetime(f) };
        armed.push(entry);
        nextFaultId++;
        return describe(entry);
    }
    case "patch": {
        const m = matcher(f);
        need(f.set && typeof f.set === "object" && !Array.isArray(f.set) && Object.keys(f.set).length > 0,
            "fault patch: set must be an object of the fields to replace in the server's JSON answer");
        const entry = { id, fault: "patch", ...m, set: f.set, ...lifetime(f) };
        armed.push(entry);
        nextFaultId++;
        return describe(entry);
    }
    case "repeat":
    case "reorder": {
        const entry = { id, fault: f.fault, ...lifetime(f) };
        need(entry.until === Infinity, `fault ${f.fault}: takes a count of trade_updates messages${f.fault === "reorder" ? " (pairs)" : ""}, not a duration`);
        armed.push(entry);
        nextFaultId++;
        return describe(entry);
    }
    case "fail207": {
        need(f.bulk === "orders" || f.bulk === "positions", `fault fail207: bulk must be "orders" (DELETE /v2/orders) or "positions" (DELETE /v2/positions), not ${JSON.stringify(f.bulk)}`);
        const keep = f.keep === undefined ? 1 : positive(f, "keep");
        const entry = { id, fault: "fail207", bulk: f.bulk, keep, count: 1, until: Infinity };
        armed.push(entry);
        nextFaultId++;
        return describe(entry);
    }
    default:
        throw new BadFault(`unknown fault ${JSON.stringify(f.fault)}: drop, down, stall, http, swallow, patch, repeat, reorder or fail207`);
    }
}

function describe(e) {
    const out = { ...e };
    if (e.path instanceof RegExp) out.path = e.path.source;
    out.count = e.count === Infinity ? null : e.count;
    out.until = e.until === Infinity ? null : new Date(e.until).toISOString();
    return out;
}

/** Forgets the faults used up or expired. */
function prune() {
    const now = Date.now();
    armed = armed.filter((e) => e.count > 0 && e.until > now);
}

/** The first armed fault of `kind` that `test` accepts, used once; or undefined. */
function take(kind, test = () => true) {
    prune();
    const e = armed.find((x) => x.fault === kind && test(x));
    if (e) --e.count;
    return e;
}
const matches = (e, method, path) => (e.method === "*" || e.method === method) && e.path.test(path);

// ---- HTTP --------------------------------------------------------------------------------
function readBody(req) {
    return new Promise((resolve, reject) => {
        const parts = [];
        req.on("data", (c) => parts.push(c));
        req.on("end", () => resolve(Buffer.concat(parts)));
        req.on("error", reject);
    });
}

function answer(res, status, value, headers = {}) {
    const body = value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers });
    res.end(body);
}

/** The client's request headers for the upstream (its own Host and hop-by-hop headers out). */
function forwardedHeaders(headers) {
    const out = { ...headers };
    for (const h of ["host", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"]) delete out[h];
    return out;
}

/** One request to the upstream: {status, headers, body}. */
function upstreamRequest(method, path, headers, body) {
    return new Promise((resolve, reject) => {
        const h = forwardedHeaders(headers);
        if (body && body.length > 0) h["content-length"] = String(body.length);
        else delete h["content-length"];
        const r = http.request({ host: upstream.hostname, port: upstream.port, method, path, headers: h, agent }, (res) => {
            readBody(res).then((b) => resolve({ status: res.statusCode, headers: res.headers, body: b }), reject);
        });
        r.on("error", reject);
        if (body && body.length > 0) r.write(body);
        r.end();
    });
}

function passBack(res, reply) {
    const headers = { ...reply.headers };
    for (const h of ["connection", "keep-alive", "transfer-encoding"]) delete headers[h];
    headers["content-length"] = String(reply.body.length);
    res.writeHead(reply.status, headers);
    res.end(reply.body);
}

/** The bulk itself, item by item, leaving the first `keep` items untouched and failed. */
async function failingBulk(fault, req, res, query) {
    const auth = { "apca-api-key-id": req.headers["apca-api-key-id"], "apca-api-secret-key": req.headers["apca-api-secret-key"] };
    const items = [];
    if (fault.bulk === "orders") {
        const list = await upstreamRequest("GET", "/v2/orders?status=open&limit=500&direction=asc", auth);
        if (list.status !== 200) return passBack(res, list);
        const open = JSON.parse(list.body.toString()).filter((o) => o.status !== "pending_cancel");
        for (const [i, o] of open.entries()) {
            if (i < fault.keep) {
                items.push({ id: o.id, status: 500, body: { code: 50010000, message: "the order could not be cancelled now (fail207)" } });
                continue;
            }
            const del = await upstreamRequest("DELETE", `/v2/orders/${o.id}`, auth);
            if (del.status >= 300) {
                items.push({ id: o.id, status: del.status, body: JSON.parse(del.body.toString() || "{}") });
                continue;
            }
            const now = await upstreamRequest("GET", `/v2/orders/${o.id}`, auth);
            items.push({ id: o.id, status: 200, body: JSON.parse(now.body.toString()) });
        }
    } else {
        if (query.get("cancel_orders") === "true") await upstreamRequest("DELETE", "/v2/orders", auth);
        const list = await upstreamRequest("GET", "/v2/positions", auth);
        if (list.status !== 200) return passBack(res, list);
        const held = JSON.parse(list.body.toString());
        for (const [i, p] of held.entries()) {
            if (i < fault.keep) {
                items.push({ symbol: p.symbol, status: 500, body: { code: 50010000, message: "the position could not be closed now (fail207)", symbol: p.symbol } });
                continue;
            }
            const del = await upstreamRequest("DELETE", `/v2/positions/${encodeURIComponent(p.symbol)}`, auth);
            items.push({ symbol: p.symbol, status: del.status, body: JSON.parse(del.body.toString() || "{}") });
        }
    }
    ++counters.faults.fail207;
    answer(res, 207, items);
}

async function handle(req, res) {
    const url = new URL(req.url, "http://proxy");
    const path = url.pathname;
    const method = req.method.toUpperCase();
    const body = await readBody(req);

    if (path === "/__faults") {
        if (method === "DELETE") {
            armed = [];
            downUntil.trade = downUntil.data = stalledUntil.trade = stalledUntil.data = 0;
            return answer(res, 200, { armed: [] });
        }
        if (method === "GET") {
            prune();
            return answer(res, 200, { armed: armed.map(describe) });
        }
        if (method !== "POST") return answer(res, 405, { message: "POST, GET or DELETE /__faults" });
        let faults;
        try {
            faults = JSON.parse(body.toString());
        } catch (err) {
            return answer(res, 400, { message: `the body is not JSON: ${err.message}` });
        }
        try {
            const list = Array.isArray(faults) ? faults : [faults];
            need(list.length > 0, "no fault given");
            // Every fault is checked before any is armed: a bad one arms none.
            const saved = { armed: [...armed], next: nextFaultId };
            try {
                return answer(res, 200, { armed: list.map(arm) });
            } catch (err) {
                armed = saved.armed;
                nextFaultId = saved.next;
                throw err;
            }
        } catch (err) {
            if (err instanceof BadFault) return answer(res, 400, { message: err.message });
            throw err;
        }
    }
    if (path === "/__counters") return answer(res, 200, counters);

    bump(counters.requests, `${method} ${path}`);
    if (method === "POST" && path === "/v2/orders") {
        let cid;
        try {
            cid = JSON.parse(body.toString()).client_order_id;
        } catch {
            cid = undefined;
        }
        bump(counters.ordersByClientOrderId, typeof cid === "string" ? cid : "(none)");
    }

    const refused = take("http", (e) => matches(e, method, path));
    if (refused) {
        ++counters.faults.httpAnswered;
        const headers = { ...refused.headers };
        if (refused.status === 429) {
            headers["X-Ratelimit-Limit"] ??= "200";
            headers["X-Ratelimit-Remaining"] ??= "0";
            headers["X-Ratelimit-Reset"] ??= String(Math.floor(Date.now() / 1000) + refused.resetInSeconds);
        }
        const fallback = { code: refused.status === 429 ? 42910000 : refused.status * 100000, message: `fault injected: HTTP ${refused.status}` };
        return answer(res, refused.status, refused.body ?? fallback, headers);
    }
    if (method === "DELETE" && (path === "/v2/orders" || path === "/v2/positions")) {
        const bulk = take("fail207", (e) => e.bulk === path.slice(4));
        if (bulk) return failingBulk(bulk, req, res, url.searchParams);
    }
    const swallow = take("swallow", (e) => matches(e, method, path));
    if (swallow?.cut) {
        // The stream dies as the request goes out: what the server says of it there is lost.
        if (swallow.downMs > 0) downUntil[swallow.cut] = Date.now() + swallow.downMs;
        cut(swallow.cut);
    }
    const reply = await upstreamRequest(method, req.url, req.headers, body);
    if (swallow) {
        // The upstream has done it; the client hears nothing (or loses the connection).
        ++counters.faults.swallowed;
        if (swallow.close) req.socket.destroy();
        return;
    }
    const patch = reply.status === 200 ? take("patch", (e) => matches(e, method, path)) : undefined;
    if (patch) {
        // The server's answer with some of its fields said otherwise (an asset Alpaca will not lend).
        let value;
        try {
            value = JSON.parse(reply.body.toString());
        } catch {
            value = undefined;
        }
        if (value && typeof value === "object" && !Array.isArray(value)) {
            ++counters.faults.patched;
            reply.body = Buffer.from(JSON.stringify({ ...value, ...patch.set }));
        }
    }
    passBack(res, reply);
}

const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
        if (!res.headersSent) answer(res, 502, { code: 50200000, message: `proxy: the upstream failed: ${err.message}` });
        else res.destroy();
    });
});
server.keepAliveTimeout = 60_000;

// ---- WebSocket streams ---------------------------------------------------------------------
const wss = new WebSocketServer({ noServer: true, autoPong: false });

function streamFor(path) {
    if (path === "/stream") return "trade";
    if (/^\/v2\/[A-Za-z0-9_]+$/.test(path)) return "data";
    return undefined;
}

/** Closes every connection of `stream` abruptly; how many there were. */
function cut(stream) {
    const pairs = [...live[stream]];
    for (const pair of pairs) pair.cut();
    counters.streams[stream].dropped += pairs.length;
    return pairs.length;
}

function refuse(socket, status, text) {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

server.on("upgrade", (req, socket, head) => {
    const path = new URL(req.url, "http://proxy").pathname;
    const stream = streamFor(path);
    if (!stream) return refuse(socket, 404, "Not Found");
    if (Date.now() < downUntil[stream]) {
        ++counters.streams[stream].refused;
        return refuse(socket, 503, "Service Unavailable");
    }
    socket.on("error", () => socket.destroy()); // a client gone before the upgrade completed
    const headers = forwardedHeaders(req.headers);
    for (const h of Object.keys(headers)) if (h.startsWith("sec-websocket-")) delete headers[h];
    const up = new WebSocket(`ws://${upstream.host}${req.url}`, { headers, perMessageDeflate: false });
    up.once("unexpected-response", (_r, res) => {
        refuse(socket, res.statusCode, res.statusMessage ?? "Bad Gateway");
        up.terminate();
    });
    up.once("error", () => {
        if (!socket.destroyed) refuse(socket, 502, "Bad Gateway");
    });
    up.once("open", () => {
        wss.handleUpgrade(req, socket, head, (client) => pair(stream, client, up));
    });
});

function pair(stream, client, up) {
    ++counters.streams[stream].opened;
    let held; // the first of a reordered pair: {data, isBinary}
    const entry = {
        cut() {
            client.terminate();
            up.terminate();
        },
    };
    live[stream].add(entry);
    const stalled = () => Date.now() < stalledUntil[stream];
    const isTradeUpdate = (data) => {
        try {
            return JSON.parse(data.toString()).stream === "trade_updates";
        } catch {
            return false;
        }
    };

    client.on("ping", (data) => {
        if (!stalled()) client.pong(data);
    });
    client.on("message", (data, isBinary) => {
        if (stalled() || up.readyState !== WebSocket.OPEN) return void ++counters.messages.dropped;
        up.send(data, { binary: isBinary });
        ++counters.messages.forwarded;
    });
    up.on("message", (data, isBinary) => {
        if (stalled() || client.readyState !== WebSocket.OPEN) return void ++counters.messages.dropped;
        if (stream === "trade" && isTradeUpdate(data)) {
            if (held) {
                client.send(data, { binary: isBinary });
                client.send(held.data, { binary: held.isBinary });
                held = undefined;
                counters.messages.forwarded += 2;
                ++counters.messages.reordered;
                return;
            }
            if (take("reorder")) {
                held = { data, isBinary };
                return;
            }
            if (take("repeat")) {
                client.send(data, { binary: isBinary });
                ++counters.messages.repeated;
            }
        }
        client.send(data, { binary: isBinary });
        ++counters.messages.forwarded;
    });
    const end = (ws) => (code, reason) => {
        live[stream].delete(entry);
        if (ws.readyState === WebSocket.OPEN) ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
        else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    };
    client.on("close", end(up));
    up.on("close", end(client));
    client.on("error", () => up.terminate());
    up.on("error", () => client.terminate());
}

// ---- start and stop ------------------------------------------------------------------------
server.listen(port, "127.0.0.1", () => {
    console.log(`listening ${server.address().port}`);
});
server.on("error", (err) => {
    console.error(`proxy: cannot listen on 127.0.0.1:${port}: ${err.message}`);
    process.exit(1);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
// A socket's error in a corner not foreseen above is told, not fatal: the tests behind the
// proxy would otherwise see every stream and request fail at once.
process.on("uncaughtException", (err) => console.error(`proxy: ${err.stack ?? err}`));
