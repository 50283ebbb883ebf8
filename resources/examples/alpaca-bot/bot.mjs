// A small Alpaca bot, written against Alpaca's official JavaScript SDK and nothing else, that
// trades through Vigil's gateway instead of Alpaca: only its base URL and stream URLs differ.
//
// The rule (mean reversion, long only): for each symbol, the mid of the last WINDOW quotes
// from the data stream; when the mid dips ENTRY_BPS below their average, buy QTY at the
// market (up to MAX_POSITION shares), and rest a limit sell for that lot TAKE_PROFIT_BPS
// above its fill price. One entry per symbol at a time, and no faster than one per
// MIN_ORDER_INTERVAL_MS, so a busy market cannot flood the gateway (two symbols at the
// defaults: about 130 requests a minute, inside the gateway's 200).
//
// It reads its trade_updates stream for its fills and cancels (including those Vigil makes
// for it: a kill cancels its orders and flattens it) and respects Vigil's refusals:
//   403 while trading is allowed (paused: the account is reduce-only) -> no new entries for
//       REDUCE_ONLY_RETRY_MS, exits still go;
//   403 with the account's trading_blocked (halted or killed) -> nothing is sent until the
//       account says trading is allowed again;
//   429 (its request budget) -> it waits as long as the answer says.
// On SIGTERM/SIGINT, at the close, or after RUN_SECONDS it cancels its orders, closes its
// positions (unless trading is blocked: then it waits for Vigil's flattening) and exits 0
// flat, 1 if still holding anything.
//
// Environment: VIGIL_GATEWAY_URL (http://127.0.0.1:8788), VIGIL_BOT_KEY_ID, VIGIL_BOT_SECRET
// (or Alpaca's APCA_API_BASE_URL, APCA_API_KEY_ID, APCA_API_SECRET_KEY);
// BOT_SYMBOLS (AAPL,MSFT), BOT_QTY (1), BOT_MAX_POSITION (10), BOT_WINDOW (20),
// BOT_ENTRY_BPS (5), BOT_TAKE_PROFIT_BPS (50), BOT_MIN_ORDER_INTERVAL_MS (2000),
// BOT_REDUCE_ONLY_RETRY_MS (5000), BOT_RUN_SECONDS (0: until the close),
// BOT_EVENT_LOG (a file: every event the bot receives and every refusal, one JSON per line).

import { appendFileSync } from "node:fs";
import { OrdersApi, trading, streaming, ApiError, PermissionError, RateLimitError } from "@alpacahq/alpaca-trade-api";

function setting(name, fallback) {
    const value = process.env[name];
    if (value === undefined || value === "") {
        if (fallback === undefined) {
            console.error(`alpaca-bot: ${name} is not set`);
            process.exit(2);
        }
        return fallback;
    }
    return value;
}
function number(name, fallback, min) {
    const text = setting(name, String(fallback));
    const value = Number(text);
    if (!Number.isFinite(value) || value < min) {
        console.error(`alpaca-bot: ${name}=${text} is not a number of at least ${min}`);
        process.exit(2);
    }
    return value;
}

// Alpaca's own variable names work too (APCA_API_BASE_URL is what Vigil sets for a bot it
// starts itself; the keys are the bot's own business, never Vigil's configuration).
const baseUrl = setting("VIGIL_GATEWAY_URL", process.env.APCA_API_BASE_URL).replace(/\/+$/, "");
const credentials = {
    keyId: setting("VIGIL_BOT_KEY_ID", process.env.APCA_API_KEY_ID),
    secret: setting("VIGIL_BOT_SECRET", process.env.APCA_API_SECRET_KEY),
};
const symbols = setting("BOT_SYMBOLS", "AAPL,MSFT").split(",").map((s) => s.trim()).filter(Boolean);
const qty = number("BOT_QTY", 1, 1);
const maxPosition = number("BOT_MAX_POSITION", 10, 1);
const windowSize = number("BOT_WINDOW", 20, 2);
const entryBps = number("BOT_ENTRY_BPS", 5, 0);
const takeProfitBps = number("BOT_TAKE_PROFIT_BPS", 50, 1);
const minOrderIntervalMs = number("BOT_MIN_ORDER_INTERVAL_MS", 2000, 0);
const reduceOnlyRetryMs = number("BOT_REDUCE_ONLY_RETRY_MS", 5000, 0);
const runSeconds = number("BOT_RUN_SECONDS", 0, 0);
const eventLog = process.env.BOT_EVENT_LOG;

// ---- what the bot knows -------------------------------------------------------------
const book = Object.fromEntries(symbols.map((s) => [s, { mids: [], position: 0, entryWorking: false, lastOrderAt: 0 }]));
let mode = "trading"; // "trading" | "reduce-only" (paused) | "blocked" (halted or killed) | "stopping"
let reduceOnlyUntil = 0;
let pausedUntil = 0; // a 429's wait
let orderCount = 0;

function log(record) {
    const line = JSON.stringify({ at: new Date().toISOString(), ...record });
    if (eventLog) appendFileSync(eventLog, line + "\n");
    else console.log(line);
}
function setMode(next, why) {
    if (mode === next) return;
    mode = next;
    log({ type: "mode", mode, why });
}

// ---- Alpaca's SDK, pointed at Vigil ------------------------------------------------------
// The facade (new Alpaca(...)) has no base path; each API class takes a Configuration whose
// basePath wins. Without `rateLimit` it does not throttle itself: Vigil answers 429 instead.
const config = new trading.Configuration({ basePath: baseUrl, keyId: credentials.keyId, secret: credentials.secret, timeoutMs: 10_000 });
const orders = new OrdersApi(config);
const positions = new trading.PositionsApi(config);
const account = new trading.AccountsApi(config);
const clock = new trading.ClockApi(config);
const wsBase = baseUrl.replace(/^http/, "ws");
const tradeStream = new streaming.TradingStream({ credentials, url: `${wsBase}/stream` });
const dataStream = new streaming.StockDataStream({ credentials, url: `${wsBase}/v2/iex` });

/** Sends one order; returns it, or null when Vigil refused it (and the bot adapted). */
async function send(kind, input) {
    if (mode === "blocked" || mode === "stopping" || Date.now() < pausedUntil) return null;
    const clientOrderId = `ex-${process.pid}-${++orderCount}`;
    const sentAt = new Date().toISOString();
    try {
        const order = await orders[kind]({ ...input, clientOrderId });
        log({ type: "order", sent_at: sentAt, id: order.id, client_order_id: order.clientOrderId, symbol: order.symbol, side: order.side, order_type: order.type, qty: order.qty, limit_price: order.limitPrice ?? null, status: order.status });
        return order;
    } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        log({ type: "refused", sent_at: sentAt, status: err.status, code: err.code ?? null, message: err.message, symbol: input.symbol, side: input.side, client_order_id: clientOrderId });
        if (err instanceof RateLimitError) {
            pausedUntil = Date.now() + (err.retryAfterMs ?? 1000);
        } else if (err instanceof PermissionError) {
            // Paused answers entries 403 but still takes exits; halted and killed refuse all.
            const a = await account.getAccount();
            if (a.tradingBlocked) setMode("blocked", err.message);
            else if (input.side === "buy") {
                reduceOnlyUntil = Date.now() + reduceOnlyRetryMs;
                setMode("reduce-only", err.message);
            }
        }
        return null;
    }
}

async function onQuote(q) {
    const s = book[q.symbol];
    if (!s || !(q.bidPrice > 0) || !(q.askPrice >= q.bidPrice)) return;
    const mid = (q.bidPrice + q.askPrice) / 2;
    s.mids.push(mid);
    if (s.mids.length > windowSize) s.mids.shift();
    if (s.mids.length < windowSize || s.entryWorking) return;
    if (mode === "reduce-only" && Date.now() >= reduceOnlyUntil) setMode("trading", "trying entries again");
    if (mode !== "trading" || s.position + qty > maxPosition) return;
    if (Date.now() - s.lastOrderAt < minOrderIntervalMs) return;
    const average = s.mids.reduce((a, b) => a + b, 0) / s.mids.length;
    if (mid > average * (1 - entryBps / 10_000)) return;
    s.entryWorking = true;
    s.lastOrderAt = Date.now();
    const order = await send("market", { symbol: q.symbol, qty, side: "buy", timeInForce: "day" });
    if (!order) s.entryWorking = false; // else until its fill, cancel or rejection
}

async function onTradeUpdate(u) {
    const o = u.order;
    log({ type: "trade_update", event: u.event, timestamp: u.timestamp ? u.timestamp.toISOString() : null, id: o.id, client_order_id: o.clientOrderId, symbol: o.symbol, side: o.side, order_type: o.type, status: o.status, qty: u.qty ?? null, price: u.price ?? null, position_qty: u.positionQty ?? null });
    const s = book[o.symbol];
    if (!s) return;
    if (u.positionQty !== undefined) s.position = Number(u.positionQty);
    const done = ["fill", "canceled", "expired", "rejected"].includes(u.event);
    if (o.side === "buy" && done) s.entryWorking = false;
    // A filled entry gets its own take-profit: a limit sell of that lot (an exit: allowed when paused).
    if (u.event === "fill" && o.side === "buy" && o.clientOrderId?.startsWith("ex-") && mode !== "stopping") {
        const price = (Number(o.filledAvgPrice) * (1 + takeProfitBps / 10_000)).toFixed(2);
        await send("limit", { symbol: o.symbol, qty: Number(o.filledQty), side: "sell", limitPrice: price, timeInForce: "day" });
    }
}

/** Watches the account while trading is blocked, and the clock for the close. */
async function watch() {
    const now = await clock.legacyClock();
    if (now.isOpen) seenOpen = true;
    else if (seenOpen && mode !== "stopping") return stop("the market is closed");
    if (mode === "blocked") {
        const a = await account.getAccount();
        if (!a.tradingBlocked) setMode("trading", "the account allows trading again");
    }
}

let seenOpen = false;
let stopping;
async function stop(why) {
    if (stopping) return stopping;
    const blocked = mode === "blocked";
    setMode("stopping", why);
    stopping = (async () => {
        if (!blocked) {
            try {
                await orders.deleteAllOrders();
                await positions.deleteAllOpenPositions({ cancelOrders: true });
            } catch (err) {
                log({ type: "error", when: "flattening", message: err.message, status: err.status ?? null });
            }
        }
        // Flat once every close has filled (Vigil's own, after a kill, included).
        let held = [];
        for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
            held = await positions.getAllOpenPositions();
            if (held.length === 0) break;
        }
        log({ type: "exit", why, flat: held.length === 0, positions: held.map((p) => `${p.symbol} ${p.qty}`) });
        tradeStream.disconnect();
        dataStream.disconnect();
        process.exit(held.length === 0 ? 0 : 1);
    })();
    return stopping;
}

// ---- start --------------------------------------------------------------------------
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
const failed = (what) => (err) => log({ type: "error", when: what, message: err?.message ?? String(err), status: err?.status ?? null });

const a = await account.getAccount();
log({ type: "start", account: a.id, buying_power: a.buyingPower, symbols, trading_blocked: a.tradingBlocked });
if (a.tradingBlocked) setMode("blocked", "the account is blocked at the start");
for (const p of await positions.getAllOpenPositions()) if (book[p.symbol]) book[p.symbol].position = Number(p.qty);

tradeStream.onTradeUpdate((u) => onTradeUpdate(u).catch(failed("trade update")));
tradeStream.onError((e) => log({ type: "error", when: "trading stream", message: e }));
tradeStream.on(streaming.EVENT.SUBSCRIPTION, (s) => log({ type: "listening", streams: s }));
tradeStream.subscribeTradeUpdates();
tradeStream.connect();
if (!(await tradeStream.waitForAuthentication(10_000))) {
    log({ type: "error", when: "trading stream", message: "not authorized" });
    process.exit(1);
}

dataStream.onQuote((q) => onQuote(q).catch(failed("quote")));
dataStream.onError((e) => log({ type: "error", when: "data stream", message: e }));
dataStream.subscribeForQuotes(symbols);
dataStream.connect();

setInterval(() => watch().catch(failed("watch")), 5000);
if (runSeconds > 0) setTimeout(() => stop(`ran ${runSeconds} s`), runSeconds * 1000);
