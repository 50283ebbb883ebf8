// Alpaca's official JavaScript SDK (@alpacahq/alpaca-trade-api 4.0.2, pinned by this folder's
// package-lock.json) against a running Vigil gateway: the REST calls a bot makes, the
// trade_updates of an order's whole life on the SDK's trading stream, and quotes and bars in
// MessagePack on the SDK's market data stream. Only the SDK's public API is used; README.md
// in this folder says what the SDK sends and expects.
//
//   VIGIL_GATEWAY_URL=http://127.0.0.1:8788 VIGIL_BOT_KEY_ID=... VIGIL_BOT_SECRET=... \
//     node tests/alpaca-sdk/conformance.mjs
//
// One line per check on stdout; the first failure says what differed and exits 1. Every wait
// has a timeout. The bot must start flat with no working orders, and the simulated market
// must open within VIGIL_OPEN_TIMEOUT_MS (default 60000).

import { OrdersApi, trading, streaming, ApiError } from "@alpacahq/alpaca-trade-api";
import { WebSocket } from "ws";

const SYMBOLS = ["AAPL", "MSFT"]; // both in the simulator's default universe
const WAIT_MS = 20_000; // for one stream event or one state change
const REST_TIMEOUT_MS = 10_000;

class CheckFailed extends Error {}

function env(name) {
    const value = process.env[name];
    if (!value) {
        console.error(`conformance: ${name} is not set (VIGIL_GATEWAY_URL, VIGIL_BOT_KEY_ID, VIGIL_BOT_SECRET)`);
        process.exit(2);
    }
    return value;
}

const baseUrl = env("VIGIL_GATEWAY_URL").replace(/\/+$/, "");
const keyId = env("VIGIL_BOT_KEY_ID");
const secret = env("VIGIL_BOT_SECRET");
const wsBase = baseUrl.replace(/^http/, "ws");
const openTimeoutMs = Number(process.env.VIGIL_OPEN_TIMEOUT_MS ?? 60_000);

function fail(what) {
    throw new CheckFailed(what);
}
function expect(condition, what) {
    if (!condition) fail(what);
}
function ok(name, detail = "") {
    console.log(`ok   ${name}${detail ? ": " + detail : ""}`);
}
const show = (v) => JSON.stringify(v);
const is = (v, n) => isDecimal(v) && Number(v) === Number(n); // a decimal string of that value ("2", "2.0")
const isDecimal = (v) => typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v);
const isDate = (v) => v instanceof Date && !Number.isNaN(v.getTime());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value other than undefined, or fails naming `what`. */
async function waitFor(what, probe, timeoutMs = WAIT_MS) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline) fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await sleep(50);
    }
}

/** Runs `call`, which must be refused with HTTP `status`; returns the ApiError. */
async function refused(what, status, call) {
    try {
        const value = await call();
        fail(`${what}: expected HTTP ${status}, got a success: ${show(value)}`);
    } catch (err) {
        if (err instanceof CheckFailed) throw err;
        if (!(err instanceof ApiError)) fail(`${what}: expected HTTP ${status}, got ${err?.name}: ${err?.message}${err?.cause ? ` (${err.cause.message}${err.cause.cause ? ": " + err.cause.cause.message : ""})` : ""}`);
        expect(err.status === status, `${what}: expected HTTP ${status}, got ${err.status} (${err.code}: ${err.message})`);
        return err;
    }
}

// ---- REST clients: one Configuration whose basePath points at Vigil ------------------
// (A raw Configuration has no client-side rate limiter and no retries; the Alpaca facade
// would add both and has no base path of its own.)
const config = new trading.Configuration({ basePath: baseUrl, keyId, secret, timeoutMs: REST_TIMEOUT_MS });
const orders = new OrdersApi(config);
const positions = new trading.PositionsApi(config);
const accounts = new trading.AccountsApi(config);
const clock = new trading.ClockApi(config);
const assets = new trading.AssetsApi(config);
const activities = new trading.AccountActivitiesApi(config);

// ---- streams --------------------------------------------------------------------------
const credentials = { keyId, secret };
const updates = []; // every trade update, in arrival order
const streamErrors = [];
let tradeStream;
let dataStream;

/** The updates of one order, by its id. */
const eventsOf = (id) => updates.filter((u) => u.order.id === id);

function checkUpdate(u) {
    const where = `trade update ${u.event} of ${u.order.id}`;
    expect(isDate(u.timestamp), `${where}: timestamp missing or not RFC 3339: ${show(u["timestamp"])}`);
    expect(typeof u.order.id === "string" && u.order.id.length > 0, `${where}: order.id missing`);
    expect(typeof u.order.clientOrderId === "string", `${where}: order.client_order_id missing`);
    if (u.event === "fill" || u.event === "partial_fill") {
        expect(isDecimal(u.price), `${where}: price is not a decimal string: ${show(u.price)}`);
        expect(isDecimal(u.qty), `${where}: qty is not a decimal string: ${show(u.qty)}`);
        expect(isDecimal(u.positionQty), `${where}: position_qty is not a decimal string: ${show(u.positionQty)}`);
        expect(typeof u.executionId === "string" && u.executionId.length > 0, `${where}: execution_id missing`);
        expect(isDecimal(u.order.filledQty) && Number(u.order.filledQty) > 0, `${where}: order.filled_qty ${show(u.order.filledQty)}`);
        expect(isDecimal(u.order.filledAvgPrice), `${where}: order.filled_avg_price ${show(u.order.filledAvgPrice)}`);
    }
}

/** Waits until order `id` has had `events` (in this order, others allowed between); returns its updates. */
async function lifeOf(id, events, label) {
    const seen = await waitFor(`${label}: trade updates ${events.join(" .. ")}`, () => {
        const mine = eventsOf(id).map((u) => u.event);
        let at = 0;
        for (const e of mine) if (e === events[at]) at += 1;
        return at === events.length ? eventsOf(id) : undefined;
    });
    seen.forEach(checkUpdate);
    const last = seen[seen.length - 1].event;
    expect(last === events[events.length - 1], `${label}: an update after ${events.at(-1)}: ${seen.map((u) => u.event).join(", ")}`);
    return seen;
}

// Frames as they arrive on the data stream's socket: the SDK's own socket options (its
// default factory's: no per-message deflate, Content-Type application/msgpack), with a
// listener that notes each frame's kind before the SDK decodes it.
const rawFrames = { binary: 0, text: 0, withTimestampExt: 0 };
function tappedSocket(url) {
    const socket = new WebSocket(url, { perMessageDeflate: false, headers: { "Content-Type": "application/msgpack" } });
    socket.on("message", (data, isBinary) => {
        if (!isBinary) {
            rawFrames.text += 1;
            return;
        }
        rawFrames.binary += 1;
        // MessagePack's timestamp extension (type -1 = 0xff): fixext 4 (d6), fixext 8 (d7) or ext 8 with 12 bytes (c7 0c).
        const b = Buffer.from(data);
        for (let i = 0; i + 1 < b.length; i += 1) {
            if (((b[i] === 0xd6 || b[i] === 0xd7) && b[i + 1] === 0xff) || (b[i] === 0xc7 && b[i + 1] === 0x0c && b[i + 2] === 0xff)) {
                rawFrames.withTimestampExt += 1;
                break;
            }
        }
    });
    return socket;
}

async function main() {
    // ---- a wrong secret learns nothing --------------------------------------------------
    const wrong = new trading.AccountsApi(new trading.Configuration({ basePath: baseUrl, keyId, secret: secret + "x", timeoutMs: REST_TIMEOUT_MS }));
    await refused("GET /v2/account with a wrong secret", 401, () => wrong.getAccount());
    ok("a wrong secret is refused", "401");

    // ---- clock: wait for the simulated session to open ----------------------------------
    const c = await waitFor("the market to open (GET /v2/clock is_open)", async () => {
        const now = await clock.legacyClock();
        return now.isOpen === true ? now : undefined;
    }, openTimeoutMs);
    expect(isDate(c.timestamp) && isDate(c.nextOpen) && isDate(c.nextClose), `clock: a time is not RFC 3339: ${show(c)}`);
    expect(c.nextClose > c.timestamp, `clock: next_close ${c.nextClose.toISOString()} is not after timestamp ${c.timestamp.toISOString()}`);
    expect(c.nextOpen > c.timestamp, `clock: next_open ${c.nextOpen.toISOString()} is not after timestamp while open`);
    ok("clock", `open, ${c.timestamp.toISOString()}, closes ${c.nextClose.toISOString()}`);

    // ---- account ----------------------------------------------------------------------
    const a = await accounts.getAccount();
    expect(typeof a.id === "string" && a.id.length > 0, `account: id missing: ${show(a)}`);
    expect(a.status === "ACTIVE", `account: status ${show(a.status)}, expected "ACTIVE"`);
    expect(a.currency === "USD", `account: currency ${show(a.currency)}`);
    for (const field of ["cash", "buyingPower", "equity", "lastEquity", "longMarketValue", "shortMarketValue"])
        expect(isDecimal(a[field]), `account: ${field} is not a decimal string: ${show(a[field])}`);
    expect(Number(a.buyingPower) > 0, `account: buying_power ${a.buyingPower}`);
    expect(a.tradingBlocked === false && a.accountBlocked === false, `account: blocked (trading ${a.tradingBlocked}, account ${a.accountBlocked})`);
    ok("account", `buying power ${a.buyingPower}, equity ${a.equity}`);

    // ---- assets -------------------------------------------------------------------------
    const list = await assets.getV2Assets({ status: "active" });
    expect(Array.isArray(list) && list.length > 0, `assets: empty list`);
    for (const s of SYMBOLS) {
        const entry = list.find((x) => x.symbol === s);
        expect(entry, `assets: ${s} is not listed (${list.map((x) => x.symbol).join(", ")})`);
        expect(entry._class === "us_equity" && entry.tradable === true && typeof entry.id === "string",
            `assets: ${s} is ${show(entry)}`);
        const one = await assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: s });
        expect(one.symbol === s && one.id === entry.id && one.status === "active", `assets/${s}: ${show(one)} differs from the list's ${show(entry)}`);
    }
    await refused("GET /v2/assets/NOSUCH", 404, () => assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: "NOSUCH" }));
    ok("assets", `${list.length} listed; ${SYMBOLS.join(", ")} one by one; an unknown one is 404`);

    // ---- starting point: flat, nothing working --------------------------------------
    const startPositions = await positions.getAllOpenPositions();
    expect(startPositions.length === 0, `the bot must start flat: ${show(startPositions)}`);
    const startOpen = await orders.getAllOrders({ status: "open" });
    expect(startOpen.length === 0, `the bot must start with no working orders: ${show(startOpen.map((o) => o.id))}`);

    // ---- market data stream (MessagePack): quotes and bars of the subscribed symbols --
    const quotes = [];
    const bars = [];
    let trades = 0;
    let dataSubscription;
    dataStream = new streaming.StockDataStream({ credentials, url: `${wsBase}/v2/iex`, reconnect: false, wsFactory: tappedSocket });
    dataStream.onError((e) => streamErrors.push(`data stream: ${e}`));
    dataStream.onQuote((q) => quotes.push(q));
    dataStream.onBar((b) => bars.push(b));
    dataStream.onTrade(() => (trades += 1));
    dataStream.on(streaming.EVENT.SUBSCRIPTION, (s) => (dataSubscription = s));
    dataStream.subscribeForQuotes(SYMBOLS);
    dataStream.subscribeForBars(SYMBOLS);
    dataStream.connect();
    const dataAuth = await dataStream.waitForAuthenticationResult(WAIT_MS);
    expect(dataAuth.authenticated, `data stream: not authenticated: ${dataAuth.status} ${dataAuth.code ?? ""} ${dataAuth.message}`);
    await waitFor("the data stream's subscription message", () =>
        dataSubscription && SYMBOLS.every((s) => dataSubscription.quotes.includes(s) && dataSubscription.bars.includes(s)) ? true : undefined);
    const mid = {};
    for (const s of SYMBOLS) {
        const q = await waitFor(`a quote for ${s} on the data stream`, () => quotes.find((x) => x.symbol === s));
        expect(q.bidPrice > 0 && q.askPrice >= q.bidPrice, `quote ${s}: bid ${q.bidPrice} ask ${q.askPrice}`);
        expect(q.bidSize > 0 && q.askSize > 0, `quote ${s}: sizes ${q.bidSize} x ${q.askSize}`);
        expect(isDate(q.timestamp) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/.test(q.timestampRaw ?? ""),
            `quote ${s}: timestamp ${show(q.timestampRaw)} is not MessagePack's timestamp extension (the SDK renders that with 9 digits and Z)`);
        expect(Math.abs(q.timestamp - c.timestamp) < 86_400_000, `quote ${s}: time ${q.timestamp.toISOString()} is not the session's (${c.timestamp.toISOString()})`);
        mid[s] = (q.bidPrice + q.askPrice) / 2;
    }
    ok("market data: quotes", `${SYMBOLS.map((s) => `${s} ${mid[s].toFixed(2)}`).join(", ")}`);

    // ---- trading stream -------------------------------------------------------------------
    let listening;
    tradeStream = new streaming.TradingStream({ credentials, url: `${wsBase}/stream`, reconnect: false });
    tradeStream.onError((e) => streamErrors.push(`trading stream: ${e}`));
    tradeStream.onTradeUpdate((u) => updates.push(u));
    tradeStream.on(streaming.EVENT.SUBSCRIPTION, (s) => (listening = s));
    tradeStream.subscribeTradeUpdates();
    tradeStream.connect();
    const tradeAuth = await tradeStream.waitForAuthenticationResult(WAIT_MS);
    expect(tradeAuth.authenticated, `trading stream: not authenticated: ${tradeAuth.status} ${tradeAuth.message}`);
    await waitFor("the trading stream's listening message for trade_updates", () =>
        Array.isArray(listening) && listening.includes("trade_updates") ? true : undefined);
    ok("trading stream", "authorized, listening to trade_updates");

    const run = Date.now().toString(36);
    const cid = (name) => `conf-${run}-${name}`;
    // Prices well inside the 5 % collar but too far from the market to fill in a few minutes.
    const far = (s, side) => (side === "buy" ? mid[s] * 0.97 : mid[s] * 1.03).toFixed(2);

    // ---- a market order's whole life --------------------------------------------------
    const m = await orders.market({ symbol: "AAPL", qty: 1, side: "buy", clientOrderId: cid("market") });
    expect(typeof m.id === "string" && m.id.length > 0, `POST /v2/orders (market): no id: ${show(m)}`);
    expect(m.clientOrderId === cid("market") && m.symbol === "AAPL" && m.side === "buy" && m.type === "market"
        && m.timeInForce === "day" && is(m.qty, 1), `POST /v2/orders (market): ${show(m)}`);
    expect(["accepted", "pending_new", "new", "partially_filled", "filled"].includes(m.status), `POST /v2/orders (market): status ${m.status}`);
    expect(isDate(m.createdAt) && isDate(m.submittedAt), `POST /v2/orders (market): created_at/submitted_at ${show([m.createdAt, m.submittedAt])}`);
    ok("submit a market order", `${m.id} ${m.status}`);
    const mLife = await lifeOf(m.id, ["new", "fill"], "market order");
    const mFill = mLife.at(-1);
    expect(is(mFill.qty, 1) && is(mFill.positionQty, 1) && mFill.order.status === "filled" && is(mFill.order.filledQty, 1),
        `market order's fill: qty ${mFill.qty}, position_qty ${mFill.positionQty}, order ${mFill.order.status} ${mFill.order.filledQty}`);
    expect(Math.abs(Number(mFill.price) - mid.AAPL) / mid.AAPL < 0.05, `market order's fill price ${mFill.price} is far from the mid ${mid.AAPL}`);
    ok("trade_updates of a market order", `${mLife.map((u) => u.event).join(" -> ")} at ${mFill.price}`);

    // ---- its fill as an account activity ---------------------------------------------------
    const fills = await activities.getAccountActivities({ activityTypes: ["FILL"], direction: "asc" });
    const act = fills.find((a) => a.orderId === m.id);
    expect(act && act.activityType === "FILL" && act.type === "fill" && act.symbol === "AAPL" && act.side === "buy"
        && is(act.qty, 1) && is(act.cumQty, 1) && is(act.leavesQty, 0) && act.orderStatus === "filled"
        && act.price === mFill.price && isDate(act.transactionTime)
        && typeof act.id === "string" && /^\d{17}::/.test(act.id) && act.id.endsWith("::" + mFill.executionId),
        `GET /v2/account/activities?activity_types=FILL: the market order's fill ${show(act)} of ${show(fills)}`);
    const byType = await activities.getAccountActivitiesByActivityType({ activityType: "FILL", date: act.transactionTime });
    expect(byType.some((a) => a.id === act.id), `GET /v2/account/activities/FILL?date=(its day): ${show(byType)}`);
    const dividends = await activities.getAccountActivitiesByActivityType({ activityType: "DIV" });
    expect(Array.isArray(dividends) && dividends.length === 0, `GET /v2/account/activities/DIV: ${show(dividends)}`);
    ok("account activities", `the fill as FILL ${act.id}, cum_qty ${act.cumQty}; no DIV`);

    // ---- a limit order, worked then cancelled -------------------------------------------
    const l = await orders.limit({ symbol: "MSFT", qty: 2, side: "buy", limitPrice: far("MSFT", "buy"), timeInForce: "day", clientOrderId: cid("limit") });
    expect(l.clientOrderId === cid("limit") && l.type === "limit" && is(l.limitPrice, far("MSFT", "buy")) && is(l.qty, 2),
        `POST /v2/orders (limit): ${show(l)}`);
    await lifeOf(l.id, ["new"], "limit order");
    ok("submit a limit order", `${l.id} buy 2 MSFT at ${l.limitPrice}, new`);

    // ---- get by id and by client_order_id ----------------------------------------------
    const byId = await orders.getOrderByOrderID({ orderId: m.id });
    expect(byId.id === m.id && byId.clientOrderId === m.clientOrderId && byId.status === "filled" && is(byId.filledQty, 1)
        && isDecimal(byId.filledAvgPrice) && isDate(byId.filledAt), `GET /v2/orders/${m.id}: ${show(byId)}`);
    const byCid = await orders.getOrderByClientOrderId({ clientOrderId: cid("limit") });
    expect(byCid.id === l.id && byCid.status === "new", `GET /v2/orders:by_client_order_id ${cid("limit")}: ${show(byCid)}`);
    await refused("GET /v2/orders/{unknown id}", 404, () => orders.getOrderByOrderID({ orderId: "00000000-0000-4000-8000-000000000000" }));
    await refused("GET /v2/orders:by_client_order_id (unknown)", 404, () => orders.getOrderByClientOrderId({ clientOrderId: cid("nosuch") }));
    ok("get an order by id and by client_order_id", "unknown ones are 404");

    // ---- list with status filters --------------------------------------------------------
    const ids = (xs) => xs.map((o) => o.id);
    const open = ids(await orders.getAllOrders({ status: "open" }));
    expect(open.includes(l.id) && !open.includes(m.id), `GET /v2/orders?status=open: ${show(open)}, expected ${l.id} and not ${m.id}`);
    const closed = ids(await orders.getAllOrders({ status: "closed" }));
    expect(closed.includes(m.id) && !closed.includes(l.id), `GET /v2/orders?status=closed: ${show(closed)}, expected ${m.id} and not ${l.id}`);
    const all = await orders.getAllOrders({ status: "all", direction: "asc" });
    expect(ids(all).indexOf(m.id) >= 0 && ids(all).indexOf(m.id) < ids(all).indexOf(l.id), `GET /v2/orders?status=all&direction=asc: ${show(ids(all))}`);
    const msft = await orders.getAllOrders({ status: "all", symbols: ["MSFT"] });
    expect(msft.length >= 1 && msft.every((o) => o.symbol === "MSFT"), `GET /v2/orders?symbols=MSFT: ${show(msft.map((o) => o.symbol))}`);
    const one = await orders.getAllOrders({ status: "all", limit: 1 });
    expect(one.length === 1 && one[0].id === l.id, `GET /v2/orders?status=all&limit=1 (newest first): ${show(ids(one))}`);
    ok("list orders", "status open, closed, all; direction, symbols, limit");

    // ---- a reused client_order_id is refused -----------------------------------------
    const dup = await refused("POST /v2/orders with a reused client_order_id", 422, () =>
        orders.limit({ symbol: "AAPL", qty: 3, side: "buy", limitPrice: far("AAPL", "buy"), clientOrderId: cid("market") }));
    expect(typeof dup.code === "number" && String(dup.code).length === 8 && dup.message, `reused client_order_id: body ${show({ code: dup.code, message: dup.message })}`);
    ok("a reused client_order_id is refused", `422 ${dup.code} ${dup.message}`);

    // ---- cancel one ------------------------------------------------------------------------
    const gone = await orders.deleteOrderByOrderID({ orderId: l.id }); // the SDK reads a 2xx with no body
    expect(gone === undefined, `DELETE /v2/orders/${l.id}: ${show(gone)}`);
    const lLife = await lifeOf(l.id, ["new", "canceled"], "cancelled limit order");
    const lNow = await orders.getOrderByOrderID({ orderId: l.id });
    expect(lNow.status === "canceled" && isDate(lNow.canceledAt), `GET /v2/orders/${l.id} after the cancel: ${lNow.status} ${show(lNow.canceledAt)}`);
    ok("cancel an order", `trade updates ${lLife.map((u) => u.event).join(" -> ")}`);

    // ---- positions: list, one, close one, close all ------------------------------------
    const m2 = await orders.market({ symbol: "MSFT", qty: 2, side: "buy", clientOrderId: cid("market2") });
    await lifeOf(m2.id, ["new", "fill"], "second market order");
    const held = await positions.getAllOpenPositions();
    const bySymbol = Object.fromEntries(held.map((p) => [p.symbol, p]));
    expect(held.length === 2 && is(bySymbol.AAPL?.qty, 1) && is(bySymbol.MSFT?.qty, 2), `GET /v2/positions: ${show(held.map((p) => [p.symbol, p.qty]))}`);
    for (const p of held) {
        expect(p.side === "long" && p.assetClass === "us_equity" && typeof p.assetId === "string", `position ${p.symbol}: ${show(p)}`);
        for (const f of ["avgEntryPrice", "marketValue", "costBasis", "unrealizedPl", "unrealizedPlpc", "unrealizedIntradayPl", "unrealizedIntradayPlpc", "currentPrice", "lastdayPrice", "changeToday"])
            expect(isDecimal(p[f]), `position ${p.symbol}: ${f} is not a decimal string: ${show(p[f])}`);
    }
    const aapl = await positions.getOpenPosition({ symbolOrAssetId: "AAPL" });
    expect(aapl.symbol === "AAPL" && is(aapl.qty, 1) && aapl.avgEntryPrice === bySymbol.AAPL.avgEntryPrice, `GET /v2/positions/AAPL: ${show(aapl)}`);
    ok("positions", `${held.map((p) => `${p.symbol} ${p.qty} @ ${p.avgEntryPrice}`).join(", ")}`);

    const closing = await positions.deleteOpenPosition({ symbolOrAssetId: "AAPL" });
    expect(typeof closing.id === "string" && closing.symbol === "AAPL" && closing.side === "sell" && is(closing.qty, 1),
        `DELETE /v2/positions/AAPL: expected the closing order, got ${show(closing)}`);
    const cLife = await lifeOf(closing.id, ["new", "fill"], "closing order of AAPL");
    expect(is(cLife.at(-1).positionQty, 0), `closing AAPL: position_qty after the fill ${cLife.at(-1).positionQty}`);
    await waitFor("GET /v2/positions/AAPL to answer 404 after the close", async () => {
        try {
            await positions.getOpenPosition({ symbolOrAssetId: "AAPL" });
            return undefined;
        } catch (err) {
            if (err instanceof ApiError && err.status === 404) return true;
            throw err;
        }
    });
    ok("close one position", `order ${closing.id}: ${cLife.map((u) => u.event).join(" -> ")}; AAPL is 404 now`);

    const closedAll = await positions.deleteAllOpenPositions({ cancelOrders: true });
    expect(Array.isArray(closedAll) && closedAll.length === 1, `DELETE /v2/positions: expected one item (MSFT), got ${show(closedAll)}`);
    const item = closedAll[0];
    expect(item.symbol === "MSFT" && Number(item.status) === 200 && item.body?.side === "sell" && is(item.body?.qty, 2),
        `DELETE /v2/positions item: ${show(item)}`);
    await lifeOf(item.body.id, ["new", "fill"], "closing order of MSFT");
    await waitFor("GET /v2/positions to be empty after closing all", async () => ((await positions.getAllOpenPositions()).length === 0 ? true : undefined));
    ok("close all positions", `207: ${item.symbol} ${item.status}, order ${item.body.id}; flat`);

    // ---- cancel all ----------------------------------------------------------------------
    const w1 = await orders.limit({ symbol: "AAPL", qty: 1, side: "buy", limitPrice: far("AAPL", "buy"), clientOrderId: cid("w1") });
    const w2 = await orders.limit({ symbol: "MSFT", qty: 1, side: "buy", limitPrice: far("MSFT", "buy"), clientOrderId: cid("w2") });
    await lifeOf(w1.id, ["new"], "working order 1");
    await lifeOf(w2.id, ["new"], "working order 2");
    const cancelled = await orders.deleteAllOrders();
    const cancelledIds = cancelled.map((x) => x.id).sort();
    expect(show(cancelledIds) === show([w1.id, w2.id].sort()) && cancelled.every((x) => Number(x.status) === 200),
        `DELETE /v2/orders: expected 207 items for ${w1.id} and ${w2.id} with status 200, got ${show(cancelled)}`);
    await lifeOf(w1.id, ["new", "canceled"], "working order 1 after cancel all");
    await lifeOf(w2.id, ["new", "canceled"], "working order 2 after cancel all");
    const stillOpen = await orders.getAllOrders({ status: "open" });
    expect(stillOpen.length === 0, `GET /v2/orders?status=open after cancel all: ${show(ids(stillOpen))}`);
    ok("cancel all orders", `207 with ${cancelled.length} items; both canceled on the stream`);

    // ---- bars, and nothing unasked for on the data stream ----------------------------
    for (const s of SYMBOLS) {
        const b = await waitFor(`a minute bar for ${s} on the data stream`, () => bars.find((x) => x.symbol === s), 90_000);
        expect(b.low <= Math.min(b.open, b.close) && b.high >= Math.max(b.open, b.close) && b.low > 0, `bar ${s}: o ${b.open} h ${b.high} l ${b.low} c ${b.close}`);
        expect(b.volume >= 0 && isDate(b.timestamp) && b.timestamp.getUTCSeconds() === 0 && b.timestamp.getUTCMilliseconds() === 0,
            `bar ${s}: volume ${b.volume}, start ${b.timestampRaw} (a bar starts on the minute)`);
        expect(/\.\d{9}Z$/.test(b.timestampRaw ?? ""), `bar ${s}: timestamp ${show(b.timestampRaw)} is not MessagePack's timestamp extension`);
    }
    const strangers = [...quotes, ...bars].filter((x) => !SYMBOLS.includes(x.symbol)).map((x) => x.symbol);
    expect(strangers.length === 0, `data stream: messages for symbols not subscribed: ${[...new Set(strangers)].join(", ")}`);
    expect(trades === 0, `data stream: ${trades} trades although only quotes and bars were subscribed`);
    expect(rawFrames.text === 0 && rawFrames.binary > 0, `data stream: ${rawFrames.text} text frames, ${rawFrames.binary} binary (MessagePack is binary)`);
    expect(rawFrames.withTimestampExt > 0, `data stream: no frame carried MessagePack's timestamp extension`);
    ok("market data: bars and MessagePack", `${quotes.length} quotes, ${bars.length} bars in ${rawFrames.binary} binary frames`);

    expect(streamErrors.length === 0, `stream errors: ${streamErrors.join("; ")}`);
    const strays = updates.filter((u) => ![m.id, l.id, m2.id, closing.id, item.body.id, w1.id, w2.id].includes(u.order.id));
    expect(strays.length === 0, `trade updates for orders this run did not make: ${show(strays.map((u) => [u.event, u.order.id]))}`);
    ok("streams", `${updates.length} trade updates, no errors`);
}

let code = 0;
try {
    await main();
    console.log("conformance: all checks passed");
} catch (err) {
    code = 1;
    if (err instanceof CheckFailed) console.log(`FAIL ${err.message}`);
    else if (err instanceof ApiError) console.log(`FAIL unexpected HTTP ${err.status} (${err.code ?? "no code"}): ${err.message}`);
    else console.log(`FAIL ${err?.name ?? "error"}: ${err?.message ?? err}${err?.cause ? ` (${err.cause.message ?? err.cause})` : ""}`);
    if (streamErrors.length) console.log(`     stream errors: ${streamErrors.join("; ")}`);
} finally {
    tradeStream?.disconnect();
    dataStream?.disconnect();
}
process.exit(code);
