// The example bot (resources/examples/alpaca-bot: Alpaca's JavaScript SDK, nothing of Vigil's) trades a
// simulated day at 300x through the real vigil's gateway. Past noon the operator pauses: the
// bot's next entry is refused 403 (reduce-only) and it stops entering. Then the operator
// kills: the bot's stream carries the cancel of its resting take-profit and the fills that
// flatten it, its next order is refused and it stops sending. It exits flat on SIGTERM, the
// gateway shows it no position, and every order it placed is in the journal under its name,
// covered by the audit trail that `vigil audit verify` accepts.
#include "GatewayRig.h"
#include "SqlFiles.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <functional>
#include <map>

using vigil::testing::GatewayRig;
using vigil::testing::scalar;

namespace {

const QString kBot = QStringLiteral("meanrev");

/// The bot's log: one JSON object per line, in the order it wrote them.
QList<QJsonObject> readLog(const QString &path)
{
    QList<QJsonObject> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.trimmed().isEmpty())
            out << QJsonDocument::fromJson(line).object();
    return out;
}

QString str(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toString(); }
bool isFill(const QJsonObject &o)
{
    return str(o, "type") == QLatin1String("trade_update")
           && (str(o, "event") == QLatin1String("fill") || str(o, "event") == QLatin1String("partial_fill"));
}

/// Each symbol's position after the last fill among the first `count` records.
std::map<QString, double> positionsAt(const QList<QJsonObject> &log, qsizetype count)
{
    std::map<QString, double> held;
    for (qsizetype i = 0; i < count && i < log.size(); ++i)
        if (isFill(log[i]))
            held[str(log[i], "symbol")] = str(log[i], "position_qty").toDouble();
    return held;
}

/// The bot's sell limits (take-profits) with no final event among the first `count` records.
QSet<QString> restingExits(const QList<QJsonObject> &log, qsizetype count)
{
    QSet<QString> resting;
    for (qsizetype i = 0; i < count && i < log.size(); ++i) {
        const QJsonObject &o = log[i];
        if (str(o, "type") == QLatin1String("order") && str(o, "side") == QLatin1String("sell"))
            resting.insert(str(o, "id"));
        const QString event = str(o, "event");
        if (str(o, "type") == QLatin1String("trade_update")
            && (event == QLatin1String("fill") || event == QLatin1String("canceled")
                || event == QLatin1String("expired") || event == QLatin1String("rejected")))
            resting.remove(str(o, "id"));
    }
    return resting;
}

/// The session's time (New York) of the bot's latest trade update; invalid when none has one.
QTime latestMarketTime(const QList<QJsonObject> &log)
{
    for (qsizetype i = log.size() - 1; i >= 0; --i)
        if (str(log[i], "type") == QLatin1String("trade_update") && !str(log[i], "timestamp").isEmpty())
            return QDateTime::fromString(str(log[i], "timestamp"), Qt::ISODateWithMs)
                .toTimeZone(QTimeZone("America/New_York"))
                .time();
    return {};
}

} // namespace

class TestExampleBot : public QObject {
    Q_OBJECT

    GatewayRig m_rig;
    QProcess m_bot;
    QString m_log;

    /// Waits up to `seconds` for `done` over the bot's log; fails naming `what` with the log's tail.
    bool waitForLog(const char *what, int seconds, const std::function<bool(const QList<QJsonObject> &)> &done)
    {
        for (int i = 0; i < seconds * 10; ++i) {
            if (done(readLog(m_log)))
                return true;
            if (m_bot.state() == QProcess::NotRunning) {
                qWarning("the bot exited (%d) while waiting for %s", m_bot.exitCode(), what);
                break;
            }
            QTest::qWait(100);
        }
        const QList<QJsonObject> log = readLog(m_log);
        QStringList tail;
        for (qsizetype i = std::max<qsizetype>(0, log.size() - 25); i < log.size(); ++i)
            tail << QString::fromUtf8(QJsonDocument(log[i]).toJson(QJsonDocument::Compact));
        qWarning("waited %d s for %s; the bot's log ends with:\n%s\nthe bot's output:\n%s\nvigil's stderr:\n%s",
                 seconds, what, qPrintable(tail.join(QLatin1Char('\n'))), m_bot.readAll().constData(),
                 qPrintable(m_rig.tail(QStringLiteral("vigil.err"))));
        return false;
    }

    /// GET `path` on the gateway as the bot; the parsed JSON body, or null on any failure.
    QJsonDocument get(const QString &path)
    {
        QNetworkAccessManager net;
        QNetworkRequest request(QUrl(m_rig.baseUrl() + path));
        request.setRawHeader("APCA-API-KEY-ID", m_rig.keyId.toUtf8());
        request.setRawHeader("APCA-API-SECRET-KEY", m_rig.secret.toUtf8());
        request.setTransferTimeout(10'000);
        QNetworkReply *reply = net.get(request);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        if (status != 200)
            qWarning("GET %s: HTTP %d %s", qPrintable(path), status, body.constData());
        return status == 200 ? QJsonDocument::fromJson(body) : QJsonDocument();
    }

private Q_SLOTS:
    void cleanupTestCase()
    {
        if (m_bot.state() != QProcess::NotRunning) {
            m_bot.kill();
            m_bot.waitForFinished();
        }
    }

    void pausedThenKilledMidDay()
    {
        const QString missing = m_rig.nodeProblem(QStringLiteral("resources/examples/alpaca-bot"));
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        const QString prepared = m_rig.prepare(kBot, QStringLiteral("eb"));
        QVERIFY2(prepared.isEmpty(), qPrintable(prepared));
        const QString started = m_rig.start(QStringLiteral("300"));
        QVERIFY2(started.isEmpty(), qPrintable(started));

        // Eager entries (any dip below the average) and take-profits too far to fill soon, so
        // that the bot holds positions and resting sells when the operator steps in.
        m_log = m_rig.home.filePath(QStringLiteral("bot-events.jsonl"));
        QProcessEnvironment env = m_rig.botEnvironment();
        env.insert(QStringLiteral("BOT_EVENT_LOG"), m_log);
        env.insert(QStringLiteral("BOT_SYMBOLS"), QStringLiteral("AAPL,MSFT"));
        env.insert(QStringLiteral("BOT_QTY"), QStringLiteral("1"));
        env.insert(QStringLiteral("BOT_MAX_POSITION"), QStringLiteral("50"));
        env.insert(QStringLiteral("BOT_ENTRY_BPS"), QStringLiteral("0"));
        env.insert(QStringLiteral("BOT_TAKE_PROFIT_BPS"), QStringLiteral("300"));
        env.insert(QStringLiteral("BOT_MIN_ORDER_INTERVAL_MS"), QStringLiteral("2000"));
        env.insert(QStringLiteral("BOT_REDUCE_ONLY_RETRY_MS"), QStringLiteral("2000"));
        m_bot.setProgram(QStringLiteral("node"));
        m_bot.setArguments({m_rig.sourceDir() + QStringLiteral("/resources/examples/alpaca-bot/bot.mjs")});
        m_bot.setWorkingDirectory(m_rig.sourceDir() + QStringLiteral("/resources/examples/alpaca-bot"));
        m_bot.setProcessEnvironment(env);
        m_bot.setProcessChannelMode(QProcess::MergedChannels);
        m_bot.start();
        QVERIFY2(m_bot.waitForStarted(), qPrintable(m_bot.errorString()));

        // Past noon, holding something, with a take-profit resting.
        QVERIFY(waitForLog("noon with a position and a resting take-profit", 150, [](const QList<QJsonObject> &log) {
            const QTime t = latestMarketTime(log);
            bool holding = false;
            for (const auto &[symbol, qty] : positionsAt(log, log.size()))
                holding = holding || qty > 0;
            return t.isValid() && t >= QTime(12, 0) && holding && !restingExits(log, log.size()).isEmpty();
        }));

        // Where the log stands is read before each command: the stream's answer to it can
        // reach the bot's log before `vigil ctl` has returned.
        const qsizetype paused = readLog(m_log).size();
        const GatewayRig::Run pause =
            m_rig.vigil({QStringLiteral("ctl"), QStringLiteral("pause"), QStringLiteral("--reason"),
                         QStringLiteral("example bot: a pause at noon")});
        QVERIFY2(pause.exitCode == 0, qPrintable(pause.err));
        QVERIFY(waitForLog("a 403 refusal of an entry while paused", 30, [paused](const QList<QJsonObject> &log) {
            for (qsizetype i = paused; i < log.size(); ++i)
                if (str(log[i], "type") == QLatin1String("refused")
                    && log[i].value(QLatin1String("status")).toInt() == 403)
                    return true;
            return false;
        }));
        {
            const QList<QJsonObject> log = readLog(m_log);
            for (qsizetype i = paused; i < log.size(); ++i)
                if (str(log[i], "type") == QLatin1String("refused")) {
                    QCOMPARE(log[i].value(QLatin1String("status")).toInt(), 403);
                    QCOMPARE(str(log[i], "side"), QStringLiteral("buy"));
                    QVERIFY2(str(log[i], "message").contains(QLatin1String("reduce"), Qt::CaseInsensitive),
                             qPrintable(str(log[i], "message")));
                    break;
                }
        }

        const QList<QJsonObject> beforeKill = readLog(m_log);
        const qsizetype killed = beforeKill.size();
        std::map<QString, double> held = positionsAt(beforeKill, killed);
        const QSet<QString> resting = restingExits(beforeKill, killed);
        const GatewayRig::Run kill = m_rig.vigil({QStringLiteral("ctl"), QStringLiteral("kill"),
                                                  QStringLiteral("--reason"), QStringLiteral("example bot drill")});
        QVERIFY2(kill.exitCode == 0, qPrintable(kill.err));

        // The kill's cancels and flattening fills reach the bot's stream; its next order is
        // refused and it stops sending.
        QVERIFY(waitForLog(
            "the kill's cancels, flattening fills and the bot blocked", 60, [&](const QList<QJsonObject> &log) {
                bool cancelled = false, blocked = false;
                std::map<QString, double> now = held;
                for (qsizetype i = killed; i < log.size(); ++i) {
                    const QJsonObject &o = log[i];
                    if (str(o, "event") == QLatin1String("canceled") && resting.contains(str(o, "id")))
                        cancelled = true;
                    if (isFill(o))
                        now[str(o, "symbol")] = str(o, "position_qty").toDouble();
                    if (str(o, "type") == QLatin1String("mode") && str(o, "mode") == QLatin1String("blocked"))
                        blocked = true;
                }
                bool flat = true;
                for (const auto &[symbol, qty] : now)
                    flat = flat && qty == 0;
                return cancelled && blocked && flat;
            }));
        {
            const QList<QJsonObject> log = readLog(m_log);
            qsizetype blockedAt = -1;
            for (qsizetype i = killed; i < log.size() && blockedAt < 0; ++i)
                if (str(log[i], "type") == QLatin1String("mode") && str(log[i], "mode") == QLatin1String("blocked"))
                    blockedAt = i;
            // (An order already on its way when it learnt is answered after; none may leave after.)
            const QString learnt = str(log[blockedAt], "at");
            for (qsizetype i = blockedAt + 1; i < log.size(); ++i)
                QVERIFY2(str(log[i], "sent_at").isEmpty() || str(log[i], "sent_at") < learnt,
                         "the bot kept sending orders after it learnt trading was blocked");
            qsizetype fills = 0;
            for (qsizetype i = killed; i < log.size(); ++i)
                fills += isFill(log[i]) && str(log[i], "side") == QLatin1String("sell") ? 1 : 0;
            QVERIFY2(fills >= 1, "no flattening fill after the kill");
        }

        // SIGTERM: the bot sees it is flat and exits 0.
        m_bot.terminate();
        QVERIFY2(m_bot.waitForFinished(60'000), "the bot did not exit within 60 s of SIGTERM");
        QCOMPARE(m_bot.exitStatus(), QProcess::NormalExit);
        QVERIFY2(m_bot.exitCode() == 0, m_bot.readAll().constData());
        const QList<QJsonObject> log = readLog(m_log);
        QVERIFY(!log.isEmpty());
        QCOMPARE(str(log.last(), "type"), QStringLiteral("exit"));
        QVERIFY(log.last().value(QLatin1String("flat")).toBool());

        const QJsonDocument positions = get(QStringLiteral("/v2/positions"));
        QVERIFY2(positions.isArray(), "GET /v2/positions did not answer a JSON array");
        QVERIFY2(positions.array().isEmpty(), positions.toJson().constData());

        const QString stopped = m_rig.stop();
        QVERIFY2(stopped.isEmpty(), qPrintable(stopped));

        // Every order the bot placed is the bot's in the journal, and the audit trail covers them.
        QSet<QString> placed;
        for (const QJsonObject &o : log)
            if (str(o, "type") == QLatin1String("order"))
                placed.insert(str(o, "id"));
        QVERIFY2(placed.size() >= 3, qPrintable(QStringLiteral("the bot placed only %1 orders").arg(placed.size())));
        const QString journal = m_rig.journal();
        const qint64 journaled =
            scalar(journal, QStringLiteral("SELECT COUNT(*) FROM orders WHERE strategy = '%1'").arg(kBot));
        QVERIFY2(journaled >= placed.size(), qPrintable(QStringLiteral("%1 orders of %2 in the journal, it placed %3")
                                                            .arg(journaled)
                                                            .arg(kBot)
                                                            .arg(placed.size())));
        QCOMPARE(
            scalar(journal, QStringLiteral("SELECT COUNT(*) FROM order_events e JOIN orders o ON o.client_order_id "
                                           "= e.client_order_id WHERE o.strategy = '%1' AND NOT EXISTS (SELECT 1 "
                                           "FROM audit a WHERE a.covers_from IS NOT NULL AND e.seq BETWEEN "
                                           "a.covers_from AND a.seq)")
                                .arg(kBot)),
            0);
        QVERIFY(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'kill'")) >= 1);
        const GatewayRig::Run verify = m_rig.vigil({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
    }
};

QTEST_GUILESS_MAIN(TestExampleBot)
#include "tst_example_bot.moc"
