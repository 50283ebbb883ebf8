// The real vigil binary: --version, --help, headless sessions end to end (summary keys,
// byte-identical reruns), config check, and bad arguments.
#include "SqlFiles.h"
#include "VigilProcess.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using vigil::testing::scalar;

class TestCliHeadless : public QObject {
    Q_OBJECT

    using Run = vigil::testing::VigilRun;

    Run vigil(const QStringList &args) { return vigil::testing::runVigil(m_home.path(), args); }

    QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase() { QVERIFY(!qEnvironmentVariable("VIGIL_BINARY").isEmpty()); }

    void versionAndHelp()
    {
        const Run v = vigil({QStringLiteral("--version")});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(QRegularExpression(QStringLiteral("^vigil \\d+\\.\\d+\\.\\d+\\n$")).match(v.out).hasMatch());
        const Run h = vigil({QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        for (const char *mode : {"run --headless", "config check FILE", "--version", "vigil COMMAND --help"})
            QVERIFY2(h.out.contains(QLatin1String(mode)), mode);
        // A run's options are in its own help (tst_cli_usage: every command's).
        const Run run = vigil({QStringLiteral("run"), QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *option : {"vigil run --headless", "--summary-json", "--seed", "--speed", "--data-dir"})
            QVERIFY2(run.out.contains(QLatin1String(option)), option);
    }

    void headlessSessionIsDeterministic()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.json"));
        const QString b = dir.filePath(QStringLiteral("b.json"));
        const QString c = dir.filePath(QStringLiteral("c.json"));
        auto args = [&](const QString &seed, const QString &out) { // a data directory of its own each
            return QStringList{QStringLiteral("run"),
                               QStringLiteral("--headless"),
                               QStringLiteral("--seed"),
                               seed,
                               QStringLiteral("--speed"),
                               QStringLiteral("max"),
                               QStringLiteral("--date"),
                               QStringLiteral("2026-11-20"),
                               QStringLiteral("--data-dir"),
                               out + QStringLiteral(".data"),
                               QStringLiteral("--summary-json"),
                               out};
        };
        const Run ra = vigil(args(QStringLiteral("42"), a));
        QVERIFY2(ra.exitCode == 0, qPrintable(ra.err));
        QCOMPARE(vigil(args(QStringLiteral("42"), b)).exitCode, 0);
        QCOMPARE(vigil(args(QStringLiteral("43"), c)).exitCode, 0);
        const QByteArray bytesA = readFile(a);
        QVERIFY(!bytesA.isEmpty());
        QCOMPARE(bytesA, readFile(b));
        QVERIFY(bytesA != readFile(c));

        const QJsonObject o = QJsonDocument::fromJson(bytesA).object();
        QCOMPARE(o.value(QStringLiteral("session_date")).toString(), QStringLiteral("2026-11-20"));
        for (const char *key : {"orders", "fills", "events"})
            QVERIFY2(o.value(QLatin1String(key)).toInteger() > 0, key);
        const QRegularExpression decimal(QStringLiteral("^-?\\d+\\.\\d{2,4}$"));
        for (const char *key : {"realized_pnl", "unrealized_pnl"})
            QVERIFY2(decimal.match(o.value(QLatin1String(key)).toString()).hasMatch(), key);
        QVERIFY(o.value(QStringLiteral("positions")).isArray());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("a.json.data/logs/vigil.log"))));
    }

    void journalIsWrittenVerifiedAndNeverOverwritten()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList run{QStringLiteral("run"),           QStringLiteral("--headless"),
                              QStringLiteral("--seed"),        QStringLiteral("7"),
                              QStringLiteral("--date"),        QStringLiteral("2026-11-20"),
                              QStringLiteral("--data-dir"),    data,
                              QStringLiteral("--summary-json")};
        const Run first = vigil(run + QStringList{dir.filePath(QStringLiteral("first.json"))});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const Run verify =
            vigil({QStringLiteral("journal"), QStringLiteral("verify"), QStringLiteral("--data-dir"), data});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.err));
        QVERIFY(verify.out.contains(QStringLiteral("sound")));
        // The close brought the day's backup, verified.
        QVERIFY2(first.err.contains(QStringLiteral("daily backup")) && first.err.contains(QStringLiteral("verified")),
                 qPrintable(first.err));
        const QStringList backups =
            QDir(data + QStringLiteral("/backups")).entryList({QStringLiteral("*-daily.tar")}, QDir::Files);
        QCOMPARE(backups.size(), 1);
        const Run listed =
            vigil({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--data-dir"), data});
        QVERIFY2(listed.exitCode == 0 && listed.out.contains(QStringLiteral("verified")),
                 qPrintable(listed.out + listed.err));

        // The same day again resumes the finished session: nothing is traded twice, and the
        // books and orders it reports are the first run's (only the count of messages
        // differs: the broker's reports are not sent again).
        const qint64 orders =
            scalar(data + QStringLiteral("/journal.sqlite"), QStringLiteral("SELECT COUNT(*) FROM orders"));
        const qint64 fills =
            scalar(data + QStringLiteral("/journal.sqlite"), QStringLiteral("SELECT COUNT(*) FROM fills"));
        const Run second = vigil(run + QStringList{dir.filePath(QStringLiteral("second.json"))});
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QVERIFY2(second.err.contains(QStringLiteral("resuming the session from the journal")), qPrintable(second.err));
        QJsonObject a = QJsonDocument::fromJson(readFile(dir.filePath(QStringLiteral("first.json")))).object();
        QJsonObject b = QJsonDocument::fromJson(readFile(dir.filePath(QStringLiteral("second.json")))).object();
        QVERIFY(a.take(QStringLiteral("events")).toInteger() > b.take(QStringLiteral("events")).toInteger());
        QCOMPARE(a, b);
        QCOMPARE(scalar(data + QStringLiteral("/journal.sqlite"), QStringLiteral("SELECT COUNT(*) FROM orders")),
                 orders);
        QCOMPARE(scalar(data + QStringLiteral("/journal.sqlite"), QStringLiteral("SELECT COUNT(*) FROM fills")), fills);
        QVERIFY(QDir(data).entryList({QStringLiteral("journal-*")}, QDir::Files).isEmpty());

        // Another seed would be another market: the journal's session refuses it.
        QStringList otherSeed = run + QStringList{dir.filePath(QStringLiteral("third.json"))};
        otherSeed[3] = QStringLiteral("8");
        const Run third = vigil(otherSeed);
        QCOMPARE(third.exitCode, 1);
        QVERIFY2(third.err.contains(QStringLiteral("traded with seed 7"))
                     && third.err.contains(QStringLiteral("--seed 7")),
                 qPrintable(third.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("third.json"))));

        // A damaged journal is reported with what is wrong, and a non-zero exit.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(data + QStringLiteral("/journal.sqlite"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE orders SET filled_qty = filled_qty + 1 WHERE rowid = 1")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        const Run bad =
            vigil({QStringLiteral("journal"), QStringLiteral("verify"), QStringLiteral("--data-dir"), data});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("but its fills add up to")), qPrintable(bad.err));
        const Run none = vigil({QStringLiteral("journal"), QStringLiteral("verify"), QStringLiteral("--data-dir"),
                                dir.filePath(QStringLiteral("nowhere"))});
        QCOMPARE(none.exitCode, 2); // a data directory that is not there is a wrong argument
        QVERIFY(none.err.contains(
            QStringLiteral("the data directory '%1' does not exist").arg(dir.filePath(QStringLiteral("nowhere")))));
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("empty"))));
        const Run empty = vigil({QStringLiteral("journal"), QStringLiteral("verify"), QStringLiteral("--data-dir"),
                                 dir.filePath(QStringLiteral("empty"))});
        QCOMPARE(empty.exitCode, 1);
        QVERIFY(empty.err.contains(QStringLiteral("no such journal")));
    }

    void theNextDayCarriesPositionsAndAnEarlierDayIsRefused()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        auto day = [&](const QString &date) {
            return vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                          QStringLiteral("7"), QStringLiteral("--date"), date, QStringLiteral("--data-dir"), data,
                          QStringLiteral("--summary-json"), dir.filePath(date + QStringLiteral(".json"))});
        };
        const Run first = day(QStringLiteral("2026-11-19"));
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const Run second = day(QStringLiteral("2026-11-20"));
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        const QJsonObject one =
            QJsonDocument::fromJson(readFile(dir.filePath(QStringLiteral("2026-11-19.json")))).object();
        const QJsonObject two =
            QJsonDocument::fromJson(readFile(dir.filePath(QStringLiteral("2026-11-20.json")))).object();
        const QJsonArray held = one.value(QStringLiteral("positions")).toArray();
        QVERIFY(!held.isEmpty()); // the swing strategy holds overnight
        // The second day opened with the first day's positions and its closing equity.
        const QString journal = data + QStringLiteral("/journal.sqlite");
        QCOMPARE(scalar(journal, QStringLiteral("SELECT starting_equity FROM checkpoints WHERE session_date = "
                                                "'2026-11-20' AND kind = 'open'")),
                 qint64(std::llround(one.value(QStringLiteral("equity")).toString().toDouble() * 10000)));
        QCOMPARE(
            scalar(journal, QStringLiteral("SELECT SUM(qty) FROM position_snapshots p JOIN checkpoints c ON c.seq = "
                                           "p.checkpoint WHERE c.session_date = '2026-11-20' AND c.kind = 'open' "
                                           "AND p.strategy = 'account'")),
            [&] {
                qint64 sum = 0;
                for (const QJsonValue &p : held)
                    sum += p.toObject().value(QStringLiteral("qty")).toInteger();
                return sum;
            }());
        // The engine's books and the paper broker's own agree (the broker's realized P&L is
        // since the account opened, the engine's since the day began).
        auto withoutRealized = [](const QJsonValue &positions) {
            QJsonArray out;
            for (const QJsonValue &p : positions.toArray()) {
                QJsonObject o = p.toObject();
                o.remove(QStringLiteral("realized_pnl"));
                out.append(o);
            }
            return out;
        };
        QCOMPARE(withoutRealized(two.value(QStringLiteral("positions"))),
                 withoutRealized(two.value(QStringLiteral("broker")).toObject().value(QStringLiteral("positions"))));
        const Run verify =
            vigil({QStringLiteral("journal"), QStringLiteral("verify"), QStringLiteral("--data-dir"), data});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.err));
        // Going back in time is refused, and changes nothing.
        const qint64 orders = scalar(journal, QStringLiteral("SELECT COUNT(*) FROM orders"));
        const Run back = day(QStringLiteral("2026-11-18"));
        QCOMPARE(back.exitCode, 1);
        QVERIFY2(back.err.contains(QStringLiteral("already holds the later session of 2026-11-20")),
                 qPrintable(back.err));
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM orders")), orders);
    }

    void configCheck()
    {
        QTemporaryDir dir;
        const QString good = dir.filePath(QStringLiteral("good.toml"));
        const QString bad = dir.filePath(QStringLiteral("bad.toml"));
        QFile g(good);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("[risk]\nmax_order_qty = 500\n");
        g.close();
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[risk]\nmax_order_qty = -3\n");
        f.close();
        const Run ok = vigil({QStringLiteral("config"), QStringLiteral("check"), good});
        QCOMPARE(ok.exitCode, 0);
        const Run no = vigil({QStringLiteral("config"), QStringLiteral("check"), bad});
        QVERIFY(no.exitCode != 0);
        QVERIFY(no.err.contains(bad));
        QVERIFY(no.err.contains(QStringLiteral("risk.max_order_qty")));
        // A bad configuration stops a run before anything starts.
        const Run run = vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--config"), bad});
        QVERIFY(run.exitCode != 0);
        QVERIFY(run.err.contains(QStringLiteral("risk.max_order_qty")));
    }

    void badArgumentsFailClearly_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("seed") << QStringList{QStringLiteral("run"), QStringLiteral("--headless"),
                                             QStringLiteral("--seed"), QStringLiteral("abc")}
                              << "--seed";
        QTest::newRow("speed") << QStringList{QStringLiteral("run"), QStringLiteral("--headless"),
                                              QStringLiteral("--speed"), QStringLiteral("fast")}
                               << "--speed";
        QTest::newRow("date") << QStringList{QStringLiteral("run"), QStringLiteral("--headless"),
                                             QStringLiteral("--date"), QStringLiteral("2026-02-30")}
                              << "--date";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("run"), QStringLiteral("--headless"),
                                                       QStringLiteral("--bogus")}
                                        << "bogus";
        QTest::newRow("unknown command") << QStringList{QStringLiteral("fly")} << "fly";
        QTest::newRow("config usage") << QStringList{QStringLiteral("config"), QStringLiteral("lint")}
                                      << "config check";
        QTest::newRow("summary without headless")
            << QStringList{QStringLiteral("run"), QStringLiteral("--summary-json"), QStringLiteral("x.json")}
            << "--summary-json";
    }
    void badArgumentsFailClearly()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const Run r = vigil(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    }

    void unwritableSummaryIsAnError()
    {
        QTemporaryDir dir;
        const Run r = vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--date"),
                             QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), dir.path(),
                             QStringLiteral("--summary-json"), dir.filePath(QStringLiteral("missing/dir/s.json"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("missing/dir/s.json")));
    }
};

QTEST_GUILESS_MAIN(TestCliHeadless)
#include "tst_cli_headless.moc"
