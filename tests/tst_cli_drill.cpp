// `vigil ctl drill` answers with what the drill did at the simulated venue, or why it could
// not (exit 1), never just "sent"; `vigil ctl status --json` lists the open positions, and
// they are the journal's. Each against a real headless instance.
#include "BookQueries.h"
#include "SqlFiles.h"
#include "VigilProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace vigil::testing;

class TestCliDrill : public QObject {
    Q_OBJECT

    using Run = VigilRun;
    QTemporaryDir m_home;

    Run ctl(const QString &data, const QStringList &args)
    {
        return runVigil(m_home.path(),
                        QStringList{QStringLiteral("ctl")} + args + QStringList{QStringLiteral("--data-dir"), data});
    }

    QJsonObject status(const QString &data)
    {
        return QJsonDocument::fromJson(ctl(data, {QStringLiteral("status"), QStringLiteral("--json")}).out.toUtf8())
            .object();
    }

    /// A headless session on `data` (with `extra` arguments), once its market is open.
    bool start(QProcess &instance, const QString &data, const QStringList &extra)
    {
        instance.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        instance.setArguments(QStringList{QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--date"),
                                          QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), data}
                              + extra);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment(); // as runVigil's
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.remove(QStringLiteral("DISPLAY"));
        instance.setProcessEnvironment(env);
        instance.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        instance.start();
        if (!instance.waitForStarted())
            return false;
        for (int i = 0; i < 600; ++i) {
            if (status(data).value(QStringLiteral("session")).toString() == QLatin1String("open"))
                return true;
            QThread::msleep(100);
        }
        return false;
    }

    static void stop(QProcess &instance)
    {
        instance.kill();
        instance.waitForFinished();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(!qEnvironmentVariable("VIGIL_BINARY").isEmpty()); }

    void eachDrillAnswersWithWhatItDid()
    {
        // No strategy trades: the broker holds nothing but what the drills put there.
        const QString config = m_home.filePath(QStringLiteral("quiet.toml"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[strategies.intraday]\nenabled = false\n[strategies.swing]\nenabled = false\n");
        file.close();
        const QString data = m_home.filePath(QStringLiteral("quiet"));
        QProcess instance;
        QVERIFY(start(instance, data,
                      {QStringLiteral("--speed"), QStringLiteral("5"), QStringLiteral("--config"), config}));
        const auto drill = [&](const QStringList &args) {
            return ctl(data, QStringList{QStringLiteral("drill")} + args
                                 + QStringList{QStringLiteral("--reason"), QStringLiteral("rehearsal")});
        };

        // Nothing to act on: exit 1, and the answer says why; never "sent".
        const QList<std::pair<QStringList, QString>> cannot{
            {{QStringLiteral("broker-manual-close")}, QStringLiteral("the broker holds no position to close")},
            {{QStringLiteral("broker-manual-close"), QStringLiteral("--symbol"), QStringLiteral("AAPL")},
             QStringLiteral("the broker holds no AAPL")},
            {{QStringLiteral("broker-cancel-order")}, QStringLiteral("no working order to cancel")},
            {{QStringLiteral("broker-cancel-order"), QStringLiteral("--order"), QStringLiteral("VG-NOPE")},
             QStringLiteral("no working order VG-NOPE")},
            {{QStringLiteral("broker-manual-trade"), QStringLiteral("--symbol"), QStringLiteral("NOPE")},
             QStringLiteral("no symbol named NOPE")},
        };
        for (const auto &[args, why] : cannot) {
            const Run r = drill(args);
            const QString said = args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.out + r.err;
            QVERIFY2(r.exitCode == 1, qPrintable(said));
            QVERIFY2(r.err.contains(QStringLiteral("DRILL %1").arg(args.first()))
                         && r.err.contains(QLatin1String("did nothing")) && r.err.contains(why),
                     qPrintable(said));
            QVERIFY2(!(r.out + r.err).contains(QLatin1String("sent")), qPrintable(said));
        }

        // Each drill that acts says what it did.
        const Run trade = drill({QStringLiteral("broker-manual-trade"), QStringLiteral("--symbol"),
                                 QStringLiteral("AAPL"), QStringLiteral("--amount"), QStringLiteral("5")});
        QVERIFY2(trade.exitCode == 0 && trade.out.contains(QLatin1String("bought 5 AAPL by hand at ")),
                 qPrintable(trade.out + trade.err));
        const Run order =
            drill({QStringLiteral("broker-manual-order"), QStringLiteral("--symbol"), QStringLiteral("KO")});
        QVERIFY2(order.exitCode == 0 && order.out.contains(QLatin1String("by hand: buy 10 KO limit ")),
                 qPrintable(order.out + order.err));
        const QString placed = QRegularExpression(QStringLiteral("placed (\\S+) by hand")).match(order.out).captured(1);
        QVERIFY2(!placed.isEmpty(), qPrintable(order.out));
        const Run cancel = drill({QStringLiteral("broker-cancel-order"), QStringLiteral("--order"), placed});
        QVERIFY2(cancel.exitCode == 0
                     && cancel.out.contains(QStringLiteral("cancelled %1 behind the engine's back").arg(placed)),
                 qPrintable(cancel.out + cancel.err));
        const Run close = drill({QStringLiteral("broker-manual-close")});
        QVERIFY2(close.exitCode == 0 && close.out.contains(QLatin1String("closed 5 AAPL by hand at ")),
                 qPrintable(close.out + close.err));
        const QList<std::pair<QString, QString>> timed{
            {QStringLiteral("broker-disconnect"), QStringLiteral("the broker is unreachable for 2 s")},
            {QStringLiteral("broker-error-burst"), QStringLiteral("the next 2 orders are answered with an error")},
            {QStringLiteral("feed-silence"), QStringLiteral("no market data for 2 s")},
        };
        for (const auto &[name, what] : timed) {
            const Run r = drill({name, QStringLiteral("--amount"), QStringLiteral("2")});
            QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("DRILL %1 (2): %2").arg(name, what)),
                     qPrintable(r.out + r.err));
        }
        stop(instance);
    }

    void statusListsThePositionsOfTheJournal()
    {
        const QString data = m_home.filePath(QStringLiteral("trading"));
        QProcess instance;
        QVERIFY(
            start(instance, data,
                  {QStringLiteral("--speed"), QStringLiteral("60"), QStringLiteral("--seed"), QStringLiteral("4")}));
        bool holding = false;
        for (int i = 0; i < 600 && !holding; ++i) {
            holding = !status(data).value(QStringLiteral("positions")).toArray().isEmpty();
            QThread::msleep(100);
        }
        QVERIFY2(holding, "no position was opened");
        // Halted, nothing more trades: the books stand still and can be compared.
        QCOMPARE(ctl(data, {QStringLiteral("halt"), QStringLiteral("--reason"), QStringLiteral("compare the books")})
                     .exitCode,
                 0);
        QJsonObject s;
        for (int i = 0; i < 100; ++i) {
            s = status(data);
            if (s.value(QStringLiteral("orders")).toObject().value(QStringLiteral("working")).toInt() == 0)
                break;
            QThread::msleep(100);
        }
        QCOMPARE(s.value(QStringLiteral("orders")).toObject().value(QStringLiteral("working")).toInt(), 0);
        const QJsonArray positions = status(data).value(QStringLiteral("positions")).toArray();
        QStringList listed;
        for (const QJsonValue &v : positions) {
            const QJsonObject p = v.toObject();
            const QString symbol = p.value(QStringLiteral("symbol")).toString();
            const qint64 qty = p.value(QStringLiteral("quantity")).toInteger();
            listed << QStringLiteral("%1|%2").arg(symbol).arg(qty);
            // Decimals as exact strings; the figures agree with each other to the cent.
            for (const char *key : {"average_price", "market_price", "market_value", "unrealized_pnl"})
                QVERIFY2(p.value(QLatin1String(key)).isString(), key);
            const QString avgText = p.value(QStringLiteral("average_price")).toString();
            const QString markText = p.value(QStringLiteral("market_price")).toString();
            QVERIFY2(avgText.contains(QLatin1Char('.')) && markText.contains(QLatin1Char('.')), qPrintable(avgText));
            const double avg = avgText.toDouble(), mark = markText.toDouble();
            QVERIFY(avg > 0 && mark > 0);
            QVERIFY2(qAbs(p.value(QStringLiteral("market_value")).toString().toDouble() - double(qty) * mark) < 0.01,
                     qPrintable(symbol));
            QVERIFY2(qAbs(p.value(QStringLiteral("unrealized_pnl")).toString().toDouble() - double(qty) * (mark - avg))
                         < 0.02,
                     qPrintable(symbol));
            // The average entry price is one the journal's fills of the symbol could make.
            const QStringList range =
                rows(data + QStringLiteral("/journal.sqlite"),
                     QStringLiteral("SELECT MIN(price), MAX(price) FROM fills WHERE symbol = '%1'").arg(symbol));
            QCOMPARE(range.size(), 1);
            QVERIFY2(avg * 10000 >= range.first().section(QLatin1Char('|'), 0, 0).toDouble() - 0.5
                         && avg * 10000 <= range.first().section(QLatin1Char('|'), 1, 1).toDouble() + 0.5,
                     qPrintable(avgText + QStringLiteral(" outside ") + range.first()));
        }
        QCOMPARE(listed, rows(data + QStringLiteral("/journal.sqlite"), kJournalPositions));
        stop(instance);
    }
};

QTEST_GUILESS_MAIN(TestCliDrill)
#include "tst_cli_drill.moc"
