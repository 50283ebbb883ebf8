// A client vigil's session on the Alpaca venue against the loopback Alpaca
// (AlpacaStoryRig.h), end to end:
//
//  1. `vigil ctl kill` with 500 working orders leaves none open at the server. The orders
//     are a ladder of limit buys far under the bid that a bot behind the client's own
//     gateway places (the client's engine sends each on to the server); the kill's one bulk
//     cancel is answered with a 207 whose first three items failed (the proxy's fail207:
//     those really are still open at the server), and the adapter cancels them one by one.
//  2. No key or secret of the broker account anywhere after the session: every file under
//     the client's home (data directory with its journal, logs and backups, its
//     configuration, its stdout and stderr) is read byte for byte, backups too (plain tar,
//     checked), for the key id, the secret and their base64 forms.
//
// The built-in strategies are off: the 500 are the only working orders (the proxy's bulk
// cancel lists 500 at most). Speed 120; every wait has a bound.
#include "AlpacaStoryRig.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

using namespace vigil::testing;

namespace {

const QString kLadderSymbol = QStringLiteral("KO");
const QString kFillSymbol = QStringLiteral("XOM");
constexpr int kLadder = 500;

/// What must never be on disk: each text with its name.
QList<QPair<QString, QByteArray>> secretForms(const QString &keyId, const QString &secret)
{
    const QByteArray k = keyId.toUtf8();
    const QByteArray s = secret.toUtf8();
    const QByteArray pair = k + ':' + s;
    QList<QPair<QString, QByteArray>> forms{{QStringLiteral("the key id"), k}, {QStringLiteral("the secret"), s}};
    const auto base64 = [](const QByteArray &b, QByteArray::Base64Options o) {
        // Without the padding: a form inside a longer text has none.
        QByteArray e = b.toBase64(o);
        while (e.endsWith('='))
            e.chop(1);
        return e;
    };
    for (const auto &[name, bytes] : {qMakePair(QStringLiteral("key id"), k), qMakePair(QStringLiteral("secret"), s),
                                      qMakePair(QStringLiteral("key id:secret"), pair)}) {
        forms.append({QStringLiteral("the %1 in base64").arg(name), base64(bytes, QByteArray::Base64Encoding)});
        forms.append({QStringLiteral("the %1 in base64url").arg(name), base64(bytes, QByteArray::Base64UrlEncoding)});
    }
    forms.append({QStringLiteral("the secret percent-encoded"), QUrl::toPercentEncoding(secret)});
    return forms;
}

} // namespace

class AlpacaSessionTest : public QObject {
    Q_OBJECT

    AlpacaLoopback m_alpaca;
    AlpacaClient m_client;
    ClientBot m_bot;

    /// The client's working ladder orders at the server.
    int ladderOpenAtServer()
    {
        return static_cast<int>(
            m_alpaca
                .call("GET", m_alpaca.serverRestUrl()
                                 + QStringLiteral("/v2/orders?status=open&limit=500&symbols=%1").arg(kLadderSymbol))
                .array()
                .size());
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
        client.requestsPerMinute = 5000; // 500 orders in seconds, not minutes
        // The proxy's failing bulk cancel does the 500 cancels itself, one request at a time
        // to the server: its 207 takes seconds, where Alpaca's own answers at once.
        client.venueLines = QStringLiteral("request_timeout_ms = 60000\n");
        client.strategies = QStringLiteral("[strategies.intraday]\nenabled = false\n\n"
                                           "[strategies.swing]\nenabled = false\n\n");
        client.moreTables = clientGatewayTables(m_bot.port, QStringLiteral("ladder"), QStringLiteral("ld"),
                                                {kLadderSymbol, kFillSymbol})
                            + clientRiskTables(2000, 10000);
        problem = m_client.prepare(m_alpaca, client);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = addClientBotKey(m_client, QStringLiteral("ladder"), m_bot);
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

    void aKillWith500WorkingOrdersLeavesNoneOpen()
    {
        // A fill first (the session trades; the link is up once an order is taken).
        AlpacaLoopback::Reply r;
        QVERIFY2(waitUntil(
                     [&] {
                         r = m_bot.order(kFillSymbol, 20);
                         return r.status == 200;
                     },
                     20'000),
                 qPrintable(QStringLiteral("%1 %2").arg(r.status).arg(QString::fromUtf8(r.body))));

        // The ladder: 500 limit buys 3 % under the bid (inside the price collars, far from a fill).
        const double bid = serverBid(m_alpaca, kLadderSymbol);
        QVERIFY2(bid > 0, "the server has no quote");
        const QString limit = QString::number(std::floor(bid * 0.97 * 100) / 100, 'f', 2);
        // The first once the client has a quote of the symbol to check its price against.
        QVERIFY2(waitUntil(
                     [&] {
                         r = m_bot.order(kLadderSymbol, 1, limit);
                         return r.status == 200;
                     },
                     20'000),
                 qPrintable(QStringLiteral("%1 %2").arg(r.status).arg(QString::fromUtf8(r.body))));
        for (int i = 1; i < kLadder; ++i) {
            r = m_bot.order(kLadderSymbol, 1 + i % 5, limit);
            QVERIFY2(r.status == 200, qPrintable(QStringLiteral("order %1 of the ladder: %2 %3")
                                                     .arg(i + 1)
                                                     .arg(r.status)
                                                     .arg(QString::fromUtf8(r.body))));
        }
        QVERIFY2(
            waitUntil([&] { return ladderOpenAtServer() == kLadder; }, 90'000),
            qPrintable(QStringLiteral("%1 of the ladder's orders working at the server").arg(ladderOpenAtServer())));
        QVERIFY2(
            waitUntil(
                [&] { return m_client.status().value(u"orders").toObject().value(u"working").toInteger() == kLadder; },
                30'000),
            "the client does not see the 500 working");

        // The order stream drops with 501 orders of the day submitted: the catch-up reads every
        // order submitted since the oldest still working, more than Alpaca's page of 500, so
        // it reads page after page before the broker is trusted again.
        const qint64 pagesBefore =
            m_alpaca.counters().value(u"requests").toObject().value(u"GET /v2/orders").toInteger();
        const QJsonObject dropped = m_alpaca.fault(QJsonObject{{QStringLiteral("fault"), QStringLiteral("drop")},
                                                               {QStringLiteral("stream"), QStringLiteral("trade")}});
        QVERIFY2(!dropped.contains(u"error"), qPrintable(dropped.value(u"error").toString()));
        QString restored;
        QVERIFY2(waitUntil(
                     [&] {
                         restored = rows(m_client.journal(),
                                         QStringLiteral("SELECT message FROM alerts WHERE message LIKE "
                                                        "'%order stream is back%' ORDER BY seq DESC LIMIT 1"))
                                        .value(0);
                         return !restored.isEmpty();
                     },
                     30'000),
                 "the order stream was not restored");
        static const QRegularExpression fetched(QStringLiteral("back; (\\d+) orders"));
        const qint64 read = fetched.match(restored).captured(1).toLongLong();
        QVERIFY2(read >= kLadder + 1, qPrintable(restored));
        QVERIFY(m_alpaca.counters().value(u"requests").toObject().value(u"GET /v2/orders").toInteger()
                >= pagesBefore + 2);
        QCOMPARE(m_client.status().value(u"orders").toObject().value(u"working").toInteger(), qint64{kLadder});

        // The bulk cancel's 207 fails its first three items (the oldest open orders); then
        // the kill.
        QStringList kept;
        for (const QJsonValue &v :
             m_alpaca
                 .call("GET", m_alpaca.serverRestUrl() + QStringLiteral("/v2/orders?status=open&limit=3&direction=asc"))
                 .array())
            kept << v.toObject().value(u"id").toString();
        QCOMPARE(kept.size(), 3);
        const QJsonObject before = m_alpaca.counters();
        const QJsonObject armed = m_alpaca.fault(QJsonObject{{QStringLiteral("fault"), QStringLiteral("fail207")},
                                                             {QStringLiteral("bulk"), QStringLiteral("orders")},
                                                             {QStringLiteral("keep"), 3}});
        QVERIFY2(!armed.contains(u"error"), qPrintable(armed.value(u"error").toString()));
        const AlpacaClient::Run kill =
            m_client.ctl({QStringLiteral("kill"), QStringLiteral("--reason"), QStringLiteral("500 working")});
        QVERIFY2(kill.exitCode == 0, qPrintable(kill.out + kill.err));

        QVERIFY2(waitUntil([&] { return m_alpaca.openOrders().isEmpty(); }, 60'000),
                 qPrintable(QStringLiteral("%1 orders still open at the server 60 s after the kill:\n%2")
                                .arg(m_alpaca.openOrders().size())
                                .arg(m_client.errors())));
        QVERIFY2(
            waitUntil([&] { return m_client.status().value(u"orders").toObject().value(u"working").toInteger() == 0; },
                      30'000),
            "the client still counts working orders");
        QVERIFY2(waitUntil([&] { return serverPositions(m_alpaca).isEmpty(); }, 30'000),
                 qPrintable(describe(serverPositions(m_alpaca))));

        // What the 207 did: one bulk request, answered by the proxy with three failed items;
        // those three were then cancelled one by one (DELETE /v2/orders/{id}), nothing else.
        QJsonObject after;
        QVERIFY(waitUntil(
            [&] {
                after = m_alpaca.counters();
                return after.value(u"faults").toObject().value(u"fail207").toInteger()
                       > before.value(u"faults").toObject().value(u"fail207").toInteger();
            },
            30'000));
        const QJsonObject requestsBefore = before.value(u"requests").toObject();
        const QJsonObject requestsAfter = after.value(u"requests").toObject();
        QJsonObject requestsSince;
        for (auto it = requestsAfter.begin(); it != requestsAfter.end(); ++it)
            if (const qint64 n = it.value().toInteger() - requestsBefore.value(it.key()).toInteger(); n > 0)
                requestsSince[it.key()] = n;
        const QByteArray since = QJsonDocument(requestsSince).toJson(QJsonDocument::Compact).left(3000);
        QVERIFY2(after.value(u"faults").toObject().value(u"fail207").toInteger()
                         - before.value(u"faults").toObject().value(u"fail207").toInteger()
                     == 1,
                 since.constData());
        QVERIFY2(requestsSince.value(u"DELETE /v2/orders").toInteger() == 1, since.constData());
        int singleCancels = 0;
        for (auto it = requestsSince.begin(); it != requestsSince.end(); ++it)
            if (it.key().startsWith(QStringLiteral("DELETE /v2/orders/")))
                singleCancels += static_cast<int>(it.value().toInteger());
        for (const QString &id : kept)
            QVERIFY2(requestsSince.value(QStringLiteral("DELETE /v2/orders/") + id).toInteger() >= 1,
                     qPrintable(QStringLiteral("the failed item %1 was not cancelled on its own: %2")
                                    .arg(id, QString::fromUtf8(since))));
        QVERIFY2(singleCancels >= 3 && singleCancels <= 3 * 5, since.constData()); // five rounds at most
        for (const QString &id : kept)
            QCOMPARE(m_alpaca.call("GET", m_alpaca.serverRestUrl() + QStringLiteral("/v2/orders/") + id)
                         .object()
                         .value(u"status")
                         .toString(),
                     QStringLiteral("canceled"));
        // Every ladder order ended cancelled, at the server and in the client's journal.
        QCOMPARE(scalar(m_client.journal(), QStringLiteral("SELECT COUNT(*) FROM orders WHERE client_order_id LIKE "
                                                           "'%-ld-%' AND symbol = 'KO' AND status = 'cancelled'")),
                 qint64{kLadder});
    }

    void noKeyOrSecretAnywhereAfterTheSession()
    {
        // The rest of a session: a restart (it resumes the day from the journal), a backup
        // with the logs, and an orderly stop.
        QCOMPARE(m_client.stop(), QString());
        QString problem = m_client.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const AlpacaClient::Run backup =
            m_client.vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--include-logs")});
        QVERIFY2(backup.exitCode == 0, qPrintable(backup.out + backup.err));
        QCOMPARE(m_client.stop(), QString());

        const QList<QPair<QString, QByteArray>> forms = secretForms(m_alpaca.keyId(), m_alpaca.secret());
        for (const auto &[name, bytes] : forms)
            QVERIFY2(bytes.size() >= 12, qPrintable(name + QStringLiteral(" is too short to search for")));
        QStringList leaks;
        QStringList read;
        int backups = 0;
        QDirIterator files(m_client.home.path(), QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            const QByteArray bytes = f.readAll();
            const QString name = path.mid(m_client.home.path().size() + 1);
            read << name;
            if (path.endsWith(QStringLiteral(".tar"))) {
                // A backup is a plain tar (ustar): its members' bytes are the file's bytes.
                QVERIFY2(bytes.size() > 512 && bytes.mid(257, 5) == "ustar",
                         qPrintable(name + QStringLiteral(" is not a plain tar: read it decompressed")));
                ++backups;
            }
            for (const auto &[what, needle] : forms)
                if (bytes.contains(needle))
                    leaks << QStringLiteral("%1: %2").arg(name, what);
        }
        // What was read: the journal, the configuration, the logs, a backup.
        QVERIFY2(read.contains(QStringLiteral("client/journal.sqlite")), qPrintable(read.join(u'\n')));
        QVERIFY2(read.contains(QStringLiteral("client.toml")), qPrintable(read.join(u'\n')));
        QVERIFY2(read.filter(QRegularExpression(QStringLiteral("^client/logs/"))).size() > 0,
                 qPrintable(read.join(u'\n')));
        QVERIFY2(backups >= 1, qPrintable(read.join(u'\n')));
        QVERIFY2(leaks.isEmpty(), qPrintable(QStringLiteral("the broker's keys on disk:\n") + leaks.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(AlpacaSessionTest)
#include "tst_alpaca_session.moc"
