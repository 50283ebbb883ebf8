// `vigil ctl` against a real headless instance: status (text and JSON), every command with
// its exit status, the rules enforced from outside (a reason, the kill switch's
// acknowledgement), flatten waiting for the broker, one instance per data directory, a
// pause that survives SIGKILL and a restart; then `vigil audit verify|export` on the
// journal those commands wrote, clean and tampered with.
#include "SqlFiles.h"

#include "api/ControlChannel.h"
#include "api/InstanceLock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace vigil::testing;

class TestCliCtl : public QObject {
    Q_OBJECT

    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };

    QTemporaryDir m_home;
    QString m_data;
    QProcess m_instance;
    QString m_acceptedOrder; ///< the difference reconcileDrillAndResolve accepted

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("run")));
        env.remove(QStringLiteral("DISPLAY"));
        return env;
    }

    Run vigil(QStringList args, bool withDataDir = true)
    {
        if (withDataDir)
            args << QStringLiteral("--data-dir") << m_data;
        QProcess p;
        p.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        p.setArguments(args);
        p.setProcessEnvironment(environment());
        p.start();
        if (!p.waitForFinished(120'000))
            p.kill();
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    Run ctl(const QStringList &args) { return vigil(QStringList{QStringLiteral("ctl")} + args); }

    QJsonObject status()
    {
        const Run r = ctl({QStringLiteral("status"), QStringLiteral("--json")});
        if (r.exitCode != 0)
            qWarning("ctl status --json: %d %s", r.exitCode, qPrintable(r.err));
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

    /// Starts a headless session slow enough to outlast the test and waits until it answers.
    bool startInstance()
    {
        m_instance.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        m_instance.setArguments({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--speed"),
                                 QStringLiteral("20"), QStringLiteral("--date"), QStringLiteral("2026-11-20"),
                                 QStringLiteral("--seed"), QStringLiteral("11"), QStringLiteral("--data-dir"), m_data});
        m_instance.setProcessEnvironment(environment());
        m_instance.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_instance.start();
        if (!m_instance.waitForStarted())
            return false;
        for (int i = 0; i < 200; ++i) {
            if (ctl({QStringLiteral("status")}).exitCode == 0)
                return true;
            QThread::msleep(50);
        }
        return false;
    }

    void killInstance()
    {
        m_instance.kill();
        m_instance.waitForFinished();
    }

    QString journal() const { return m_data + QStringLiteral("/journal.sqlite"); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("VIGIL_BINARY").isEmpty());
        QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral("run"))));
        QFile::setPermissions(m_home.filePath(QStringLiteral("run")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        m_data = m_home.filePath(QStringLiteral("instance"));
    }

    void nothingRunningIsExitThree()
    {
        QVERIFY(QDir().mkpath(m_data)); // (one that does not exist is a wrong argument: exit 2)
        const Run r = ctl({QStringLiteral("status")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QLatin1String("no vigil is running on the data directory")), qPrintable(r.err));
    }

    void badArgumentsAreExitTwo()
    {
        const QList<std::pair<QStringList, QString>> cases{
            {{QStringLiteral("pause")}, QStringLiteral("--reason TEXT is required")},
            {{QStringLiteral("fly")}, QStringLiteral("unknown command 'fly'")},
            {{QStringLiteral("maintenance"), QStringLiteral("enter")}, QStringLiteral("--message TEXT")},
            {{QStringLiteral("flatten"), QStringLiteral("--strategy"), QStringLiteral("a"), QStringLiteral("--symbol"),
              QStringLiteral("B"), QStringLiteral("--reason"), QStringLiteral("r")},
             QStringLiteral("not both")},
            {{QStringLiteral("pause"), QStringLiteral("--reason"), QStringLiteral("r"), QStringLiteral("--ack"),
              QStringLiteral("x")},
             QStringLiteral("--ack does not go with")},
            {{QStringLiteral("status"), QStringLiteral("--seed"), QStringLiteral("3")},
             QStringLiteral("--seed does not go")},
            {{QStringLiteral("drill"), QStringLiteral("meteor-strike")},
             QStringLiteral("no drill named 'meteor-strike'")},
            {{QStringLiteral("drill"), QStringLiteral("feed-silence"), QStringLiteral("--amount"), QStringLiteral("0")},
             QStringLiteral("--amount: '0' is not a number from 1 to 3600")},
            {{QStringLiteral("resolve"), QStringLiteral("position")}, QStringLiteral("usage: vigil ctl resolve")},
            {{QStringLiteral("resolve"), QStringLiteral("position"), QStringLiteral("MSFT"), QStringLiteral("adopt")},
             QStringLiteral("--reason TEXT is required")},
            {{QStringLiteral("reconcile"), QStringLiteral("--reason"), QStringLiteral("x")},
             QStringLiteral("--reason does not go with 'vigil ctl reconcile'")},
            // Blanks are no reason, and a drill is an action like any other: it says why.
            {{QStringLiteral("pause"), QStringLiteral("--reason"), QStringLiteral("   ")},
             QStringLiteral("--reason TEXT is required")},
            {{QStringLiteral("resume"), QStringLiteral("--reason"), QStringLiteral("\t \n")},
             QStringLiteral("--reason TEXT is required")},
            {{QStringLiteral("drill"), QStringLiteral("feed-silence")}, QStringLiteral("--reason TEXT is required")},
            {{QStringLiteral("maintenance"), QStringLiteral("enter"), QStringLiteral("--message"),
              QStringLiteral("  ")},
             QStringLiteral("--message TEXT")},
        };
        for (const auto &[args, message] : cases) {
            const Run r = ctl(args);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(message), qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
        }
        const Run stray = vigil(
            {QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--reason"), QStringLiteral("x")});
        QCOMPARE(stray.exitCode, 2);
        QVERIFY(stray.err.contains(QLatin1String("--reason goes with 'vigil ctl'")));
    }

    void statusGivesStatePnlAndDistances()
    {
        QVERIFY(startInstance());
        const QJsonObject s = status();
        QCOMPARE(s.value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));
        QCOMPARE(s.value(QStringLiteral("session_date")).toString(), QStringLiteral("2026-11-20"));
        const QJsonObject pnl = s.value(QStringLiteral("pnl")).toObject();
        for (const char *key : {"daily", "daily_pct", "realized", "unrealized", "equity", "drawdown"})
            QVERIFY2(pnl.value(QLatin1String(key)).isString(), key); // exact decimals, never floats
        const QJsonArray limits = s.value(QStringLiteral("limits")).toArray();
        QStringList names;
        for (const QJsonValue &l : limits) {
            names << l.toObject().value(QStringLiteral("name")).toString();
            QVERIFY(!l.toObject().value(QStringLiteral("distance")).toString().isEmpty());
        }
        for (const char *name : {"daily drawdown", "broker errors in a row", "market data silence", "gross exposure"})
            QVERIFY2(names.contains(QLatin1String(name)), name);

        const Run text = ctl({QStringLiteral("status")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.startsWith(QLatin1String("state       ACTIVE")));
        QVERIFY(text.out.contains(QLatin1String("limit       daily drawdown")));
    }

    void aSecondInstanceOnTheSameDataDirectoryIsRefused()
    {
        const Run second = vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--date"),
                                  QStringLiteral("2026-11-20")});
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.err.contains(QLatin1String("another vigil (pid")), qPrintable(second.err));
        QCOMPARE(status().value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE")); // untouched
    }

    void aLockFileLeftEmptyByAKilledStartIsTakenUnlessHeld()
    {
        // A vigil killed between creating DATA_DIR/vigil.lock and writing its pid leaves
        // the file empty. The next start takes it over...
        QTemporaryDir dir;
        const QString lockPath = dir.filePath(QStringLiteral("vigil.lock"));
        {
            QFile empty(lockPath);
            QVERIFY(empty.open(QIODevice::WriteOnly));
        }
        {
            const vigil::InstanceLock next(dir.path());
            QVERIFY2(next.error().isEmpty(), qPrintable(next.error()));
            QFile lockFile(lockPath);
            QVERIFY(lockFile.open(QIODevice::ReadOnly));
            QVERIFY(lockFile.readAll().startsWith(QByteArray::number(QCoreApplication::applicationPid())));
        }
        // ...but not while a process holds it, as one that is starting right now does.
        {
            QFile empty(lockPath);
            QVERIFY(empty.open(QIODevice::WriteOnly));
        }
        const int held = ::open(QFile::encodeName(lockPath).constData(), O_RDWR);
        QVERIFY(held >= 0);
        QCOMPARE(::flock(held, LOCK_EX | LOCK_NB), 0);
        const vigil::InstanceLock refused(dir.path());
        ::close(held);
        QVERIFY2(refused.error().contains(QLatin1String("is starting")), qPrintable(refused.error()));
        QVERIFY(QFile::exists(lockPath));
    }

    /// What a script writing to the socket itself hears: the engine judges the reason
    /// too, and a request that is JSON but not an object is named for what it is.
    void theSocketRefusesBlankReasonsAndNamesWhatIsNotAnObject()
    {
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_home.filePath(QStringLiteral("run"))));
        const vigil::ControlReply blank = vigil::sendControlRequest(m_data,
                                                                    R"({"command": "pause", "reason": "  \t "})"
                                                                    "\n",
                                                                    10'000);
        QVERIFY2(blank.error.isEmpty(), qPrintable(blank.error));
        QCOMPARE(blank.reply.value(QStringLiteral("ok")).toBool(), false);
        QVERIFY2(
            blank.reply.value(QStringLiteral("message")).toString().contains(QLatin1String("blanks are not a reason")),
            QJsonDocument(blank.reply).toJson().constData());
        QCOMPARE(status().value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));

        const vigil::ControlReply array = vigil::sendControlRequest(m_data,
                                                                    R"([{"command": "status"}])"
                                                                    "\n",
                                                                    10'000);
        QVERIFY2(array.error.isEmpty(), qPrintable(array.error));
        QCOMPARE(array.reply.value(QStringLiteral("ok")).toBool(), false);
        const QString why = array.reply.value(QStringLiteral("message")).toString();
        QVERIFY2(why.contains(QLatin1String("not a JSON object: it is an array")), qPrintable(why));
        QVERIFY2(!why.contains(QLatin1String("no error occurred")), qPrintable(why));
    }

    void pauseAndResumeAreRecordedWithWhoAndWhy()
    {
        const Run paused = ctl({QStringLiteral("pause"), QStringLiteral("--reason"), QStringLiteral("news at 10:00")});
        QCOMPARE(paused.exitCode, 0);
        QVERIFY(paused.out.contains(QLatin1String("paused: reduce-only")));
        const QJsonObject s = status();
        QCOMPARE(s.value(QStringLiteral("state")).toString(), QStringLiteral("PAUSED"));
        QCOMPARE(s.value(QStringLiteral("state_reason")).toString(), QStringLiteral("news at 10:00"));
        QVERIFY(s.value(QStringLiteral("state_actor")).toString().contains(QLatin1String("(vigil ctl, pid ")));
        QCOMPARE(ctl({QStringLiteral("resume"), QStringLiteral("--reason"), QStringLiteral("news out")}).exitCode, 0);
        QCOMPARE(status().value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));
    }

    void flattenWaitsForTheBrokersConfirmation()
    {
        const Run r = ctl({QStringLiteral("flatten"), QStringLiteral("--reason"), QStringLiteral("end of test")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("flat, confirmed by the broker")), qPrintable(r.out + r.err));
        const QJsonObject s = status();
        QCOMPARE(s.value(QStringLiteral("flatten")).toObject().value(QStringLiteral("phase")).toString(),
                 QStringLiteral("flat"));
        QCOMPARE(s.value(QStringLiteral("state")).toString(), QStringLiteral("PAUSED")); // flatten all pauses
        QCOMPARE(ctl({QStringLiteral("resume"), QStringLiteral("--reason"), QStringLiteral("flat, carry on")}).exitCode,
                 0);
    }

    void killIsLatchedUntilAcknowledged()
    {
        const Run kill = ctl({QStringLiteral("kill"), QStringLiteral("--reason"), QStringLiteral("drill")});
        QCOMPARE(kill.exitCode, 0);
        QVERIFY(kill.out.contains(QLatin1String("KILLED")));
        const Run noAck = ctl({QStringLiteral("resume"), QStringLiteral("--reason"), QStringLiteral("done")});
        QCOMPARE(noAck.exitCode, 1);
        QVERIFY2(noAck.err.contains(QLatin1String("needs an acknowledgement")), qPrintable(noAck.err));
        const Run pause = ctl({QStringLiteral("pause"), QStringLiteral("--reason"), QStringLiteral("try")});
        QCOMPARE(pause.exitCode, 1); // nothing but an acknowledged resume leaves KILLED
        QCOMPARE(status().value(QStringLiteral("state")).toString(), QStringLiteral("KILLED"));
        // The kill opened a level-3 incident, which holds a resume until it is signed off.
        const QJsonArray incidents = status().value(QStringLiteral("open_incidents")).toArray();
        QCOMPARE(incidents.size(), qsizetype(1));
        QVERIFY(incidents.first().toObject().value(QStringLiteral("holds_resume")).toBool());
        QCOMPARE(ctl({QStringLiteral("incident-sign-off"),
                      incidents.first().toObject().value(QStringLiteral("id")).toString(), QStringLiteral("--reason"),
                      QStringLiteral("a drill")})
                     .exitCode,
                 0);
        const Run ack = ctl({QStringLiteral("resume"), QStringLiteral("--reason"), QStringLiteral("drill over"),
                             QStringLiteral("--ack"), QStringLiteral("positions checked at the broker")});
        QCOMPARE(ack.exitCode, 0);
        QCOMPARE(status().value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));
        // Trading is back, the strategies are not: each is enabled on its own.
        const auto stopped = [this] {
            QStringList keys;
            for (const QJsonValue &key : status().value(QStringLiteral("stopped_strategies")).toArray())
                keys << key.toString();
            return keys;
        };
        QCOMPARE(stopped(), (QStringList{QStringLiteral("intraday_mean_reversion"), QStringLiteral("swing_momentum")}));
        for (const QString &key : {QStringLiteral("intraday_mean_reversion"), QStringLiteral("swing_momentum")}) {
            QCOMPARE(ctl({QStringLiteral("enable"), key, QStringLiteral("--reason"), QStringLiteral("one at a time")})
                         .exitCode,
                     0);
            QVERIFY2(!stopped().contains(key), qPrintable(stopped().join(QLatin1Char(' '))));
        }
        QVERIFY(stopped().isEmpty());
    }

    void haltMaintenanceAndEnable()
    {
        QCOMPARE(ctl({QStringLiteral("halt"), QStringLiteral("--reason"), QStringLiteral("broker slow")}).exitCode, 0);
        QCOMPARE(status().value(QStringLiteral("state")).toString(), QStringLiteral("HALTED"));
        QCOMPARE(ctl({QStringLiteral("resume"), QStringLiteral("--reason"), QStringLiteral("ok"),
                      QStringLiteral("--ack"), QStringLiteral("broker fine")})
                     .exitCode,
                 0);
        const Run enter = ctl({QStringLiteral("maintenance"), QStringLiteral("enter"), QStringLiteral("--message"),
                               QStringLiteral("broker upgrade until 11:00")});
        QCOMPARE(enter.exitCode, 0);
        const QJsonObject s = status();
        QCOMPARE(s.value(QStringLiteral("state")).toString(), QStringLiteral("MAINTENANCE"));
        QCOMPARE(s.value(QStringLiteral("state_reason")).toString(), QStringLiteral("broker upgrade until 11:00"));
        QCOMPARE(ctl({QStringLiteral("maintenance"), QStringLiteral("exit"), QStringLiteral("--reason"),
                      QStringLiteral("upgrade done")})
                     .exitCode,
                 0);
        QCOMPARE(status().value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));
        const Run unknown = ctl({QStringLiteral("enable"), QStringLiteral("no_such_strategy"),
                                 QStringLiteral("--reason"), QStringLiteral("x")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains(QLatin1String("no strategy named 'no_such_strategy'")));
    }

    void reconcileDrillAndResolve()
    {
        const Run clean = ctl({QStringLiteral("reconcile")});
        QVERIFY2(clean.exitCode == 0, qPrintable(clean.out + clean.err));
        QVERIFY2(clean.out.startsWith(QLatin1String("clean:")), qPrintable(clean.out));

        // Shares bought by hand at the broker: the console does not hold them.
        const Run drill =
            ctl({QStringLiteral("drill"), QStringLiteral("broker-manual-trade"), QStringLiteral("--symbol"),
                 QStringLiteral("MSFT"), QStringLiteral("--amount"), QStringLiteral("7"), QStringLiteral("--reason"),
                 QStringLiteral("rehearsal: a hand trade")});
        QCOMPARE(drill.exitCode, 0);
        QVERIFY2(drill.out.contains(QLatin1String("DRILL broker-manual-trade on MSFT (7)")), qPrintable(drill.out));
        QJsonObject reply;
        for (int i = 0; i < 50; ++i) { // the drill reaches the broker after its order latency
            const Run r = ctl({QStringLiteral("reconcile"), QStringLiteral("--json")});
            reply = QJsonDocument::fromJson(r.out.toUtf8()).object();
            if (r.exitCode == 4)
                break;
            QThread::msleep(100);
        }
        const QJsonArray differences =
            reply.value(QStringLiteral("reconciliation")).toObject().value(QStringLiteral("differences")).toArray();
        QCOMPARE(differences.size(), 1);
        const QJsonObject d = differences.first().toObject();
        QCOMPARE(d.value(QStringLiteral("key")).toString(), QStringLiteral("position MSFT"));
        QCOMPARE(
            d.value(QStringLiteral("broker_qty")).toInteger() - d.value(QStringLiteral("internal_qty")).toInteger(), 7);
        QVERIFY(d.value(QStringLiteral("resolutions")).toArray().contains(QStringLiteral("adopt")));
        QCOMPARE(reply.value(QStringLiteral("blocked_symbols")).toArray(), QJsonArray{QStringLiteral("MSFT")});
        QCOMPARE(reply.value(QStringLiteral("recorded")).toString(), QStringLiteral("journaled and audited"));

        const Run adopt =
            ctl({QStringLiteral("resolve"), QStringLiteral("position"), QStringLiteral("MSFT"), QStringLiteral("adopt"),
                 QStringLiteral("--reason"), QStringLiteral("bought by the desk")});
        QVERIFY2(adopt.exitCode == 0, qPrintable(adopt.out + adopt.err));
        QVERIFY2(adopt.out.contains(QLatin1String("MSFT adopted from the broker")), qPrintable(adopt.out));
        const Run again = ctl({QStringLiteral("resolve"), QStringLiteral("position"), QStringLiteral("MSFT"),
                               QStringLiteral("adopt"), QStringLiteral("--reason"), QStringLiteral("twice")});
        QCOMPARE(again.exitCode, 1); // resolved already: nothing is booked twice
        const Run after = ctl({QStringLiteral("reconcile")});
        QVERIFY2(after.exitCode == 0, qPrintable(after.out + after.err));

        // An order placed by hand at the broker, accepted with a note: it stays, and KO trades.
        QCOMPARE(ctl({QStringLiteral("drill"), QStringLiteral("broker-manual-order"), QStringLiteral("--symbol"),
                      QStringLiteral("KO"), QStringLiteral("--reason"), QStringLiteral("rehearsal: a hand order")})
                     .exitCode,
                 0);
        QString manual;
        for (int i = 0; i < 50 && manual.isEmpty(); ++i) {
            const Run r = ctl({QStringLiteral("reconcile"), QStringLiteral("--json")});
            for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8())
                                           .object()
                                           .value(QStringLiteral("reconciliation"))
                                           .toObject()
                                           .value(QStringLiteral("differences"))
                                           .toArray())
                if (v.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("unknown-broker-order"))
                    manual = v.toObject().value(QStringLiteral("client_order_id")).toString();
            QThread::msleep(100);
        }
        QVERIFY2(manual.startsWith(QLatin1String("MANUAL-")), qPrintable(manual));
        QCOMPARE(ctl({QStringLiteral("resolve"), QStringLiteral("order"), manual, QStringLiteral("accept"),
                      QStringLiteral("--reason"), QStringLiteral("the desk's own bid; leave it")})
                     .exitCode,
                 0);
        const QJsonObject recon = status().value(QStringLiteral("reconciliation")).toObject();
        QCOMPARE(recon.value(QStringLiteral("blocked_symbols")).toArray(), QJsonArray{});
        QCOMPARE(recon.value(QStringLiteral("differences"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("accepted"));
        m_acceptedOrder = QStringLiteral("order ") + manual;

        QCOMPARE(
            rows(journal(), QStringLiteral("SELECT difference_key, resolution, note FROM reconciliation_resolutions")),
            (QStringList{QStringLiteral("position MSFT|adopt|bought by the desk"),
                         QStringLiteral("%1|accept|the desk's own bid; leave it").arg(m_acceptedOrder)}));
        QCOMPARE(scalar(journal(), QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'reconciliation resolved' "
                                                  "AND actor LIKE '%(vigil ctl, pid %'")),
                 qint64(2)); // the adoption and the acceptance
        QVERIFY(scalar(journal(), QStringLiteral("SELECT COUNT(*) FROM reconciliations WHERE started_by = 'on demand'"))
                >= 3);
        QCOMPARE(scalar(journal(), QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'drill' AND detail LIKE "
                                                  "'DRILL broker-manual-trade%'")),
                 qint64(1));
    }

    void aPauseSurvivesSigkillAndRestart()
    {
        QCOMPARE(ctl({QStringLiteral("pause"), QStringLiteral("--reason"), QStringLiteral("overnight check")}).exitCode,
                 0);
        killInstance(); // no chance to clean up: the lock and the socket stay behind
        QVERIFY(startInstance());
        const QJsonObject s = status();
        QCOMPARE(s.value(QStringLiteral("state")).toString(), QStringLiteral("PAUSED"));
        QCOMPARE(s.value(QStringLiteral("state_reason")).toString(), QStringLiteral("overnight check"));
        // What the operator accepted stays accepted: the start-up run finds the same order.
        const QJsonObject recon = s.value(QStringLiteral("reconciliation")).toObject();
        QCOMPARE(recon.value(QStringLiteral("last_run")).toObject().value(QStringLiteral("started_by")).toString(),
                 QStringLiteral("start-up"));
        const QJsonArray differences = recon.value(QStringLiteral("differences")).toArray();
        QCOMPARE(differences.size(), 1);
        QCOMPARE(differences.first().toObject().value(QStringLiteral("key")).toString(), m_acceptedOrder);
        QCOMPARE(differences.first().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("accepted"));
        QCOMPARE(recon.value(QStringLiteral("blocked_symbols")).toArray(), QJsonArray{});
        killInstance();
    }

    void auditVerifyAndExportOnTheJournalTheCommandsWrote()
    {
        const Run clean = vigil({QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(clean.exitCode, 0);
        QVERIFY2(clean.out.contains(QLatin1String("the audit trail holds")), qPrintable(clean.out + clean.err));
        // Each command is in the trail with who gave it.
        QVERIFY(scalar(journal(), QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'kill' AND actor LIKE "
                                                 "'%(vigil ctl, pid %'"))
                == 1);
        QVERIFY(scalar(journal(), QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'resume refused'")) == 1);

        const QString csv = m_home.filePath(QStringLiteral("audit.csv"));
        const Run exported = vigil({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--from"),
                                    QStringLiteral("2026-11-20"), QStringLiteral("--to"), QStringLiteral("2026-11-20"),
                                    QStringLiteral("--out"), csv});
        QCOMPARE(exported.exitCode, 0);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QCOMPARE(content.count('\n'), int(scalar(journal(), QStringLiteral("SELECT COUNT(*) FROM audit"))) + 1);
        QVERIFY(content.contains("trading state,ACTIVE -> KILLED: drill"));

        const Run badDay = vigil({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--from"),
                                  QStringLiteral("20261120"), QStringLiteral("--to"), QStringLiteral("2026-11-20"),
                                  QStringLiteral("--out"), csv});
        QCOMPARE(badDay.exitCode, 2);
        QVERIFY(badDay.err.contains(QLatin1String("--from needs a day in the form YYYY-MM-DD, not '20261120'")));

        const qint64 kill = scalar(journal(), QStringLiteral("SELECT id FROM audit WHERE action = 'kill'"));
        execute(journal(), {QStringLiteral("UPDATE audit SET actor = 'nobody' WHERE id = %1").arg(kill)});
        const Run broken = vigil({QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(broken.err.contains(QStringLiteral("audit record %1: its contents do not match its hash").arg(kill)),
                 qPrintable(broken.err));
    }

    void cleanupTestCase()
    {
        if (m_instance.state() != QProcess::NotRunning)
            killInstance();
    }
};

QTEST_GUILESS_MAIN(TestCliCtl)
#include "tst_cli_ctl.moc"
