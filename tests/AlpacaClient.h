#pragma once
// A headless vigil on the Alpaca venue for end-to-end tests: its [venue] points at an
// AlpacaLoopback's fault proxy (or straight at its server), its keys come from
// APCA_API_KEY_ID and APCA_API_SECRET_KEY as on a server without a keyring, and its own
// strategies trade. It can be stopped and started again on the same data directory (the
// books come back from its journal) and is driven with `vigil ctl` like an operator's
// scripts drive it.
//
// Threads: the test's thread only.

#include "AlpacaLoopback.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace vigil::testing {

/// How the client vigil trades (AlpacaClient::prepare).
struct AlpacaClientOptions {
    /// The [strategies.*] tables; empty: the built-in strategies as configured by default.
    QString strategies;
    /// More keys of [venue] (reconnect_min_ms, data_silence_ms, ...).
    QString venueLines;
    /// More tables at the end ([risk], [kill_triggers], ...).
    QString moreTables;
    /// The adapter's REST budget a minute.
    int requestsPerMinute = 190;
    /// Straight to the server, past the proxy (no faults possible).
    bool pastTheProxy = false;
};

class AlpacaClient {
public:
    using Options = AlpacaClientOptions;

    struct Run {
        int exitCode = -1; ///< -1 when it did not exit normally
        QString out;
        QString err;
        QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    };

    QTemporaryDir home;
    QString dataDir;
    QString configFile;
    QProcess instance;
    QString date;
    int starts = 0;

    QString journal() const { return dataDir + QStringLiteral("/journal.sqlite"); }

    /// Writes the configuration for trading at `alpaca`'s proxy with the desk's keys; empty,
    /// or what went wrong.
    QString prepare(const AlpacaLoopback &alpaca, const Options &options = {})
    {
        if (qEnvironmentVariable("VIGIL_BINARY").isEmpty())
            return QStringLiteral("VIGIL_BINARY is not set");
        m_keyId = alpaca.keyId();
        m_secret = alpaca.secret();
        date = QStringLiteral("2026-11-20");
        dataDir = home.filePath(QStringLiteral("client"));
        configFile = home.filePath(QStringLiteral("client.toml"));
        if (!QDir().mkpath(dataDir) || !QDir().mkpath(home.filePath(QStringLiteral("run"))))
            return QStringLiteral("cannot make the client's directories under %1").arg(home.path());
        QFile::setPermissions(home.filePath(QStringLiteral("run")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const QString rest = options.pastTheProxy ? alpaca.serverRestUrl() : alpaca.restUrl();
        const QString stream = options.pastTheProxy ? alpaca.serverStreamUrl() : alpaca.streamUrl();
        const QString data = options.pastTheProxy ? alpaca.serverDataStreamUrl() : alpaca.dataStreamUrl();
        QFile config(configFile);
        if (!config.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write %1").arg(configFile);
        // The data stream URL without its feed: the adapter adds "/iex".
        const QString dataBase = data.left(data.lastIndexOf(QLatin1Char('/')));
        config.write(QStringLiteral("[venue]\n"
                                    "kind = \"alpaca\"\n"
                                    "environment = \"paper\"\n"
                                    "rest_url = \"%1\"\n"
                                    "stream_url = \"%2\"\n"
                                    "data_stream_url = \"%3\"\n"
                                    "data_rest_url = \"%1\"\n"
                                    "feed = \"iex\"\n"
                                    "requests_per_minute = %4\n"
                                    "%5\n"
                                    "%6\n"
                                    "%7\n")
                         .arg(rest, stream, dataBase)
                         .arg(options.requestsPerMinute)
                         .arg(options.venueLines, options.strategies, options.moreTables)
                         .toUtf8());
        return {};
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no keyring: the keys come from here
        env.insert(QStringLiteral("APCA_API_KEY_ID"), m_keyId);
        env.insert(QStringLiteral("APCA_API_SECRET_KEY"), m_secret);
        return env;
    }

    /// Starts `vigil run --headless` on the session's date and waits until `vigil ctl status`
    /// answers; empty, or what went wrong (with its stderr). Output goes to client-N.out/.err.
    QString start()
    {
        ++starts;
        instance.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        instance.setArguments({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--date"), date,
                               QStringLiteral("--config"), configFile, QStringLiteral("--data-dir"), dataDir});
        instance.setProcessEnvironment(environment());
        instance.setStandardOutputFile(home.filePath(QStringLiteral("client-%1.out").arg(starts)));
        instance.setStandardErrorFile(home.filePath(QStringLiteral("client-%1.err").arg(starts)));
        instance.start();
        if (!instance.waitForStarted())
            return QStringLiteral("vigil did not start: %1").arg(instance.errorString());
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 60'000) {
            if (instance.state() == QProcess::NotRunning)
                return QStringLiteral("the client vigil exited (%1) before it answered `vigil ctl status`:\n%2")
                    .arg(instance.exitCode())
                    .arg(errors());
            if (ctl({QStringLiteral("status")}).exitCode == 0)
                return {};
            QThread::msleep(100);
        }
        return QStringLiteral("the client vigil did not answer `vigil ctl status` within 60 s:\n%1").arg(errors());
    }

    /// `vigil ARGS --config FILE --data-dir DIR` beside the running one, to its end.
    Run vigil(QStringList args, int timeoutMs = 120'000) const
    {
        args << QStringLiteral("--config") << configFile << QStringLiteral("--data-dir") << dataDir;
        QProcess p;
        p.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        p.setArguments(args);
        p.setProcessEnvironment(environment());
        p.start();
        if (!p.waitForFinished(timeoutMs))
            p.kill();
        p.waitForFinished();
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    Run ctl(const QStringList &args, int timeoutMs = 120'000) const
    {
        return vigil(QStringList{QStringLiteral("ctl")} + args, timeoutMs);
    }
    /// `vigil ctl status --json`, or an empty object.
    QJsonObject status() const { return ctl({QStringLiteral("status"), QStringLiteral("--json")}, 20'000).json(); }

    /// SIGTERM: stops in order before the close; empty when it exited 0.
    QString stop()
    {
        if (instance.state() == QProcess::NotRunning)
            return QStringLiteral("the client vigil had already exited (%1):\n%2")
                .arg(instance.exitCode())
                .arg(errors());
        instance.terminate();
        if (!instance.waitForFinished(60'000)) {
            instance.kill();
            instance.waitForFinished();
            return QStringLiteral("the client vigil did not exit within 60 s of SIGTERM");
        }
        if (instance.exitStatus() != QProcess::NormalExit || instance.exitCode() != 0)
            return QStringLiteral("the client vigil exited %1 after SIGTERM:\n%2")
                .arg(instance.exitStatus() == QProcess::NormalExit ? instance.exitCode() : -1)
                .arg(errors());
        return {};
    }

    /// The last lines of the latest run's stderr.
    QString errors() const
    {
        QFile f(home.filePath(QStringLiteral("client-%1.err").arg(starts)));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        return lines.mid(std::max<qsizetype>(0, lines.size() - 40)).join(QLatin1Char('\n'));
    }

    /// The last `count` lines of its log (DATA_DIR/logs/vigil.log) that match `pattern`.
    QString logLines(const QString &pattern, int count = 20) const
    {
        QFile f(dataDir + QStringLiteral("/logs/vigil.log"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QRegularExpression match(pattern);
        QStringList found;
        for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n')))
            if (match.match(line).hasMatch())
                found.append(line);
        return found.mid(std::max<qsizetype>(0, found.size() - count)).join(QLatin1Char('\n'));
    }

    ~AlpacaClient()
    {
        // VIGIL_KEEP_TEST_DIRS=1: the client's directory stays for a look after the test.
        if (qEnvironmentVariableIsSet("VIGIL_KEEP_TEST_DIRS")) {
            home.setAutoRemove(false);
            qInfo().noquote() << "the client's directory is kept:" << home.path();
        }
        if (instance.state() != QProcess::NotRunning) {
            instance.kill();
            instance.waitForFinished();
        }
    }

private:
    QString m_keyId;
    QString m_secret;
};

} // namespace vigil::testing
