// A trading day on the Alpaca venue against Alpaca on 127.0.0.1, with every fault of the
// loopback server injected at least once while the client vigil's own strategies trade:
// REST answers 500 and 429, an order the server took whose answer never came (timed out,
// and with the connection lost, which makes Qt send it again into the server's 422 for a
// reused client order id), trade updates repeated and reordered, both streams dropped,
// down and stalled, an order filled while the order stream is down and the client is not
// running, and failed items in the kill switch's bulk cancel. At the end the books in the
// client's journal are the server's: every order's fills, quantity and price, and flat
// positions after the kill; and every recovery is in the client's audit trail.
//
// The server's day runs at 120 times real time (a session in about 200 s); the client
// takes its time from the server's clock and messages. The client stops before the
// server's close: the loopback server, another vigil, ends its gateway with its day,
// where Alpaca would answer after hours.
#include "AlpacaStoryRig.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTest>

#include <cmath>
#include <functional>

using vigil::testing::addClientBotKey;
using vigil::testing::AlpacaClient;
using vigil::testing::AlpacaLoopback;
using vigil::testing::ClientBot;
using vigil::testing::closeAllBooks;
using vigil::testing::CloseAllBooks;
using vigil::testing::kServerCloseAllOrders;
using vigil::testing::rows;
using vigil::testing::scalar;
using vigil::testing::serverBid;

/// inject(), and the test function ends at once if it failed.
/// waitFor(), and the test function ends at once if it failed.
#define WAIT_FOR(done, timeoutMs, what)                                                                                \
    do {                                                                                                               \
        waitFor(done, timeoutMs, what);                                                                                \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)
#define INJECT(...)                                                                                                    \
    do {                                                                                                               \
        inject(__VA_ARGS__);                                                                                           \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

namespace {

/// The desk's account is large enough that the strategies' usual losses never reach the
/// drawdown kill; the client's thresholds in venue time are scaled for a day at 120x (a
/// second of wall time is two minutes of the day).
const QString kDesk = QStringLiteral("buying_power = \"2000000\"\n"
                                     "max_position_notional = \"500000\"\n"
                                     "max_order_qty = 100000\n");
const QString kClientVenue = QStringLiteral("request_timeout_ms = 3000\n"
                                            "reconnect_min_ms = 100\n"
                                            "reconnect_max_ms = 1000\n"
                                            "data_silence_ms = 1000\n"
                                            "rest_fallback_interval_ms = 300\n");
const QString kClientRisk = QStringLiteral("[risk]\n"
                                           "kill_feed_silence_seconds = 1800\n");

/// "HH:MM:SS" to minutes since midnight; -1 when it is not one.
double minutesOf(const QString &clock)
{
    const QStringList parts = clock.split(QLatin1Char(':'));
    if (parts.size() != 3)
        return -1;
    return parts[0].toInt() * 60 + parts[1].toInt() + parts[2].toInt() / 60.0;
}

} // namespace

class TestAlpacaDay : public QObject {
    Q_OBJECT

    AlpacaLoopback m_alpaca;
    AlpacaClient m_client;
    // A bot behind the client's own gateway: its limit orders, far from the market, are what
    // the kill switch's bulk cancel finds working at Alpaca.
    ClientBot m_bot;

    /// The client's session clock, in minutes since midnight New York (-1 unanswered).
    double clientMinutes() { return minutesOf(m_client.status().value(QStringLiteral("clock")).toString()); }
    /// A counter of the proxy's at `path` ("faults/swallowed"), 0 when absent.
    int counter(const QString &path)
    {
        QJsonValue v = m_alpaca.counters();
        for (const QString &key : path.split(QLatin1Char('/')))
            v = v.toObject().value(key);
        return v.toInt();
    }
    /// Arms `fault` and waits until `done` says it acted; a failure names the fault (INJECT).
    void inject(const QJsonObject &fault, const std::function<bool()> &done, int timeoutMs = 60'000)
    {
        const QJsonObject armed = m_alpaca.fault(fault);
        QVERIFY2(!armed.contains(QStringLiteral("error")), qPrintable(armed.value(QStringLiteral("error")).toString()));
        if (QTest::qWaitFor(done, timeoutMs))
            return;
        qWarning().noquote() << "the client's log:\n"
                             << m_client.logLines(QStringLiteral("alpaca|market data|venue"), 60);
        QFAIL(qPrintable(QStringLiteral("the fault %1 did not act within %2 s; the client at %3")
                             .arg(QString::fromUtf8(QJsonDocument(fault).toJson(QJsonDocument::Compact)))
                             .arg(timeoutMs / 1000)
                             .arg(m_client.status().value(QStringLiteral("clock")).toString())));
    }
    /// Waits until `done`; on a timeout the client's state and log are printed and the test fails
    /// naming `what` (WAIT_FOR).
    void waitFor(const std::function<bool()> &done, int timeoutMs, const char *what)
    {
        if (QTest::qWaitFor(done, timeoutMs))
            return;
        qWarning().noquote() << "the client's status:" << QJsonDocument(m_client.status()).toJson();
        qWarning().noquote() << "the client's log:\n"
                             << m_client.logLines(QStringLiteral("^(?!.*reconciliation \\(periodic\\))"), 80);
        qWarning().noquote() << "the client's last order events:\n"
                             << rows(m_client.journal(), QStringLiteral("SELECT client_order_id, status, filled_qty, "
                                                                        "reason FROM order_events ORDER BY seq DESC "
                                                                        "LIMIT 40"))
                                    .join(QLatin1Char('\n'));
        QFAIL(qPrintable(QStringLiteral("%1: not within %2 s").arg(QString::fromUtf8(what)).arg(timeoutMs / 1000)));
    }
    /// How many audit entries of `action` the client's journal holds.
    qint64 audited(const QString &action)
    {
        return scalar(m_client.journal(), QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = '%1'").arg(action));
    }

private Q_SLOTS:
    void initTestCase()
    {
        AlpacaLoopback::Options server;
        server.speed = QStringLiteral("120");
        server.deskLines = kDesk;
        QCOMPARE(m_alpaca.start(server), QString());
        AlpacaClient::Options client;
        client.venueLines = kClientVenue;
        m_bot.port = vigil::testing::GatewayRig::freePort();
        client.moreTables = kClientRisk
                            + QStringLiteral("\n[gateway]\nenabled = true\nport = %1\n\n"
                                             "[[bots]]\nname = \"probe\"\ncode = \"pb\"\n")
                                  .arg(m_bot.port);
        client.requestsPerMinute = 2000; // the periodic reconciliations of a day at 120x: 429s are the proxy's
        QCOMPARE(m_client.prepare(m_alpaca, client), QString());
        const QString added = addClientBotKey(m_client, QStringLiteral("probe"), m_bot);
        QVERIFY2(added.isEmpty(), qPrintable(added));
        QCOMPARE(m_client.start(), QString());
    }

    void aDayWithEveryFaultEndsWithTheServersBooks()
    {
        WAIT_FOR([&] { return clientMinutes() >= 9 * 60 + 45; }, 120'000, "the client's day at 09:45");

        // REST: a 500 for an order, a 429 with its reset for a read.
        INJECT({{QStringLiteral("fault"), QStringLiteral("http")},
                {QStringLiteral("method"), QStringLiteral("POST")},
                {QStringLiteral("path"), QStringLiteral("^/v2/orders$")},
                {QStringLiteral("status"), 500}},
               [&] { return counter(QStringLiteral("faults/httpAnswered")) >= 1; });
        INJECT({{QStringLiteral("fault"), QStringLiteral("http")},
                {QStringLiteral("method"), QStringLiteral("GET")},
                {QStringLiteral("path"), QStringLiteral("^/v2/(positions|orders|account)$")},
                {QStringLiteral("status"), 429}},
               [&] { return counter(QStringLiteral("faults/httpAnswered")) >= 2; });

        // Trade updates repeated and reordered.
        INJECT({{QStringLiteral("fault"), QStringLiteral("repeat")}, {QStringLiteral("count"), 4}},
               [&] { return counter(QStringLiteral("messages/repeated")) >= 1; });
        INJECT({{QStringLiteral("fault"), QStringLiteral("reorder")}, {QStringLiteral("count"), 2}},
               [&] { return counter(QStringLiteral("messages/reordered")) >= 1; });

        // An order the server took, its answer lost: timed out, then with the connection cut
        // (Qt sends it again; the server refuses the reused client order id with 422).
        INJECT({{QStringLiteral("fault"), QStringLiteral("swallow")},
                {QStringLiteral("method"), QStringLiteral("POST")},
                {QStringLiteral("path"), QStringLiteral("^/v2/orders$")}},
               [&] { return counter(QStringLiteral("faults/swallowed")) >= 1; });
        INJECT({{QStringLiteral("fault"), QStringLiteral("swallow")},
                {QStringLiteral("method"), QStringLiteral("POST")},
                {QStringLiteral("path"), QStringLiteral("^/v2/orders$")},
                {QStringLiteral("close"), true}},
               [&] { return counter(QStringLiteral("faults/swallowed")) >= 2; });

        // The order stream: dropped, then down (refused for a while: new entries wait, the
        // books are caught up from Alpaca's records when it is back).
        const int tradeOpened = counter(QStringLiteral("streams/trade/opened"));
        INJECT({{QStringLiteral("fault"), QStringLiteral("drop")}, {QStringLiteral("stream"), QStringLiteral("trade")}},
               [&] {
                   return counter(QStringLiteral("streams/trade/opened")) > tradeOpened
                          && audited(QStringLiteral("trade-stream-restored")) >= 1;
               });
        INJECT({{QStringLiteral("fault"), QStringLiteral("down")},
                {QStringLiteral("stream"), QStringLiteral("trade")},
                {QStringLiteral("ms"), 4000}},
               [&] { return counter(QStringLiteral("streams/trade/refused")) >= 1; });
        WAIT_FOR([&] { return audited(QStringLiteral("trade-stream-restored")) >= 2; }, 60'000,
                 "the order stream back after it was down");

        // A fill while the order stream is dead: it is cut as an order goes out (and refused
        // for a few seconds), the order fills at once and the answer to the POST is lost
        // too. The fill reaches the books from Alpaca's records, once (the books at the end).
        const QStringList postedBefore =
            m_alpaca.counters().value(QStringLiteral("ordersByClientOrderId")).toObject().keys();
        const int swallowedBefore = counter(QStringLiteral("faults/swallowed"));
        const qint64 restoredBefore = audited(QStringLiteral("trade-stream-restored"));
        INJECT({{QStringLiteral("fault"), QStringLiteral("swallow")},
                {QStringLiteral("method"), QStringLiteral("POST")},
                {QStringLiteral("path"), QStringLiteral("^/v2/orders$")},
                {QStringLiteral("cut"), QStringLiteral("trade")},
                {QStringLiteral("downMs"), 4000}},
               [&] { return counter(QStringLiteral("faults/swallowed")) > swallowedBefore; });
        WAIT_FOR([&] { return audited(QStringLiteral("trade-stream-restored")) > restoredBefore; }, 60'000,
                 "the order stream back after the cut");
        // ... and the stream stalled (silent, its pings unanswered) until it is closed.
        const qint64 restoredAfterTheCut = audited(QStringLiteral("trade-stream-restored"));
        INJECT({{QStringLiteral("fault"), QStringLiteral("stall")},
                {QStringLiteral("stream"), QStringLiteral("trade")},
                {QStringLiteral("ms"), 8000},
                {QStringLiteral("then"), QStringLiteral("close")}},
               [&] { return audited(QStringLiteral("trade-stream-restored")) > restoredAfterTheCut; });
        QStringList postedUnheard =
            m_alpaca.counters().value(QStringLiteral("ordersByClientOrderId")).toObject().keys();
        for (const QString &id : postedBefore)
            postedUnheard.removeAll(id);
        QVERIFY(!postedUnheard.isEmpty());

        // The market data stream: dropped, down (the REST fallback), stalled (silent beyond
        // data_silence_ms: the fallback again), each time back on the stream.
        // Each waits until the stream is back and delivering (the fallback off again), so that
        // the next starts from a stream that is up.
        const qint64 restoredBeforeTheDrop = audited(QStringLiteral("data-stream-restored"));
        INJECT({{QStringLiteral("fault"), QStringLiteral("drop")}, {QStringLiteral("stream"), QStringLiteral("data")}},
               [&] {
                   return audited(QStringLiteral("data-stream-restored")) > restoredBeforeTheDrop
                          && audited(QStringLiteral("rest-fallback-on"))
                                 == audited(QStringLiteral("rest-fallback-off"));
               });
        const qint64 offBeforeTheDown = audited(QStringLiteral("rest-fallback-off"));
        INJECT({{QStringLiteral("fault"), QStringLiteral("down")},
                {QStringLiteral("stream"), QStringLiteral("data")},
                {QStringLiteral("ms"), 3000}},
               [&] { return audited(QStringLiteral("rest-fallback-off")) > offBeforeTheDown; });
        const qint64 onBeforeTheStall = audited(QStringLiteral("rest-fallback-on"));
        const qint64 offBeforeTheStall = audited(QStringLiteral("rest-fallback-off"));
        INJECT({{QStringLiteral("fault"), QStringLiteral("stall")},
                {QStringLiteral("stream"), QStringLiteral("data")},
                {QStringLiteral("ms"), 4000},
                {QStringLiteral("then"), QStringLiteral("resume")}},
               [&] {
                   return audited(QStringLiteral("rest-fallback-on")) > onBeforeTheStall
                          && audited(QStringLiteral("rest-fallback-off")) > offBeforeTheStall;
               });

        // Vigil stops while an order it sent is unanswered and the order stream is down: the
        // order fills at the server while nobody listens, and the next start learns it from
        // Alpaca's records and books it once, never sending it again.
        const int swallowed = counter(QStringLiteral("faults/swallowed"));
        const QStringList postedBeforeTheRestart =
            m_alpaca.counters().value(QStringLiteral("ordersByClientOrderId")).toObject().keys();
        QVERIFY(!m_alpaca
                     .fault(QJsonObject{{QStringLiteral("fault"), QStringLiteral("swallow")},
                                        {QStringLiteral("method"), QStringLiteral("POST")},
                                        {QStringLiteral("path"), QStringLiteral("^/v2/orders$")},
                                        {QStringLiteral("cut"), QStringLiteral("trade")},
                                        {QStringLiteral("downMs"), 120'000}})
                     .contains(QStringLiteral("error")));
        WAIT_FOR([&] { return counter(QStringLiteral("faults/swallowed")) > swallowed; }, 60'000,
                 "an order sent into the cut before the stop");
        QStringList postedBeforeTheStop =
            m_alpaca.counters().value(QStringLiteral("ordersByClientOrderId")).toObject().keys();
        for (const QString &id : postedBeforeTheRestart)
            postedBeforeTheStop.removeAll(id);
        QVERIFY(!postedBeforeTheStop.isEmpty());
        QCOMPARE(m_client.stop(), QString());
        QVERIFY(m_alpaca.clearFaults());
        QCOMPARE(m_client.start(), QString());
        const QString resumed = m_client.errors();
        QVERIFY2(resumed.contains(QStringLiteral("reconciliation at start-up: clean")), qPrintable(resumed));

        // Past midday: the books agree with Alpaca's, then the kill switch with failed
        // items in its bulk cancel.
        WAIT_FOR([&] { return clientMinutes() >= 12 * 60 + 30; }, 120'000, "the client's day at 12:30");
        const AlpacaClient::Run reconciled = m_client.ctl({QStringLiteral("reconcile")});
        QVERIFY2(reconciled.exitCode == 0, qPrintable(reconciled.out + reconciled.err));
        // The bot behind the client's gateway leaves five limit orders working, 3 % under the
        // bid (inside the price collars, far from a fill).
        const double bid = serverBid(m_alpaca, QStringLiteral("AAPL"));
        QVERIFY(bid > 0);
        const QString limit = QString::number(std::floor(bid * 97.0) / 100.0, 'f', 2);
        const qsizetype openBefore = m_alpaca.openOrders().size();
        for (int i = 1; i <= 5; ++i) {
            const AlpacaLoopback::Reply placed = m_bot.order(QStringLiteral("AAPL"), i, limit);
            QVERIFY2(placed.status == 200, placed.body.constData());
        }
        WAIT_FOR([&] { return m_alpaca.openOrders().size() >= openBefore + 5; }, 30'000,
                 "the bot's five orders working at the server");
        QVERIFY(!m_alpaca
                     .fault(QJsonObject{{QStringLiteral("fault"), QStringLiteral("fail207")},
                                        {QStringLiteral("bulk"), QStringLiteral("orders")},
                                        {QStringLiteral("keep"), 2}})
                     .contains(QStringLiteral("error")));
        // The kill's close-all (one DELETE /v2/positions) fails for one symbol: it is retried alone.
        QVERIFY(!m_alpaca
                     .fault(QJsonObject{{QStringLiteral("fault"), QStringLiteral("fail207")},
                                        {QStringLiteral("bulk"), QStringLiteral("positions")},
                                        {QStringLiteral("keep"), 1}})
                     .contains(QStringLiteral("error")));
        const qsizetype heldAtTheKill = m_alpaca.positions().size();
        const AlpacaClient::Run killed =
            m_client.ctl({QStringLiteral("kill"), QStringLiteral("--reason"), QStringLiteral("end of the test day")});
        QVERIFY2(killed.exitCode == 0, qPrintable(killed.out + killed.err));
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         const QJsonObject s = m_client.status();
                         return m_alpaca.openOrders().isEmpty() && m_alpaca.positions().isEmpty()
                                && s.value(QStringLiteral("flatten")).toObject().value(QStringLiteral("phase"))
                                       == QStringLiteral("flat");
                     },
                     60'000),
                 qPrintable(QStringLiteral("after the kill: %1 open orders and %2 positions at the server; the "
                                           "flatten: %3")
                                .arg(m_alpaca.openOrders().size())
                                .arg(m_alpaca.positions().size())
                                .arg(QString::fromUtf8(
                                    QJsonDocument(m_client.status().value(QStringLiteral("flatten")).toObject())
                                        .toJson(QJsonDocument::Compact)))));
        // "Flat" is Alpaca's word: a reconciliation run read its positions after the books went flat.
        const QString flatDetail =
            m_client.status().value(QStringLiteral("flatten")).toObject().value(QStringLiteral("detail")).toString();
        QVERIFY2(flatDetail.contains(QLatin1String("confirmed by the broker's positions")), qPrintable(flatDetail));
        QCOMPARE(m_client.stop(), QString());

        // Every fault acted.
        const QJsonObject c = m_alpaca.counters();
        qInfo().noquote() << "proxy counters:" << QJsonDocument(c).toJson(QJsonDocument::Compact);
        QVERIFY(counter(QStringLiteral("faults/fail207")) >= 1);
        if (heldAtTheKill > 0) {
            // The close-all and the retry of its failed item, each one request.
            const QJsonObject requests = c.value(QStringLiteral("requests")).toObject();
            QCOMPARE(requests.value(QStringLiteral("DELETE /v2/positions")).toInt(), 1);
            QCOMPARE(counter(QStringLiteral("faults/fail207")), 2);
            int alone = 0;
            for (auto it = requests.begin(); it != requests.end(); ++it)
                alone += it.key().startsWith(QLatin1String("DELETE /v2/positions/")) ? it.value().toInt() : 0;
            QCOMPARE(alone, 1);
        }

        // The books: every execution at the server (its journal, the bot's orders by the
        // client order id the client gave them) is in the client's journal once, with its
        // side, quantity and price to the ten-thousandth, and there is no other. The kill's
        // close-all is the exception by design: Alpaca closed each symbol with one netted order
        // of its own, which the client booked to its books' closing orders; per symbol and
        // price, the shares those moved net to the server's.
        const qint64 killedAt =
            rows(m_client.journal(), QStringLiteral("SELECT MIN(at) FROM trading_states WHERE state = 'KILLED'"))
                .value(0)
                .toLongLong();
        QVERIFY(killedAt > 0);
        const CloseAllBooks closeAll = closeAllBooks(m_alpaca.server.journal(), m_client.journal(), killedAt);
        const QString inClosing = closeAll.inClosing();
        const QStringList serverFills =
            rows(m_alpaca.server.journal(),
                 QStringLiteral("SELECT o.source_ref || '|' || f.side || '|' || f.qty || '|' || f.price FROM fills f "
                                "JOIN orders o ON o.client_order_id = f.client_order_id WHERE NOT %1 ORDER BY 1")
                     .arg(kServerCloseAllOrders));
        const QStringList clientFills =
            rows(m_client.journal(),
                 QStringLiteral("SELECT client_order_id || '|' || side || '|' || qty || '|' || price FROM fills "
                                "WHERE NOT %1 ORDER BY 1")
                     .arg(inClosing));
        const QStringList &serverClose = closeAll.server;
        const QStringList &clientClose = closeAll.client;
        qInfo().noquote() << "the close-all at the server:" << serverClose << "in the client's books:" << clientClose;
        QCOMPARE(clientClose, serverClose);
        QCOMPARE(serverClose.isEmpty(), heldAtTheKill == 0);
        QVERIFY(serverFills.size() >= 20); // a day's trading, not a handful
        if (clientFills != serverFills) {
            qWarning().noquote() << "fills only at the server:"
                                 << QStringList(QSet<QString>(serverFills.begin(), serverFills.end())
                                                    .subtract(QSet<QString>(clientFills.begin(), clientFills.end()))
                                                    .values());
            qWarning().noquote() << "fills only in the client's journal:"
                                 << QStringList(QSet<QString>(clientFills.begin(), clientFills.end())
                                                    .subtract(QSet<QString>(serverFills.begin(), serverFills.end()))
                                                    .values());
        }
        QCOMPARE(clientFills, serverFills);
        // ... and Alpaca's API says the same of each order's filled quantity.
        const QJsonArray orders = m_alpaca.orders();
        QVERIFY(orders.size() < 500); // all of them in one page
        QMap<QString, qint64> filledAtServer;
        for (const QJsonValue &v : orders)
            filledAtServer.insert(v.toObject().value(QStringLiteral("client_order_id")).toString(),
                                  v.toObject().value(QStringLiteral("filled_qty")).toString().toLongLong());
        for (const QString &row : rows(
                 m_client.journal(), QStringLiteral("SELECT client_order_id, SUM(qty) FROM fills WHERE NOT %1 GROUP BY "
                                                    "client_order_id")
                                         .arg(inClosing)))
            QCOMPARE(filledAtServer.value(row.section(QLatin1Char('|'), 0, 0)),
                     row.section(QLatin1Char('|'), 1, 1).toLongLong());
        // ... those sent into the dead stream and before the stop among them.
        int unheardFilled = 0;
        for (const QString &id : postedUnheard + postedBeforeTheStop)
            unheardFilled += filledAtServer.value(id) > 0 ? 1 : 0;
        QVERIFY(unheardFilled >= 1);

        // No order reached the server twice: each client order id once in the server's
        // orders (its 422 kept the one Qt sent again out).
        QSet<QString> ids;
        for (const QJsonValue &v : orders) {
            const QString id = v.toObject().value(QStringLiteral("client_order_id")).toString();
            QVERIFY2(!ids.contains(id), qPrintable(id));
            ids.insert(id);
        }

        // Flat on both sides.
        QVERIFY(m_alpaca.positions().isEmpty());
        QCOMPARE(rows(m_client.journal(),
                      QStringLiteral("SELECT symbol, SUM(CASE side WHEN 'buy' THEN qty ELSE -qty END) AS q FROM fills "
                                     "GROUP BY symbol HAVING q != 0")),
                 QStringList());

        // Every recovery in the audit trail.
        for (const char *action :
             {"trade-stream-down", "trade-stream-restored", "data-stream-down", "data-stream-restored",
              "rest-fallback-on", "rest-fallback-off", "rate-limited", "bulk-item-failed", "bulk-items-cleared"})
            QVERIFY2(audited(QString::fromLatin1(action)) >= 1, action);
    }

    void cleanupTestCase() { QCOMPARE(m_alpaca.stop(), QString()); }
};

QTEST_GUILESS_MAIN(TestAlpacaDay)
#include "tst_alpaca_day.moc"
