// The failure stories of other trading systems' brokers, told against the loopback Alpaca
// (AlpacaStoryRig.h): a server vigil behind the fault proxy, and a client vigil on the Alpaca
// venue whose intraday strategy trades six symbols while a bot behind the client's own
// gateway places the orders each story needs, in XOM, which nothing else trades.
//
//  1. A fill made while the order stream is down is booked after the reconnect, once
//     (LEAN's IB brokerage #249).
//  2. A restart with a position held reconciles clean without closing it
//     (NautilusTrader 3104, 4736). The same day: the loopback server cannot start a second
//     day in the rig's time (see the report), so "held for days" is a position carried
//     across the client's restart.
//     An order working at the restart is still the client's to cancel; one that ends at the
//     server while the order stream is away is learnt after the gap, however long before it
//     was placed. A sell beyond the shares held of a symbol Alpaca will not lend is refused
//     before it leaves.
//  3. An order in flight when the client is killed (the server took it, the answer never
//     came) is learnt after the restart and never posted again; its fill is booked once
//     (NautilusTrader 3176).
//  4. After `vigil ctl kill` no new order leaves but the flatten's; whoever keeps deciding
//     (the bot) is refused and counted; the built-in strategies are stopped (hummingbot 2534).
//
// One server and one client for the whole program, at speed 120 (a day in ~3.3 minutes);
// the stories run in order on the same day. Every wait has a bound.
#include "AlpacaStoryRig.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <cmath>

using namespace vigil::testing;

namespace {

const QString kBotSymbol = QStringLiteral("XOM");
const QString kBotCode = QStringLiteral("st");

qint64 requests(const QJsonObject &counters, const QString &key)
{
    return counters.value(u"requests").toObject().value(key).toInteger();
}

/// The client order ids POST /v2/orders carried so far, each with how often.
QMap<QString, qint64> postedIds(const QJsonObject &counters)
{
    QMap<QString, qint64> out;
    const QJsonObject ids = counters.value(u"ordersByClientOrderId").toObject();
    for (auto it = ids.begin(); it != ids.end(); ++it)
        out[it.key()] = it.value().toInteger();
    return out;
}

} // namespace

class AlpacaStoriesTest : public QObject {
    Q_OBJECT

    AlpacaLoopback m_alpaca;
    AlpacaClient m_client;
    ClientBot m_bot;
    ClientBot m_otherBot; ///< a second bot on the bot's symbol: books opposed inside the account

    QString journal() const { return m_client.journal(); }

    /// Waits until the client's books hold what the server's do, symbol by symbol; the
    /// last difference when they do not within `timeoutMs`, else empty.
    QString positionsAgree(int timeoutMs)
    {
        QString last;
        const bool agree = waitUntil(
            [&] {
                const QMap<QString, qint64> server = serverPositions(m_alpaca);
                const QMap<QString, qint64> client = clientPositions(m_client.status());
                if (server == client)
                    return true;
                last = QStringLiteral("server: %1; client: %2").arg(describe(server), describe(client));
                return false;
            },
            timeoutMs);
        return agree ? QString() : last;
    }

    /// The bot's order (market, or limit at `limit`), placed once the client takes orders
    /// (after a start its broker link comes up first); the engine's client order id of it,
    /// or empty.
    QString placeBotOrder(qint64 qty, const QString &limit = {})
    {
        const QString before = newestOrderOf(journal(), kBotCode);
        AlpacaLoopback::Reply r;
        const bool placed = waitUntil(
            [&] {
                r = m_bot.order(kBotSymbol, qty, limit);
                return r.status == 200;
            },
            20'000);
        if (!placed) {
            qWarning("the bot's order was refused: %d %s", r.status, r.body.constData());
            return {};
        }
        QString id;
        waitUntil(
            [&] {
                id = newestOrderOf(journal(), kBotCode);
                return !id.isEmpty() && id != before;
            },
            10'000);
        return id == before ? QString() : id;
    }

    /// The bot's buy limit of `qty` 3 % under the server's bid (inside its price collar, far
    /// from a fill), once working at the server and in the client's journal; its client
    /// order id, or empty (and why, in the log).
    QString placeRestingOrder(qint64 qty)
    {
        const double bid = serverBid(m_alpaca, kBotSymbol);
        if (bid <= 0) {
            qWarning("the server has no bid of %s", qPrintable(kBotSymbol));
            return {};
        }
        const QString id = placeBotOrder(qty, QString::number(std::floor(bid * 0.97 * 100) / 100, 'f', 2));
        if (id.isEmpty()
            || !waitUntil([&] { return serverStatus(id) == u"new" && journalStatus(id) == u"accepted"; }, 20'000)) {
            qWarning("%s is %s at the server, %s in the journal", qPrintable(id), qPrintable(serverStatus(id)),
                     qPrintable(journalStatus(id)));
            return {};
        }
        return id;
    }

    /// The order's status in the client's journal ("accepted", "cancelled", ...).
    QString journalStatus(const QString &clientOrderId) const
    {
        return rows(journal(),
                    QStringLiteral("SELECT status FROM orders WHERE client_order_id = '%1'").arg(clientOrderId))
            .value(0);
    }

    QString serverStatus(const QString &clientOrderId)
    {
        return m_alpaca.orderByClientId(clientOrderId).object().value(u"status").toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        AlpacaLoopback::Options server;
        server.speed = QStringLiteral("120");
        server.deskLines = QStringLiteral("buying_power = \"50000000.00\"\n"
                                          "max_position_notional = \"50000000.00\"\n"
                                          "max_order_qty = 1000000\n");
        QString problem = m_alpaca.start(server);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        m_bot.port = GatewayRig::freePort();
        QVERIFY(m_bot.port != 0);
        AlpacaClient::Options client;
        client.requestsPerMinute = 5000;
        client.venueLines = QStringLiteral("reconnect_min_ms = 200\nreconnect_max_ms = 1000\n");
        client.strategies = QStringLiteral("[strategies.intraday]\n"
                                           "enabled = true\n"
                                           "symbols = [\"AAPL\", \"MSFT\", \"NVDA\", \"AMZN\", \"META\", \"TSLA\"]\n"
                                           "entry_bps = 10.0\n"
                                           "exit_bps = 3.0\n"
                                           "stop_bps = 40.0\n"
                                           "cooldown_s = 30\n"
                                           "\n"
                                           "[strategies.swing]\n"
                                           "enabled = false\n"
                                           "\n");
        client.moreTables = clientGatewayTables(m_bot.port, QStringLiteral("story"), kBotCode, {kBotSymbol})
                            + QStringLiteral("[[bots]]\n"
                                             "name = \"opposite\"\n"
                                             "code = \"op2\"\n"
                                             "symbols = [\"%1\"]\n"
                                             "buying_power = \"1000000.00\"\n"
                                             "max_position_notional = \"1000000.00\"\n"
                                             "heartbeat_seconds = 3600\n\n")
                                  .arg(kBotSymbol)
                            + clientRiskTables(1000, 1000);
        problem = m_client.prepare(m_alpaca, client);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = addClientBotKey(m_client, QStringLiteral("story"), m_bot);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_otherBot.port = m_bot.port;
        problem = addClientBotKey(m_client, QStringLiteral("opposite"), m_otherBot);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        QVERIFY2(waitForServerOpen(m_alpaca, 60'000), "the server's session did not open within 60 s");
        problem = m_client.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void cleanupTestCase()
    {
        if (m_client.instance.state() != QProcess::NotRunning)
            QCOMPARE(m_client.stop(), QString());
        QCOMPARE(m_alpaca.stop(), QString());
    }

    // 1. LEAN's IB brokerage #249: a fill while the order stream is down was lost.
    void aFillDuringADisconnectIsBookedOnceAfterTheReconnect()
    {
        // A first order with the stream healthy: the client trades (and its link is up).
        const QString warmUp = placeBotOrder(10);
        QVERIFY2(!warmUp.isEmpty(), qPrintable(m_client.errors()));
        QVERIFY2(waitUntil([&] { return bookedFills(journal(), warmUp).qty == 10; }, 20'000),
                 "the first order's fill was not booked with the stream up");

        // The stream goes silent (nothing forwarded either way, pings unanswered), then it is
        // cut, then refused for 3 s. The order is placed inside the silence: the server takes
        // and fills it, and its trade updates are lost with the stream.
        const QJsonObject before = m_alpaca.counters();
        const qint64 opened =
            before.value(u"streams").toObject().value(u"trade").toObject().value(u"opened").toInteger();
        const qint64 dropped = before.value(u"messages").toObject().value(u"dropped").toInteger();
        QJsonObject armed = m_alpaca.fault(QJsonObject{{QStringLiteral("fault"), QStringLiteral("stall")},
                                                       {QStringLiteral("stream"), QStringLiteral("trade")},
                                                       {QStringLiteral("ms"), 3000},
                                                       {QStringLiteral("then"), QStringLiteral("close")}});
        QVERIFY2(!armed.contains(u"error"), qPrintable(armed.value(u"error").toString()));
        const QString id = placeBotOrder(10);
        QVERIFY2(!id.isEmpty(), "the bot's order did not reach the client's journal");
        QVERIFY2(
            waitUntil([&] { return m_alpaca.orderByClientId(id).object().value(u"filled_qty").toString() == u"10"; },
                      10'000),
            qPrintable(QStringLiteral("the server did not fill %1").arg(id)));
        QVERIFY2(waitUntil(
                     [&] {
                         return m_alpaca.counters().value(u"messages").toObject().value(u"dropped").toInteger()
                                > dropped;
                     },
                     5'000),
                 "the stall dropped no trade update");
        // The stall ends by cutting the stream; then new connections are refused for 3 s.
        QVERIFY2(waitUntil(
                     [&] {
                         return m_alpaca.counters()
                                    .value(u"streams")
                                    .toObject()
                                    .value(u"trade")
                                    .toObject()
                                    .value(u"dropped")
                                    .toInteger()
                                > before.value(u"streams")
                                      .toObject()
                                      .value(u"trade")
                                      .toObject()
                                      .value(u"dropped")
                                      .toInteger();
                     },
                     6'000),
                 "the stall did not cut the trade stream");
        armed = m_alpaca.fault(QJsonObject{{QStringLiteral("fault"), QStringLiteral("down")},
                                           {QStringLiteral("stream"), QStringLiteral("trade")},
                                           {QStringLiteral("ms"), 3000}});
        QVERIFY2(!armed.contains(u"error"), qPrintable(armed.value(u"error").toString()));

        // Back up: the catch-up finds the fill and books it, once.
        QVERIFY2(waitUntil([&] { return bookedFills(journal(), id).qty == 10; }, 30'000),
                 qPrintable(QStringLiteral("the fill made during the disconnect was not booked after it:\n%1")
                                .arg(m_client.errors())));
        QVERIFY2(waitUntil(
                     [&] {
                         return m_alpaca.counters()
                                    .value(u"streams")
                                    .toObject()
                                    .value(u"trade")
                                    .toObject()
                                    .value(u"opened")
                                    .toInteger()
                                > opened;
                     },
                     15'000),
                 "the trade stream did not come back");
        QThread::msleep(2000); // a late duplicate would be booked by now
        const Booked booked = bookedFills(journal(), id);
        QCOMPARE(booked.qty, qint64{10});
        QCOMPARE(booked.fills, qint64{1});
        // Nothing of it was an error: no kill switch fired (cancels of the strategy's orders
        // that had filled unseen in the silence are races lost, not broker errors).
        const QJsonObject status = m_client.status();
        QVERIFY2(status.value(u"state").toString() == u"ACTIVE",
                 qPrintable(status.value(u"state").toString() + QStringLiteral(": ")
                            + status.value(u"state_reason").toString()));
        const QString disagree = positionsAgree(15'000);
        QVERIFY2(disagree.isEmpty(), qPrintable(disagree));
        QCOMPARE(serverPositions(m_alpaca).value(kBotSymbol), qint64{20});
    }

    // 2. NautilusTrader 3104 / 4736: a restart with a position held flattened it, or the
    // reconciliation on start-up failed on it.
    void aRestartWithAHeldPositionReconcilesWithoutFlattening()
    {
        const qint64 held = serverPositions(m_alpaca).value(kBotSymbol);
        QVERIFY2(held > 0, "the bot holds nothing to carry across the restart");
        auto sellsOf = [this](const QString &symbol) {
            int n = 0;
            for (const QJsonValue &v : m_alpaca.orders())
                if (v.toObject().value(u"symbol").toString() == symbol
                    && v.toObject().value(u"side").toString() == u"sell")
                    ++n;
            return n;
        };
        QCOMPARE(sellsOf(kBotSymbol), 0);
        const QMap<QString, qint64> postedBefore = postedIds(m_alpaca.counters());

        QCOMPARE(m_client.stop(), QString());
        QString problem = m_client.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // The books came back from the journal with the position.
        QVERIFY2(waitUntil(
                     [&] {
                         const QJsonObject s = m_client.status();
                         return !s.contains(u"replaying") && clientPositions(s).value(kBotSymbol) == held;
                     },
                     60'000),
                 "the client's books do not hold the position after the restart");
        // Reconciled clean (the intraday strategy trades on: a run that caught one of its
        // orders in flight is asked again).
        AlpacaClient::Run reconcile;
        QVERIFY2(waitUntil(
                     [&] {
                         reconcile = m_client.ctl({QStringLiteral("reconcile")}, 30'000);
                         return reconcile.exitCode == 0;
                     },
                     30'000),
                 qPrintable(QStringLiteral("vigil ctl reconcile: %1\n%2%3")
                                .arg(reconcile.exitCode)
                                .arg(reconcile.out, reconcile.err)));
        // Still there at the server and in the books; nothing sent to close it.
        QCOMPARE(serverPositions(m_alpaca).value(kBotSymbol), held);
        QCOMPARE(clientPositions(m_client.status()).value(kBotSymbol), held);
        QCOMPARE(sellsOf(kBotSymbol), 0);
        const QMap<QString, qint64> postedAfter = postedIds(m_alpaca.counters());
        for (auto it = postedAfter.begin(); it != postedAfter.end(); ++it) {
            QVERIFY2(!postedBefore.contains(it.key()) || postedBefore.value(it.key()) == it.value(),
                     qPrintable(QStringLiteral("%1 was posted again after the restart").arg(it.key())));
            if (!postedBefore.contains(it.key()))
                QVERIFY2(!it.key().contains(QStringLiteral("-op-")) && !it.key().contains(QStringLiteral("-rc-"))
                             && !it.key().contains(QLatin1Char('-') + kBotCode + QLatin1Char('-')),
                         qPrintable(QStringLiteral("the restart sent %1").arg(it.key())));
        }
    }

    // 2a. The restart of 2 again, with the order stream silent when it starts (connected,
    // nothing answered, then cut): an order placed before the stream ever listened fills
    // unseen, and is fetched once it does listen.
    void aStartWithTheOrderStreamSilentCatchesUpOnceItListens()
    {
        const qint64 held = serverPositions(m_alpaca).value(kBotSymbol);
        QCOMPARE(m_client.stop(), QString());
        const QJsonObject armed = m_alpaca.fault(QJsonObject{{QStringLiteral("fault"), QStringLiteral("stall")},
                                                             {QStringLiteral("stream"), QStringLiteral("trade")},
                                                             {QStringLiteral("ms"), 4000},
                                                             {QStringLiteral("then"), QStringLiteral("close")}});
        QVERIFY2(!armed.contains(u"error"), qPrintable(armed.value(u"error").toString()));
        const QString problem = m_client.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString before = newestOrderOf(journal(), kBotCode);
        // Placed while the stream is still silent; the client takes it once its first quote of
        // the symbol came (before, the price collar has nothing to check it against).
        AlpacaLoopback::Reply r;
        waitUntil(
            [&] {
                r = m_bot.order(kBotSymbol, 7);
                return r.status != 422 || !r.body.contains("no quote");
            },
            3'000);
        QVERIFY2(
            r.status == 200,
            qPrintable(QStringLiteral("the order at the start: %1 %2").arg(r.status).arg(QString::fromUtf8(r.body))));
        QString id;
        QVERIFY(waitUntil(
            [&] {
                id = newestOrderOf(journal(), kBotCode);
                return !id.isEmpty() && id != before;
            },
            10'000));
        QVERIFY2(
            waitUntil([&] { return m_alpaca.orderByClientId(id).object().value(u"filled_qty").toString() == u"7"; },
                      10'000),
            qPrintable(QStringLiteral("the server did not fill %1").arg(id)));
        QVERIFY2(waitUntil([&] { return bookedFills(journal(), id).qty == 7; }, 30'000),
                 qPrintable(QStringLiteral("the fill of an order placed before the stream first listened was not "
                                           "booked:\n%1")
                                .arg(m_client.errors())));
        QCOMPARE(bookedFills(journal(), id).fills, qint64{1});
        QCOMPARE(serverPositions(m_alpaca).value(kBotSymbol), held + 7);
        const QString disagree = positionsAgree(15'000);
        QVERIFY2(disagree.isEmpty(), qPrintable(disagree));
    }

    // 2b. An order working at a restart is still the client's: its cancel reaches the
    // server (the restarted adapter must track what it did not place itself).
    void anOrderWorkingAcrossARestartIsStillCancelled()
    {
        const QString id = placeRestingOrder(4);
        QVERIFY2(!id.isEmpty(), qPrintable(m_client.errors()));

        QCOMPARE(m_client.stop(), QString());
        const QString problem = m_client.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(waitUntil([&] { return !m_client.status().contains(u"replaying"); }, 60'000));
        QCOMPARE(journalStatus(id), QStringLiteral("accepted")); // taken back as working

        // The bot cancels its orders through the client, as it would at Alpaca.
        QVERIFY2(waitUntil([&] { return m_bot.call("DELETE", QStringLiteral("/v2/orders")).status == 207; }, 20'000),
                 "the bot's cancel-all was not answered 207");
        QVERIFY2(
            waitUntil([&] { return serverStatus(id) == u"canceled" && journalStatus(id) == u"cancelled"; }, 30'000),
            qPrintable(QStringLiteral("after the cancel %1 is %2 at the server, %3 in the journal:\n%4")
                           .arg(id, serverStatus(id), journalStatus(id), m_client.errors())));
    }

    // 2c. An order that ends while the order stream is away is learnt after the gap, however
    // long before the gap it was placed (Alpaca's order queries select by submission time).
    void anOrderPlacedLongBeforeAGapEndsInItUnseen()
    {
        const QString id = placeRestingOrder(3);
        QVERIFY2(!id.isEmpty(), qPrintable(m_client.errors()));
        QThread::msleep(1500); // three minutes of the server's day: far beyond any margin of a catch-up

        // The stream goes silent, then is cut; meanwhile the order is cancelled at the server
        // behind the client's back (as from Alpaca's dashboard), its update lost with the stream.
        const QJsonObject armed = m_alpaca.fault(QJsonObject{{QStringLiteral("fault"), QStringLiteral("stall")},
                                                             {QStringLiteral("stream"), QStringLiteral("trade")},
                                                             {QStringLiteral("ms"), 2000},
                                                             {QStringLiteral("then"), QStringLiteral("close")}});
        QVERIFY2(!armed.contains(u"error"), qPrintable(armed.value(u"error").toString()));
        const QString serverId = m_alpaca.orderByClientId(id).object().value(u"id").toString();
        const AlpacaLoopback::Reply cancelled =
            m_alpaca.call("DELETE", m_alpaca.serverRestUrl() + QStringLiteral("/v2/orders/") + serverId);
        QVERIFY2(cancelled.status == 204, qPrintable(QString::number(cancelled.status)));
        QVERIFY2(waitUntil([&] { return serverStatus(id) == u"canceled"; }, 10'000), qPrintable(serverStatus(id)));

        QVERIFY2(waitUntil([&] { return journalStatus(id) == u"cancelled"; }, 30'000),
                 qPrintable(QStringLiteral("%1 ended at the server during the gap but is %2 in the journal:\n%3")
                                .arg(id, journalStatus(id), m_client.errors())));
    }

    // 2d. A symbol Alpaca will not lend (its asset says shortable false at the start): a sell
    // beyond the shares held is refused before it leaves, named, and counts as no broker error;
    // a sell of shares held goes.
    void aSellBeyondTheSharesHeldOfASymbolNotLentIsRefused()
    {
        const qint64 held = serverPositions(m_alpaca).value(kBotSymbol);
        QVERIFY2(held > 0, "the bot holds nothing to sell");
        const QJsonObject armed =
            m_alpaca.fault(QJsonObject{{QStringLiteral("fault"), QStringLiteral("patch")},
                                       {QStringLiteral("method"), QStringLiteral("GET")},
                                       {QStringLiteral("path"), QStringLiteral("^/v2/assets/%1$").arg(kBotSymbol)},
                                       {QStringLiteral("set"), QJsonObject{{QStringLiteral("shortable"), false}}}});
        QVERIFY2(!armed.contains(u"error"), qPrintable(armed.value(u"error").toString()));
        QCOMPARE(m_client.stop(), QString());
        const QString problem = m_client.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(m_alpaca.counters().value(u"faults").toObject().value(u"patched").toInteger(), qint64{1});
        QVERIFY2(scalar(journal(), QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'symbol-not-shortable' "
                                                  "AND detail LIKE '%%1%'")
                                       .arg(kBotSymbol))
                     >= 1,
                 "the start did not report the symbol as not lent");

        // A sale of a share held goes (and shows the client takes orders again).
        const QString sale = placeBotOrder(-1);
        QVERIFY2(!sale.isEmpty(), qPrintable(m_client.errors()));
        QVERIFY2(waitUntil([&] { return bookedFills(journal(), sale).qty == 1; }, 20'000),
                 qPrintable(QStringLiteral("the sale of a share held: %1").arg(journalStatus(sale))));

        // A sale of more than is held would sell short: refused by name, never sent.
        const AlpacaLoopback::Reply r = m_bot.order(kBotSymbol, -(held + 5));
        const QString notShortable = QStringLiteral("SELECT client_order_id FROM orders WHERE client_order_id LIKE "
                                                    "'%-%1-%' AND reject_reason = 'not shortable'")
                                         .arg(kBotCode);
        QVERIFY2(waitUntil([&] { return !rows(journal(), notShortable).isEmpty(); }, 20'000),
                 qPrintable(QStringLiteral("no refusal as not shortable; the bot heard %1 %2")
                                .arg(r.status)
                                .arg(QString::fromUtf8(r.body))));
        const QStringList refused = rows(journal(), notShortable);
        QCOMPARE(refused.size(), qsizetype{1});
        QVERIFY2(!postedIds(m_alpaca.counters()).contains(refused.first()), "the short sale reached the proxy");
        QCOMPARE(m_client.status().value(u"state").toString(), QStringLiteral("ACTIVE"));
        const QString disagree = positionsAgree(15'000);
        QVERIFY2(disagree.isEmpty(), qPrintable(disagree));
    }

    // 3. NautilusTrader 3176: an order in flight at a restart was submitted again.
    void anOrderInFlightAtAKillIsNeverSentTwice()
    {
        const qint64 heldBefore = serverPositions(m_alpaca).value(kBotSymbol);
        const qint64 swallowedBefore = m_alpaca.counters().value(u"faults").toObject().value(u"swallowed").toInteger();
        // The next new order reaches the server, which takes it (and fills it: a market
        // order); its answer never comes back. The adapter waits for it (5 s) ...
        const QJsonObject armed = m_alpaca.fault(QJsonObject{{QStringLiteral("fault"), QStringLiteral("swallow")},
                                                             {QStringLiteral("method"), QStringLiteral("POST")},
                                                             {QStringLiteral("path"), QStringLiteral("^/v2/orders$")},
                                                             {QStringLiteral("close"), false}});
        QVERIFY2(!armed.contains(u"error"), qPrintable(armed.value(u"error").toString()));
        const QString id = placeBotOrder(5);
        QVERIFY(!id.isEmpty());
        QVERIFY2(waitUntil(
                     [&] {
                         return m_alpaca.counters().value(u"faults").toObject().value(u"swallowed").toInteger()
                                > swallowedBefore;
                     },
                     5'000),
                 "no order was swallowed");
        // ... and the client dies while it waits (kill -9: no orderly stop).
        QThread::msleep(300);
        m_client.instance.kill();
        QVERIFY(m_client.instance.waitForFinished(10'000));
        m_alpaca.clearFaults();
        QCOMPARE(m_alpaca.orderByClientId(id).status, 200); // the server has it

        QString problem = m_client.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // The restart learns the order and its fill from the server: booked once.
        QVERIFY2(waitUntil([&] { return bookedFills(journal(), id).qty == 5; }, 30'000),
                 qPrintable(QStringLiteral("the order in flight at the kill was not booked after the restart:\n%1")
                                .arg(m_client.errors())));
        QStringList disagree;
        QVERIFY2(waitUntil(
                     [&] {
                         disagree = fillDisagreements(m_alpaca, journal());
                         return disagree.isEmpty();
                     },
                     20'000),
                 qPrintable(disagree.join(QLatin1Char('\n'))));
        QCOMPARE(bookedFills(journal(), id).fills, qint64{1});
        QCOMPARE(serverPositions(m_alpaca).value(kBotSymbol), heldBefore + 5);

        // No client order id was ever posted twice, and the server holds each once.
        QThread::msleep(2000);
        const QMap<QString, qint64> posted = postedIds(m_alpaca.counters());
        QVERIFY(posted.contains(id));
        for (auto it = posted.begin(); it != posted.end(); ++it)
            QVERIFY2(it.value() <= 1, qPrintable(QStringLiteral("%1 posted %2 times").arg(it.key()).arg(it.value())));
        QSet<QString> atServer;
        for (const QJsonValue &v : m_alpaca.orders()) {
            const QString coid = v.toObject().value(u"client_order_id").toString();
            QVERIFY2(!atServer.contains(coid), qPrintable(coid + QStringLiteral(" twice at the server")));
            atServer.insert(coid);
        }
        const QString positions = positionsAgree(15'000);
        QVERIFY2(positions.isEmpty(), qPrintable(positions));
    }

    // 2b. The same across days: the client stops on Friday holding the position, the
    // server's day ends (its paper broker keeps the desk's positions), and both start on
    // Monday: the client's books carry the position from Friday's journal, and the start-up
    // reconciliation finds it at the broker: clean, nothing sent to close it.
    void aPositionHeldOverTheWeekendReconcilesOnMonday()
    {
        const qint64 held = serverPositions(m_alpaca).value(kBotSymbol);
        QVERIFY2(held > 0, "the bot holds nothing to carry over the weekend");
        // Friday ends as an operator ends a day: no working order left over the weekend (a
        // day order working at the stop and filled at the broker after it is, on Monday,
        // taken as expired: the start-up reconciliation finds the position and blocks the
        // symbol until an operator adopts it; that is not this story).
        const AlpacaClient::Run halt =
            m_client.ctl({QStringLiteral("halt"), QStringLiteral("--reason"), QStringLiteral("the weekend")});
        QVERIFY2(halt.exitCode == 0, qPrintable(halt.out + halt.err));
        QVERIFY2(waitUntil(
                     [&] {
                         return m_alpaca.openOrders().isEmpty()
                                && m_client.status().value(u"orders").toObject().value(u"working").toInteger() == 0;
                     },
                     20'000),
                 "orders still working after the halt");
        const QString fridayDisagree = positionsAgree(15'000);
        QVERIFY2(fridayDisagree.isEmpty(), qPrintable(fridayDisagree));
        const qint64 heldAtStop = serverPositions(m_alpaca).value(kBotSymbol);
        QCOMPARE(heldAtStop, held);
        const QMap<QString, qint64> postedBefore = postedIds(m_alpaca.counters());
        QCOMPARE(m_client.stop(), QString());
        QCOMPARE(m_alpaca.server.stop(), QString());
        const QString monday = QStringLiteral("2026-11-23");
        QString problem = m_alpaca.server.start(QStringLiteral("120"), monday);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(waitForServerOpen(m_alpaca, 60'000), "the server's Monday did not open within 60 s");
        QCOMPARE(serverPositions(m_alpaca).value(kBotSymbol), held);

        m_client.date = monday;
        problem = m_client.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(waitUntil(
                     [&] {
                         const QJsonObject s = m_client.status();
                         return s.value(u"session_date").toString() == monday && !s.contains(u"replaying")
                                && clientPositions(s).value(kBotSymbol) == held;
                     },
                     60'000),
                 qPrintable(QStringLiteral("the client's Monday books do not hold Friday's position: %1")
                                .arg(describe(clientPositions(m_client.status())))));
        // The books agree with the broker's in every position and order. (The cash carried
        // into Monday differs from the broker's by a few hundred dollars in this rig, after
        // a Friday stopped mid-day with the intraday strategy trading: an open finding, not
        // this story's; it is named here, not asserted.)
        QJsonObject run;
        QStringList others;
        QVERIFY2(waitUntil(
                     [&] {
                         run = m_client.ctl({QStringLiteral("reconcile"), QStringLiteral("--json")}, 30'000)
                                   .json()
                                   .value(u"reconciliation")
                                   .toObject();
                         others.clear();
                         for (const QJsonValue &d : run.value(u"differences").toArray())
                             if (d.toObject().value(u"key").toString() != u"cash")
                                 others << d.toObject().value(u"description").toString();
                         return run.value(u"complete").toBool() && others.isEmpty();
                     },
                     30'000),
                 qPrintable(QStringLiteral("Monday's reconciliation: %1").arg(run.value(u"summary").toString())));
        if (!run.value(u"clean").toBool())
            qWarning("Monday's reconciliation: %s", qPrintable(run.value(u"summary").toString()));
        QCOMPARE(serverPositions(m_alpaca).value(kBotSymbol), held);
        QCOMPARE(clientPositions(m_client.status()).value(kBotSymbol), held);
        // Monday trades again once the operator says so.
        if (m_client.status().value(u"state").toString() != u"ACTIVE") {
            // The broker was away while the client started at the server's 120x: a level-3
            // incident the operator signs off before trading resumes.
            for (const QJsonValue &incident : m_client.status().value(u"open_incidents").toArray())
                if (incident.toObject().value(u"holds_resume").toBool())
                    QCOMPARE(m_client
                                 .ctl({QStringLiteral("incident-sign-off"), incident.toObject().value(u"id").toString(),
                                       QStringLiteral("--reason"), QStringLiteral("the weekend's restart")})
                                 .exitCode,
                             0);
            const AlpacaClient::Run resume =
                m_client.ctl({QStringLiteral("resume"), QStringLiteral("--reason"), QStringLiteral("monday"),
                              QStringLiteral("--ack"), QStringLiteral("books reconciled")});
            QVERIFY2(resume.exitCode == 0, qPrintable(resume.out + resume.err));
            for (const QString &strategy : {QStringLiteral("intraday_mean_reversion"), QStringLiteral("story")})
                m_client.ctl(
                    {QStringLiteral("enable"), strategy, QStringLiteral("--reason"), QStringLiteral("monday")});
        }
        for (const QJsonValue &v : m_alpaca.orders())
            QVERIFY2(v.toObject().value(u"symbol").toString() != kBotSymbol,
                     qPrintable(QStringLiteral("an order in %1 on Monday: %2")
                                    .arg(kBotSymbol, v.toObject().value(u"client_order_id").toString())));
        const QMap<QString, qint64> postedAfter = postedIds(m_alpaca.counters());
        for (auto it = postedAfter.begin(); it != postedAfter.end(); ++it)
            QVERIFY2(postedBefore.value(it.key()) == it.value() || !it.key().contains(QStringLiteral("-op-")),
                     qPrintable(QStringLiteral("the start sent %1").arg(it.key())));
    }

    // 4. hummingbot 2534: after the kill switch, strategies kept placing orders.
    void afterAKillNoNewOrderLeavesButTheFlattens()
    {
        // The intraday strategy has traded (its orders reached the server).
        QVERIFY2(waitUntil(
                     [&] {
                         return scalar(journal(), QStringLiteral("SELECT COUNT(*) FROM orders WHERE client_order_id "
                                                                 "LIKE '%-mr-%' AND status <> 'rejected'"))
                                > 0;
                     },
                     30'000),
                 "the intraday strategy sent no order");
        // Two books opposed in the bot's symbol: the bot long, the other bot short 4 (inside
        // the account, which stays long: no short sale at Alpaca).
        QVERIFY(!placeBotOrder(10).isEmpty());
        const QString shortId = [&] {
            const QString before = newestOrderOf(journal(), QStringLiteral("op2"));
            const AlpacaLoopback::Reply r = m_otherBot.order(kBotSymbol, -4);
            QString id;
            if (r.status == 200)
                waitUntil([&] { return (id = newestOrderOf(journal(), QStringLiteral("op2"))) != before; }, 10'000);
            else
                qWarning("the other bot's sell: %d %s", r.status, r.body.constData());
            return id == before ? QString() : id;
        }();
        QVERIFY(!shortId.isEmpty());
        QVERIFY2(waitUntil([&] { return bookedFills(journal(), shortId).qty == 4; }, 20'000),
                 "the other bot's sell was not filled");
        // The close-all's answer is lost (the server closes; the client's connection is cut):
        // the client finds Alpaca's closing orders instead of closing a second time.
        const QJsonObject swallow =
            m_alpaca.fault(QJsonObject{{QStringLiteral("fault"), QStringLiteral("swallow")},
                                       {QStringLiteral("method"), QStringLiteral("DELETE")},
                                       {QStringLiteral("path"), QStringLiteral("^/v2/positions$")},
                                       {QStringLiteral("close"), true}});
        QVERIFY2(!swallow.contains(u"error"), qPrintable(swallow.value(u"error").toString()));
        const qint64 swallowedBefore = m_alpaca.counters().value(u"faults").toObject().value(u"swallowed").toInteger();
        const QJsonObject statusBefore = m_client.status();
        const qint64 refusedBefore =
            statusBefore.value(u"refusals").toObject().value(QStringLiteral("trading stopped")).toInteger();
        const QJsonObject countersBefore = m_alpaca.counters();

        const AlpacaClient::Run kill =
            m_client.ctl({QStringLiteral("kill"), QStringLiteral("--reason"), QStringLiteral("story 4")});
        QVERIFY2(kill.exitCode == 0, qPrintable(kill.out + kill.err));
        QCOMPARE(m_client.status().value(u"state").toString(), QStringLiteral("KILLED"));

        // For 8 s of trading (16 minutes of the server's day) the bot keeps deciding: each
        // order is refused by the client, none reaches the proxy.
        int refused = 0;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 8'000) {
            const AlpacaLoopback::Reply r = m_bot.order(kBotSymbol, 1);
            QVERIFY2(r.status == 403, qPrintable(QStringLiteral("the bot's order after the kill: %1 %2")
                                                     .arg(r.status)
                                                     .arg(QString::fromUtf8(r.body))));
            ++refused;
            QThread::msleep(400);
        }
        // The flatten is done: nothing working, nothing held, at the server and in the books.
        QVERIFY2(
            waitUntil([&] { return m_alpaca.openOrders().isEmpty() && serverPositions(m_alpaca).isEmpty(); }, 30'000),
            qPrintable(describe(serverPositions(m_alpaca))));
        const QJsonObject statusAfter = m_client.status();
        QCOMPARE(statusAfter.value(u"orders").toObject().value(u"working").toInteger(), qint64{0});
        QVERIFY(statusAfter.value(u"stopped_strategies").toArray().contains(QStringLiteral("intraday_mean_reversion")));
        QVERIFY2(statusAfter.value(u"refusals").toObject().value(QStringLiteral("trading stopped")).toInteger()
                     >= refusedBefore + refused,
                 QJsonDocument(statusAfter.value(u"refusals").toObject()).toJson().constData());

        // Every order that reached the proxy after the kill is one the engine had handed to
        // the adapter before the kill (the gate's promise is about orders decided: none decided
        // after the kill leaves). The flatten's closing orders do not go one by one: the whole
        // account is closed with one DELETE /v2/positions, and Alpaca's netted closing orders
        // are booked to the books' own.
        const qint64 killedAt = scalar(
            journal(), QStringLiteral("SELECT at FROM trading_states WHERE state = 'KILLED' AND reason = 'story 4'"));
        QVERIFY(killedAt > 0);
        const QMap<QString, qint64> before = postedIds(countersBefore);
        const QMap<QString, qint64> after = postedIds(m_alpaca.counters());
        int decidedBefore = 0;
        for (auto it = after.begin(); it != after.end(); ++it) {
            if (before.contains(it.key()))
                continue;
            const QString row =
                rows(journal(),
                     QStringLiteral("SELECT origin, created_at FROM orders WHERE client_order_id = '%1'").arg(it.key()))
                    .value(0);
            const QString origin = row.section(QLatin1Char('|'), 0, 0);
            const qint64 createdAt = row.section(QLatin1Char('|'), 1, 1).toLongLong();
            QVERIFY2(origin != u"operator" && createdAt > 0 && createdAt < killedAt,
                     qPrintable(QStringLiteral("%1 (%2, decided at %3, the kill at %4) left after the kill")
                                    .arg(it.key(), origin)
                                    .arg(createdAt)
                                    .arg(killedAt)));
            ++decidedBefore;
        }
        QCOMPARE(requests(m_alpaca.counters(), QStringLiteral("POST /v2/orders"))
                     - requests(countersBefore, QStringLiteral("POST /v2/orders")),
                 qint64{decidedBefore});
        // One close-all was asked for. Its connection was cut before any answer, and Qt's HTTP
        // layer sends such a request once more by itself (for POST and DELETE alike); the second
        // closes nothing twice: the server, as Alpaca, refuses to close shares a closing order
        // holds, and the client adopts the first's closing orders instead (the books below).
        const qint64 closeAlls = requests(m_alpaca.counters(), QStringLiteral("DELETE /v2/positions"))
                                 - requests(countersBefore, QStringLiteral("DELETE /v2/positions"));
        QVERIFY2(closeAlls == 1 || closeAlls == 2, qPrintable(QString::number(closeAlls)));
        QCOMPARE(m_alpaca.counters().value(u"faults").toObject().value(u"swallowed").toInteger(), swallowedBefore + 1);
        // The flatten's orders, one per book and symbol held, are in the journal, filled by
        // the shares Alpaca's closing orders sold or bought: per symbol and price the books'
        // fills net to the server's.
        const CloseAllBooks closeAll = closeAllBooks(m_alpaca.server.journal(), journal(), killedAt);
        QVERIFY2(closeAll.closingIds.size() >= 2, "the kill closed neither bot's book");
        QCOMPARE(scalar(journal(), QStringLiteral("SELECT COUNT(*) FROM orders WHERE %1 AND status = 'filled'")
                                       .arg(closeAll.inClosing())),
                 qint64(closeAll.closingIds.size()));
        QCOMPARE(closeAll.client, closeAll.server);
        // The opposed books crossed: the other bot bought its 4 back from the bot's sale, at a
        // price Alpaca's closing order of the symbol sold at; the server sold only the net.
        const QStringList otherClose =
            rows(journal(), QStringLiteral("SELECT side || '|' || qty || '|' || price FROM fills WHERE %1 AND "
                                           "client_order_id LIKE '%-op2-%'")
                                .arg(closeAll.inClosing()));
        QCOMPARE(otherClose.size(), 1);
        QVERIFY2(otherClose.front().startsWith(QLatin1String("buy|4|")), qPrintable(otherClose.front()));
        const QString crossPrice = otherClose.front().section(QLatin1Char('|'), 2, 2);
        QVERIFY2(std::any_of(closeAll.server.begin(), closeAll.server.end(),
                             [&](const QString &row) { return row.startsWith(kBotSymbol + u'|' + crossPrice + u'|'); }),
                 qPrintable(closeAll.server.join(QLatin1Char(' '))));
        QVERIFY(serverPositions(m_alpaca).isEmpty());
        QVERIFY(clientPositions(m_client.status()).isEmpty());
        // The kill is in the audit trail and the trading states with its reason.
        QVERIFY(scalar(journal(), QStringLiteral("SELECT COUNT(*) FROM trading_states WHERE state = 'KILLED' AND "
                                                 "reason = 'story 4'"))
                == 1);
    }
};

QTEST_GUILESS_MAIN(AlpacaStoriesTest)
#include "tst_alpaca_stories.moc"
