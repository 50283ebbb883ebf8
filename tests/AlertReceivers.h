#pragma once
// The alert tests' receivers: real servers on 127.0.0.1, each its own process (Python's
// http.server for the webhook; Debian's python3-aiosmtpd for SMTP; tests/receivers/), each
// writing what it took as JSON lines that the test (or vigil-bench) reads back. One thread
// only: the one that made it.

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>

#include <memory>

namespace vigil::testing {

/// Debian's Python: the one python3-aiosmtpd is installed for.
inline QString debianPython() { return QStringLiteral("/usr/bin/python3"); }

class Receiver {
public:
    /// Starts tests/receivers/`script` with `args`, its records in `dir`; port() is 0 when it
    /// did not start (then error() says why).
    Receiver(const QString &script, const QString &dir, QStringList args = {})
        : m_out(dir + QLatin1Char('/') + script + QStringLiteral(".jsonl"))
    {
        const QString source = qEnvironmentVariable("VIGIL_SOURCE_DIR");
        args.prepend(m_out);
        args.prepend(QStringLiteral("--out"));
        args.prepend(source + QStringLiteral("/tests/receivers/") + script);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(debianPython(), args);
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 10'000 && !m_process.canReadLine() && m_process.state() != QProcess::NotRunning)
            m_process.waitForReadyRead(100);
        const QByteArray line = m_process.readLine().trimmed();
        if (line.startsWith("port "))
            m_port = line.mid(5).toInt();
        else
            m_error = QString::fromUtf8(m_process.readAllStandardError());
    }
    ~Receiver()
    {
        m_process.kill();
        m_process.waitForFinished(3'000);
    }
    Receiver(const Receiver &) = delete;
    Receiver &operator=(const Receiver &) = delete;

    int port() const { return m_port; }
    QString error() const { return m_error; }
    QString url(const QString &path) const { return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path); }

    /// Every record so far, in the order taken.
    QList<QJsonObject> records() const
    {
        QList<QJsonObject> out;
        QFile file(m_out);
        if (!file.open(QIODevice::ReadOnly))
            return out;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (!line.isEmpty())
                out.push_back(QJsonDocument::fromJson(line).object());
        }
        return out;
    }
    /// Waits (running the event loop) until at least `count` records are there.
    bool waitFor(qsizetype count, int timeoutMs = 15'000) const
    {
        QElapsedTimer waited;
        waited.start();
        while (records().size() < count && waited.elapsed() < timeoutMs) {
            QCoreApplication::processEvents();
            QThread::msleep(20);
        }
        return records().size() >= count;
    }
    /// The text of each record: the webhook body's "text", or the mail's data.
    QStringList texts() const
    {
        QStringList out;
        for (const QJsonObject &r : records()) {
            if (r.contains(QStringLiteral("body")))
                out << QJsonDocument::fromJson(r.value(QStringLiteral("body")).toString().toUtf8())
                           .object()
                           .value(QStringLiteral("text"))
                           .toString();
            else
                out << r.value(QStringLiteral("data")).toString();
        }
        return out;
    }

private:
    QString m_out;
    QProcess m_process;
    int m_port = 0;
    QString m_error;
};

/// A self-signed certificate for 127.0.0.1 made with the openssl command: (certificate, key).
inline std::pair<QString, QString> loopbackCertificate(const QString &dir)
{
    const QString cert = dir + QStringLiteral("/smtp-cert.pem"), key = dir + QStringLiteral("/smtp-key.pem");
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
                   QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1")});
    openssl.waitForFinished(30'000);
    return {cert, key};
}

} // namespace vigil::testing
