// `vigil alerts` and the alerts of a run, against real receivers on 127.0.0.1 (a webhook
// server and an SMTP server, AlertReceivers.h): the test alert through each channel and
// the exit status when one fails; a token from the environment goes where the url says and
// nowhere else; a channel whose secret cannot be had stops a run from starting; a headless
// day's kill switch reaches the webhook within the run, is acknowledged with `vigil ctl
// ack` (once), and the acknowledgement is in the audit trail.

#include "AlertReceivers.h"
#include "SqlFiles.h"
#include "VigilProcess.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using vigil::testing::Receiver;
using vigil::testing::rows;
using Run = vigil::testing::VigilRun;

class TestCliAlerts : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    std::unique_ptr<Receiver> m_webhook;
    std::unique_ptr<Receiver> m_smtp;

    QString writeConfig(const QString &name, const QString &text)
    {
        const QString path = m_home.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(text.toUtf8());
        return path;
    }

    QString webhookSection(const QString &path, const QString &levels = QStringLiteral("[2, 3]")) const
    {
        return QStringLiteral("[alerts.webhook]\nenabled = true\nurl = \"%1\"\nlevels = %2\ntimeout_seconds = 2\n")
            .arg(m_webhook->url(path), levels);
    }

    QString emailSection() const
    {
        return QStringLiteral("[alerts.email]\nenabled = true\nserver = \"127.0.0.1\"\nport = %1\nsecurity = "
                              "\"none\"\nfrom = \"vigil@example.com\"\nto = [\"ops@example.com\"]\n")
            .arg(m_smtp->port());
    }

    /// Without a D-Bus session: the keyring is unreachable.
    static QProcessEnvironment noKeyring()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/bus"));
        return env;
    }

    Run vigil(const QStringList &args, const QProcessEnvironment &extra = noKeyring())
    {
        return vigil::testing::runVigil(m_home.path(), args, extra);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("VIGIL_BINARY").isEmpty());
        m_webhook = std::make_unique<Receiver>(QStringLiteral("webhook_receiver.py"), m_home.path(),
                                               QStringList{QStringLiteral("--hang"), QStringLiteral("30")});
        QVERIFY2(m_webhook->port() > 0, qPrintable(m_webhook->error()));
        m_smtp = std::make_unique<Receiver>(QStringLiteral("smtp_receiver.py"), m_home.path());
        QVERIFY2(m_smtp->port() > 0, qPrintable(m_smtp->error()));
    }

    void theTestAlertGoesThroughEveryEnabledChannel()
    {
        const QString config =
            writeConfig(QStringLiteral("both.toml"), webhookSection(QStringLiteral("/ok/test")) + emailSection());
        const Run r = vigil({QStringLiteral("alerts"), QStringLiteral("test"), QStringLiteral("--config"), config});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("^webhook: delivered in \\d+ ms$"),
                                                   QRegularExpression::MultilineOption)),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("email: delivered in")), qPrintable(r.out));
        QVERIFY(m_webhook->waitFor(1));
        QVERIFY(m_smtp->waitFor(1));
        QVERIFY2(m_webhook->texts().front().startsWith(QStringLiteral("[Vigil L3 critical] test: alerts: a test alert "
                                                                      "from Vigil")),
                 qPrintable(m_webhook->texts().front()));
        QVERIFY(m_smtp->texts().front().contains(QStringLiteral("the email channel works")));
    }

    void aChannelThatFailsFailsTheTest()
    {
        const QString config =
            writeConfig(QStringLiteral("fail.toml"), webhookSection(QStringLiteral("/fail")) + emailSection());
        const Run r = vigil({QStringLiteral("alerts"), QStringLiteral("test"), QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("webhook: failed after")) && r.err.contains(QStringLiteral("HTTP 500")),
                 qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("email: delivered")), qPrintable(r.out));
        const Run email = vigil({QStringLiteral("alerts"), QStringLiteral("test"), QStringLiteral("email"),
                                 QStringLiteral("--config"), config});
        QVERIFY2(email.exitCode == 0, qPrintable(email.err));
        QVERIFY(!email.out.contains(QStringLiteral("webhook")));
    }

    void badUseIsAUsageError()
    {
        const QString none = writeConfig(QStringLiteral("none.toml"), QString());
        const Run nothing = vigil({QStringLiteral("alerts"), QStringLiteral("test"), QStringLiteral("--config"), none});
        QCOMPARE(nothing.exitCode, 2);
        QVERIFY2(nothing.err.contains(QStringLiteral("no channel is enabled in [alerts]")), qPrintable(nothing.err));
        const Run secret = vigil({QStringLiteral("alerts"), QStringLiteral("set-secret"), QStringLiteral("webhook"),
                                  QStringLiteral("tok-on-the-line")});
        QCOMPARE(secret.exitCode, 2);
        QVERIFY(!secret.err.contains(QStringLiteral("tok-on-the-line")));
        const Run channel = vigil({QStringLiteral("alerts"), QStringLiteral("set-secret"), QStringLiteral("slack")});
        QCOMPARE(channel.exitCode, 2);
        const QString badTemplate =
            writeConfig(QStringLiteral("template.toml"),
                        webhookSection(QStringLiteral("/ok")) + QStringLiteral("template = '{\"text\": {{text}}}'\n"));
        const Run refused =
            vigil({QStringLiteral("alerts"), QStringLiteral("test"), QStringLiteral("--config"), badTemplate});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QStringLiteral("alerts.webhook.template: the template is not valid JSON")),
                 qPrintable(refused.err));
    }

    void aTokenFromTheEnvironmentGoesInTheUrlAndNowhereElse()
    {
        const QString config =
            writeConfig(QStringLiteral("token.toml"), webhookSection(QStringLiteral("/ok/hook/{token}")));
        const QStringList args{QStringLiteral("alerts"), QStringLiteral("test"), QStringLiteral("--config"), config};
        const Run missing = vigil(args);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(
            missing.err.contains(QStringLiteral("webhook: not sent: the OS keyring is unreachable"))
                && missing.err.contains(QStringLiteral("set VIGIL_ALERT_WEBHOOK_TOKEN in the environment instead")),
            qPrintable(missing.err));
        QProcessEnvironment env = noKeyring();
        env.insert(QStringLiteral("VIGIL_ALERT_WEBHOOK_TOKEN"), QStringLiteral("tok-cli-81"));
        const Run sent = vigil(args, env);
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
        QVERIFY(!sent.out.contains(QStringLiteral("tok-cli-81")) && !sent.err.contains(QStringLiteral("tok-cli-81")));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QJsonObject &r : m_webhook->records())
                    if (r.value(QStringLiteral("path")).toString() == QLatin1String("/ok/hook/tok-cli-81"))
                        return true;
                return false;
            }(),
            10'000);
    }

    void aRunWhoseChannelCannotBeServedDoesNotStart()
    {
        const QString config =
            writeConfig(QStringLiteral("login.toml"), emailSection() + QStringLiteral("username = \"vigil\"\n"));
        const QString data = m_home.filePath(QStringLiteral("login-data"));
        QVERIFY(QDir().mkpath(data));
        const Run r = vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--date"),
                             QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), data,
                             QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("the email alert channel cannot start: the OS keyring is unreachable")),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(data + QStringLiteral("/journal.sqlite"))); // nothing traded without its alerts
    }

    void aKillDuringARunReachesTheWebhookAndIsAcknowledgedOnce()
    {
        const QString config =
            writeConfig(QStringLiteral("run.toml"),
                        webhookSection(QStringLiteral("/ok/run")) + emailSection()
                            + QStringLiteral(
                                "[[simulator.faults]]\nkind = \"silent_feed\"\nat = \"09:30:10\"\nduration_s = 150\n"));
        const QString data = m_home.filePath(QStringLiteral("run-data"));
        QVERIFY(QDir().mkpath(data));
        QProcess run;
        run.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        run.setArguments({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--speed"),
                          QStringLiteral("600"), QStringLiteral("--seed"), QStringLiteral("3"),
                          QStringLiteral("--date"), QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), data,
                          QStringLiteral("--config"), config});
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(noKeyring());
        run.setProcessEnvironment(env);
        run.start();
        QVERIFY(run.waitForStarted());
        const auto killAlert = [this] {
            const QStringList found = m_webhook->texts().filter(QStringLiteral("kill switch fired automatically"));
            return found.isEmpty() ? QString() : found.front();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!killAlert().isEmpty(), 60'000);
        const QString text = killAlert();
        QVERIFY2(
            text.startsWith(QStringLiteral("[Vigil L3 critical] risk: kill switch fired automatically: market data "
                                           "silent")),
            qPrintable(text));
        const QString id = QRegularExpression(QStringLiteral("#(\\d+)$")).match(text).captured(1);
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!m_smtp->texts().filter(QStringLiteral("kill switch fired automatically")).isEmpty(),
                                 15'000); // level 3: e-mail too
        // `vigil ctl status` names it until someone acknowledges it.
        const QStringList status{QStringLiteral("ctl"), QStringLiteral("status"), QStringLiteral("--data-dir"), data};
        const Run waiting = vigil(status);
        QVERIFY2(waiting.out.contains(QStringLiteral("alert       #%1 L3 critical at ").arg(id))
                     && waiting.out.contains(QStringLiteral("(vigil ctl ack %1 --reason ...)").arg(id)),
                 qPrintable(waiting.out + waiting.err));
        const QStringList ack{QStringLiteral("ctl"),   QStringLiteral("ack"),        id,  QStringLiteral("--reason"),
                              QStringLiteral("on it"), QStringLiteral("--data-dir"), data};
        const Run first = vigil(ack);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err + first.out));
        QVERIFY2(first.out.contains(QStringLiteral("alert #%1 acknowledged: on it").arg(id)), qPrintable(first.out));
        const Run again = vigil(ack);
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("alert #%1 was already acknowledged by").arg(id)),
                 qPrintable(again.err));
        QTRY_VERIFY_WITH_TIMEOUT(!vigil(status).out.contains(QStringLiteral("alert       #%1").arg(id)), 10'000);
        QVERIFY(run.waitForFinished(120'000));
        const QString journal = data + QStringLiteral("/journal.sqlite");
        QCOMPARE(rows(journal, QStringLiteral("SELECT detail FROM audit WHERE action = 'ack'")),
                 QStringList{QStringLiteral("alert #%1 acknowledged: on it").arg(id)});
        QCOMPARE(
            rows(data + QStringLiteral("/alert-outbox.sqlite"), QStringLiteral("SELECT DISTINCT state FROM outbox")),
            QStringList{QStringLiteral("delivered")});
    }
};

QTEST_GUILESS_MAIN(TestCliAlerts)
#include "tst_cli_alerts.moc"
