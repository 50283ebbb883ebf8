#pragma once
// A real headless vigil with its Alpaca-compatible gateway on a free loopback port and one
// configured bot whose key pair `vigil bot add` made, for tests that drive it with Alpaca's
// own JavaScript SDK (tests/alpaca-sdk, resources/examples/alpaca-bot: installed by
// packaging/install-deps.sh; a missing Node.js or SDK fails the test, it never skips).
//
// Threads: the test's thread only.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>

namespace vigil::testing {

/// The key pair `vigil bot add` printed once ("key id: X" and "secret: Y" lines) into
/// `keyId` and `secret`; false when either is missing.
inline bool readPrintedKeyPair(const QString &out, QString *keyId, QString *secret)
{
    const QRegularExpression keyLine(QStringLiteral("^\\s*key id:\\s*(\\S+)\\s*$"),
                                     QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    const QRegularExpression secretLine(QStringLiteral("^\\s*secret:\\s*(\\S+)\\s*$"),
                                        QRegularExpression::MultilineOption
                                            | QRegularExpression::CaseInsensitiveOption);
    *keyId = keyLine.match(out).captured(1);
    *secret = secretLine.match(out).captured(1);
    return !keyId->isEmpty() && !secret->isEmpty();
}

class GatewayRig {
public:
    struct Run {
        int exitCode = -1; ///< -1 when it did not exit normally
        QString out;
        QString err;
    };

    QTemporaryDir home;
    QString dataDir;
    QString configFile;
    quint16 port = 0;
    QString botName;
    QString keyId;
    QString secret;
    QProcess instance;

    QString sourceDir() const { return qEnvironmentVariable("VIGIL_SOURCE_DIR"); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }
    QString journal() const { return dataDir + QStringLiteral("/journal.sqlite"); }

    /// Empty, or why Node.js or the npm `package` (the SDK unless told) in `folder` (relative
    /// to the source) cannot run.
    QString nodeProblem(const QString &folder,
                        const QString &package = QStringLiteral("@alpacahq/alpaca-trade-api")) const
    {
        if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
            return QStringLiteral("node (Node.js 20) is not on PATH: run packaging/install-deps.sh");
        const QString sdk =
            sourceDir() + QLatin1Char('/') + folder + QStringLiteral("/node_modules/%1/package.json").arg(package);
        if (!QFileInfo::exists(sdk))
            return QStringLiteral("%1 is missing: run packaging/install-deps.sh (npm ci in %2)").arg(sdk, folder);
        return {};
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
        env.remove(QStringLiteral("DISPLAY"));
        return env;
    }

    /// What a bot needs to reach this gateway as `botName`.
    QProcessEnvironment botEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("VIGIL_GATEWAY_URL"), baseUrl());
        env.insert(QStringLiteral("VIGIL_BOT_KEY_ID"), keyId);
        env.insert(QStringLiteral("VIGIL_BOT_SECRET"), secret);
        return env;
    }

    /// `vigil ARGS --config FILE --data-dir DIR`, to its end.
    Run vigil(QStringList args)
    {
        args << QStringLiteral("--config") << configFile << QStringLiteral("--data-dir") << dataDir;
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

    /// A port nothing listens on now: the kernel's choice for a socket bound and closed.
    static quint16 freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        const quint16 p = probe.serverPort();
        probe.close();
        return p;
    }

    /// Writes the configuration (the gateway on a free port, one bot) and adds the bot's
    /// key with `vigil bot add`; empty, or what went wrong. `gatewayLines` go into
    /// [gateway]; `moreLines` follow the bot's table (more of its keys, then other tables).
    QString prepare(const QString &name, const QString &code, const QString &gatewayLines = {},
                    const QString &moreLines = {})
    {
        if (qEnvironmentVariable("VIGIL_BINARY").isEmpty())
            return QStringLiteral("VIGIL_BINARY is not set");
        botName = name;
        dataDir = home.filePath(QStringLiteral("instance"));
        configFile = home.filePath(QStringLiteral("vigil.toml"));
        if (!QDir().mkpath(dataDir) || !QDir().mkpath(home.filePath(QStringLiteral("run"))))
            return QStringLiteral("cannot make the test's directories under %1").arg(home.path());
        QFile::setPermissions(home.filePath(QStringLiteral("run")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        port = freePort();
        if (port == 0)
            return QStringLiteral("no free loopback port");
        QFile config(configFile);
        if (!config.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write %1").arg(configFile);
        config.write(QStringLiteral("[gateway]\n"
                                    "enabled = true\n"
                                    "port = %1\n"
                                    "%2"
                                    "\n"
                                    "[[bots]]\n"
                                    "name = \"%3\"\n"
                                    "code = \"%4\"\n"
                                    "%5")
                         .arg(port)
                         .arg(gatewayLines, name, code, moreLines)
                         .toUtf8());
        config.close();

        return addKey(name, &keyId, &secret);
    }

    /// `vigil bot add NAME`: the key pair it printed once; empty, or what went wrong.
    QString addKey(const QString &name, QString *newKeyId, QString *newSecret)
    {
        const Run add = vigil({QStringLiteral("bot"), QStringLiteral("add"), name});
        if (add.exitCode != 0)
            return QStringLiteral("vigil bot add %1: exit %2: %3").arg(name).arg(add.exitCode).arg(add.err);
        if (!readPrintedKeyPair(add.out, newKeyId, newSecret))
            return QStringLiteral("vigil bot add %1 printed no \"key id: X\" and \"secret: Y\" lines:\n%2")
                .arg(name, add.out);
        return {};
    }

    /// Starts `vigil run --headless` on `date` at `speed` and waits until the gateway's port
    /// takes connections; empty, or what went wrong (with vigil's stderr).
    QString start(const QString &speed, const QString &date = QStringLiteral("2026-11-20"))
    {
        instance.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        instance.setArguments({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--speed"), speed,
                               QStringLiteral("--date"), date, QStringLiteral("--seed"), QStringLiteral("7"),
                               QStringLiteral("--config"), configFile, QStringLiteral("--data-dir"), dataDir});
        instance.setProcessEnvironment(environment());
        instance.setStandardOutputFile(home.filePath(QStringLiteral("vigil.out")));
        instance.setStandardErrorFile(home.filePath(QStringLiteral("vigil.err")));
        instance.start();
        if (!instance.waitForStarted())
            return QStringLiteral("vigil did not start: %1").arg(instance.errorString());
        for (int i = 0; i < 600; ++i) { // 30 s
            if (instance.state() == QProcess::NotRunning)
                return QStringLiteral("vigil exited (%1) before its gateway listened on %2:\n%3")
                    .arg(instance.exitCode())
                    .arg(port)
                    .arg(tail(QStringLiteral("vigil.err")));
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            if (probe.waitForConnected(50))
                return {};
            QThread::msleep(50);
        }
        return QStringLiteral("nothing listens on 127.0.0.1:%1 30 s after vigil started:\n%2")
            .arg(port)
            .arg(tail(QStringLiteral("vigil.err")));
    }

    /// SIGTERM, as systemd or Ctrl+C would stop it; empty when it exited 0, else what it did.
    QString stop()
    {
        if (instance.state() == QProcess::NotRunning)
            return QStringLiteral("vigil had already exited (%1):\n%2")
                .arg(instance.exitCode())
                .arg(tail(QStringLiteral("vigil.err")));
        instance.terminate();
        if (!instance.waitForFinished(60'000)) {
            instance.kill();
            instance.waitForFinished();
            return QStringLiteral("vigil did not exit within 60 s of SIGTERM");
        }
        if (instance.exitStatus() != QProcess::NormalExit || instance.exitCode() != 0)
            return QStringLiteral("vigil exited %1 after SIGTERM:\n%2")
                .arg(instance.exitStatus() == QProcess::NormalExit ? instance.exitCode() : -1)
                .arg(tail(QStringLiteral("vigil.err")));
        return {};
    }

    /// The last lines of one of vigil's output files in the test's directory.
    QString tail(const QString &file) const
    {
        QFile f(home.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        return lines.mid(std::max<qsizetype>(0, lines.size() - 40)).join(QLatin1Char('\n'));
    }

    ~GatewayRig()
    {
        // VIGIL_KEEP_TEST_DIRS=1: the instance's directory stays for a look after the test.
        if (qEnvironmentVariableIsSet("VIGIL_KEEP_TEST_DIRS")) {
            home.setAutoRemove(false);
            qInfo().noquote() << "the gateway's directory is kept:" << home.path();
        }
        if (instance.state() != QProcess::NotRunning) {
            instance.kill();
            instance.waitForFinished();
        }
    }
};

} // namespace vigil::testing
