// The alert delivery (api/AlertDispatcher.h) against real receivers on 127.0.0.1: a
// webhook server and an SMTP server (aiosmtpd, with STARTTLS and a login where a case
// needs them), each its own process (AlertReceivers.h). Proven: each level reaches the
// channels routed for it; repeats are summed up, not flooded; a critical alert nobody
// acknowledges goes on to the next channel and an acknowledged one does not; what was not
// delivered when the delivery stopped is delivered after a restart; a webhook that fails,
// hangs or redirects in a loop is bounded and said on the other channel, and its critical
// alerts are kept; an SMTP server without STARTTLS or refusing the login is refused without
// the password in any text; 10,000 alerts in a burst lose no critical one.

#include "AlertReceivers.h"

#include "api/AlertChannel.h"
#include "api/AlertDispatcher.h"
#include "api/Time.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using vigil::testing::Receiver;

namespace {

OutgoingAlert alert(std::uint64_t id, AlertSeverity severity, const std::string &message, std::uint32_t count = 1)
{
    OutgoingAlert a;
    a.id = id;
    a.severity = severity;
    a.source = "risk";
    a.message = message;
    a.count = count;
    a.raisedNs = utcNowNs();
    return a;
}

AlertsConfig channels(const Receiver &webhook, const QString &path, const Receiver *smtp)
{
    AlertsConfig c;
    c.webhook.enabled = true;
    c.webhook.url = webhook.url(path).toStdString();
    c.webhook.timeoutSeconds = 2;
    if (smtp) {
        c.email.enabled = true;
        c.email.server = "127.0.0.1";
        c.email.port = static_cast<std::uint16_t>(smtp->port());
        c.email.security = SmtpSecurity::None;
        c.email.from = "vigil@example.com";
        c.email.to = {"ops@example.com"};
    }
    c.retries = 1;
    c.repeatSummarySeconds = 1;
    return c;
}

qint64 outboxCount(const QString &file, const QString &where)
{
    static int reads = 0;
    const QString name = QStringLiteral("outbox-%1").arg(++reads);
    qint64 n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE ") + where) && q.next())
                n = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return n;
}

} // namespace

class TestAlertDelivery : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Receiver> m_webhook;
    std::unique_ptr<Receiver> m_smtp;

    QString outbox(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    std::unique_ptr<AlertDispatcher> start(AlertsConfig config, const char *outboxName, std::string password = {})
    {
        AlertDispatcher::Setup setup;
        setup.config = std::move(config);
        setup.outboxPath = outbox(outboxName).toStdString();
        setup.smtpPassword = std::move(password);
        auto d = std::make_unique<AlertDispatcher>(std::move(setup));
        const std::string error = d->start();
        return error.empty() ? std::move(d) : nullptr;
    }

    /// The records of `r` whose text contains `needle`.
    static QStringList with(const Receiver &r, const QString &needle) { return r.texts().filter(needle); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_webhook = std::make_unique<Receiver>(QStringLiteral("webhook_receiver.py"), m_dir.path(),
                                               QStringList{QStringLiteral("--hang"), QStringLiteral("30")});
        QVERIFY2(m_webhook->port() > 0, qPrintable(m_webhook->error()));
        m_smtp = std::make_unique<Receiver>(QStringLiteral("smtp_receiver.py"), m_dir.path());
        QVERIFY2(m_smtp->port() > 0, qPrintable(m_smtp->error()));
    }

    void eachLevelReachesTheChannelsRoutedForIt()
    {
        AlertsConfig c = channels(*m_webhook, QStringLiteral("/ok/route"), m_smtp.get());
        c.webhook.levels = {2, 3};
        c.email.levels = {3};
        auto d = start(c, "route.sqlite");
        QVERIFY(d);
        d->onAlert(alert(101, AlertSeverity::Warning, "route: feed slow"));
        d->onAlert(alert(102, AlertSeverity::Critical, "route: kill switch fired"));
        d->onAlert(alert(103, AlertSeverity::Recovered, "route: feed back"));
        QTRY_COMPARE_WITH_TIMEOUT(with(*m_webhook, QStringLiteral("route:")).size(), qsizetype(2), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(with(*m_smtp, QStringLiteral("route:")).size(), qsizetype(1), 10'000);
        const QStringList hooks = with(*m_webhook, QStringLiteral("route:"));
        QVERIFY(hooks.filter(QStringLiteral("[Vigil L2 warning] risk: route: feed slow #101")).size() == 1);
        QVERIFY(hooks.filter(QStringLiteral("[Vigil L3 critical] risk: route: kill switch fired #102")).size() == 1);
        const QString mail = with(*m_smtp, QStringLiteral("route:")).front();
        QVERIFY2(mail.contains(QStringLiteral("Subject: [Vigil L3 critical] risk: route: kill switch fired #102")),
                 qPrintable(mail));
        QVERIFY(mail.contains(QStringLiteral("X-Vigil-Level: 3")));
        d->stop();
        QCOMPARE(outboxCount(outbox("route.sqlite"), QStringLiteral("state = 'delivered'")), qint64(3));
        const std::vector<ChannelStatus> s = d->status();
        QCOMPARE(s.size(), std::size_t(2));
        QCOMPARE(s[0].delivered + s[1].delivered, std::uint64_t(3));
    }

    void repeatsAreSummedUpNotFlooded()
    {
        auto d = start(channels(*m_webhook, QStringLiteral("/ok/repeat"), nullptr), "repeat.sqlite");
        QVERIFY(d);
        d->onAlert(alert(201, AlertSeverity::Warning, "repeat: rejections"));
        for (std::uint32_t n = 2; n <= 50; ++n)
            d->onAlert(alert(201, AlertSeverity::Warning, "repeat: rejections", n));
        QTRY_COMPARE_WITH_TIMEOUT(with(*m_webhook, QStringLiteral("repeat:")).size(), qsizetype(2), 10'000);
        QTest::qWait(2'500); // a summary period more: nothing new to say
        const QStringList got = with(*m_webhook, QStringLiteral("repeat:"));
        QCOMPARE(got.size(), qsizetype(2));
        QVERIFY2(got.at(1).contains(QStringLiteral("repeated: risk: repeat: rejections (50 times) #201")),
                 qPrintable(got.at(1)));
        d->stop();
    }

    void anUnacknowledgedCriticalAlertEscalatesToTheNextChannel()
    {
        AlertsConfig c = channels(*m_webhook, QStringLiteral("/ok/escalate"), m_smtp.get());
        c.webhook.levels = {3};
        c.email.levels = {}; // e-mail only when escalated
        c.escalateAfterSeconds = 1;
        auto d = start(c, "escalate.sqlite");
        QVERIFY(d);
        d->onAlert(alert(301, AlertSeverity::Critical, "escalate: broker unreachable"));
        d->onAlert(alert(302, AlertSeverity::Critical, "escalate: seen at once"));
        d->onAcknowledged(302, "ann (console)");
        QTRY_COMPARE_WITH_TIMEOUT(with(*m_smtp, QStringLiteral("escalate:")).size(), qsizetype(1), 10'000);
        QTest::qWait(2'500); // the acknowledged one never follows, and nothing escalates twice
        const QStringList mail = with(*m_smtp, QStringLiteral("escalate:"));
        QCOMPARE(mail.size(), qsizetype(1));
        QVERIFY2(mail.front().contains(QStringLiteral("escalated, not acknowledged for 1 s: risk: escalate: broker "
                                                      "unreachable #301")),
                 qPrintable(mail.front()));
        QCOMPARE(with(*m_webhook, QStringLiteral("escalate:")).size(), qsizetype(2));
        d->stop();
    }

    void whatWasNotDeliveredIsDeliveredAfterARestart()
    {
        // The webhook hangs: the alert is under way when the delivery stops.
        auto d = start(channels(*m_webhook, QStringLiteral("/hang"), nullptr), "restart.sqlite");
        QVERIFY(d);
        d->onAlert(alert(401, AlertSeverity::Critical, "restart: journal write failed"));
        QTest::qWait(300);
        d->stop(std::chrono::milliseconds(0));
        d.reset();
        QCOMPARE(outboxCount(outbox("restart.sqlite"), QStringLiteral("state = 'pending'")), qint64(1));
        QVERIFY(with(*m_webhook, QStringLiteral("restart:")).isEmpty());
        // The next run's webhook answers.
        d = start(channels(*m_webhook, QStringLiteral("/ok/restart"), nullptr), "restart.sqlite");
        QVERIFY(d);
        QTRY_COMPARE_WITH_TIMEOUT(with(*m_webhook, QStringLiteral("restart:")).size(), qsizetype(1), 10'000);
        d->stop();
        QCOMPARE(outboxCount(outbox("restart.sqlite"), QStringLiteral("state = 'pending'")), qint64(0));
    }

    void aFailingWebhookIsSaidByEmailAndItsCriticalAlertsAreKept_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("why");
        QTest::newRow("500") << QStringLiteral("/fail") << QStringLiteral("answered HTTP 500: internal trouble");
        QTest::newRow("redirect loop") << QStringLiteral("/loop") << QStringLiteral("redirected more than 3 times");
        QTest::newRow("hang") << QStringLiteral("/hang") << QStringLiteral("no answer in time");
    }

    void aFailingWebhookIsSaidByEmailAndItsCriticalAlertsAreKept()
    {
        QFETCH(QString, path);
        QFETCH(QString, why);
        const QString tag = QStringLiteral("fail %1:").arg(QString::fromLatin1(QTest::currentDataTag()));
        AlertsConfig c = channels(*m_webhook, path, m_smtp.get());
        c.webhook.timeoutSeconds = 1;
        c.retries = 1;
        c.email.levels = {}; // e-mail hears only of the trouble
        c.escalateAfterSeconds = 0;
        const std::string file =
            QStringLiteral("fail-%1.sqlite")
                .arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')))
                .toStdString();
        auto d = start(c, file.c_str());
        QVERIFY(d);
        d->onAlert(alert(501, AlertSeverity::Critical, (tag + QStringLiteral(" kill switch fired")).toStdString()));
        QTRY_COMPARE_WITH_TIMEOUT(with(*m_smtp, tag).size(), qsizetype(1), 15'000);
        const QString notice = with(*m_smtp, tag).front();
        QVERIFY2(notice.contains(QStringLiteral("delivery trouble: alerts: 1 alert(s) could not be delivered by the "
                                                "webhook channel")),
                 qPrintable(notice));
        QVERIFY2(notice.contains(why), qPrintable(notice));
        QVERIFY2(notice.contains(QStringLiteral("undelivered: [Vigil L3 critical] risk: ") + tag), qPrintable(notice));
        const std::vector<ChannelStatus> s = d->status();
        QCOMPARE(s.front().failed, std::uint64_t(1));
        QVERIFY(QString::fromStdString(s.front().lastError).contains(why));
        d->stop(std::chrono::milliseconds(0));
        // Given up on for now, never lost: still pending, for the next try or the next run.
        QCOMPARE(outboxCount(m_dir.filePath(QString::fromStdString(file)),
                             QStringLiteral("channel = 'webhook' AND state = 'pending'")),
                 qint64(1));
    }

    void smtpNeedsItsTlsAndItsLogin()
    {
        const auto [cert, key] = vigil::testing::loopbackCertificate(m_dir.path());
        QDir(m_dir.path()).mkdir(QStringLiteral("secure"));
        Receiver secure(QStringLiteral("smtp_receiver.py"), m_dir.filePath(QStringLiteral("secure")),
                        {QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key, QStringLiteral("--user"),
                         QStringLiteral("vigil"), QStringLiteral("--password"), QStringLiteral("s3cret-pw")});
        QVERIFY2(secure.port() > 0, qPrintable(secure.error()));
        EmailChannelConfig e;
        e.enabled = true;
        e.server = "127.0.0.1";
        e.port = static_cast<std::uint16_t>(secure.port());
        e.security = SmtpSecurity::StartTls;
        e.caFile = cert.toStdString();
        e.username = "vigil";
        e.from = "vigil@example.com";
        e.to = {"ops@example.com", "desk@example.com"};
        const OutgoingAlert a = alert(601, AlertSeverity::Critical, "smtp: kill switch fired");
        QCOMPARE(makeEmailChannel(e, "s3cret-pw")->send(a), std::string());
        QVERIFY(secure.waitFor(1));
        QCOMPARE(secure.records().front().value(QStringLiteral("rcpt_tos")).toArray().size(), 2);

        const std::string refused = makeEmailChannel(e, "wrong-pw")->send(a);
        QVERIFY2(refused.find("refused the login of vigil") != std::string::npos, refused.c_str());
        QVERIFY(refused.find("wrong-pw") == std::string::npos);

        // A server that offers no STARTTLS is refused: alerts are never mailed in the clear.
        e.port = static_cast<std::uint16_t>(m_smtp->port());
        const std::string clear = makeEmailChannel(e, "s3cret-pw")->send(a);
        QVERIFY2(clear.find("does not offer STARTTLS") != std::string::npos, clear.c_str());
        QVERIFY(clear.find("s3cret-pw") == std::string::npos);
        QCOMPARE(with(*m_smtp, QStringLiteral("smtp:")).size(), qsizetype(0));
    }

    void aTokenGoesWhereTheUrlSaysAndNeverIntoAnError()
    {
        WebhookChannelConfig w;
        w.enabled = true;
        w.url = m_webhook->url(QStringLiteral("/ok/bearer")).toStdString();
        const OutgoingAlert a = alert(701, AlertSeverity::Warning, "token: bearer");
        QCOMPARE(makeWebhookChannel(w, "tok-123")->send(a), std::string());
        w.url = m_webhook->url(QStringLiteral("/ok/{token}")).toStdString();
        QCOMPARE(makeWebhookChannel(w, "tok-456")->send(alert(702, AlertSeverity::Warning, "token: path")),
                 std::string());
        QVERIFY(m_webhook->waitFor(1));
        QString bearer, path;
        for (const QJsonObject &r : m_webhook->records()) {
            if (r.value(QStringLiteral("path")).toString() == QLatin1String("/ok/bearer"))
                bearer = r.value(QStringLiteral("authorization")).toString();
            if (r.value(QStringLiteral("path")).toString() == QLatin1String("/ok/tok-456"))
                path = r.value(QStringLiteral("authorization")).toString();
        }
        QCOMPARE(bearer, QStringLiteral("Bearer tok-123"));
        QCOMPARE(path, QString()); // in the path: no header as well
        w.url = m_webhook->url(QStringLiteral("/fail/{token}")).toStdString();
        const std::string error = makeWebhookChannel(w, "tok-789")->send(a);
        QVERIFY(!error.empty());
        QVERIFY2(error.find("tok-789") == std::string::npos, error.c_str());
    }

    void tenThousandAlertsInABurstLoseNoCriticalOne()
    {
        AlertsConfig c = channels(*m_webhook, QStringLiteral("/ok/flood"), m_smtp.get());
        c.webhook.levels = {1, 2, 3};
        c.email.levels = {};
        c.queueCapacity = 100;
        c.escalateAfterSeconds = 0;
        auto d = start(c, "flood.sqlite");
        QVERIFY(d);
        int criticals = 0;
        for (std::uint64_t i = 1; i <= 10'000; ++i) {
            const bool critical = i % 500 == 0;
            criticals += critical ? 1 : 0;
            d->onAlert(alert(10'000 + i, critical ? AlertSeverity::Critical : AlertSeverity::Warning,
                             (critical ? "flood critical " : "flood warning ") + std::to_string(i)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(with(*m_webhook, QStringLiteral("flood critical")).size(), qsizetype(criticals),
                                  60'000);
        // The drops are said on the other channel.
        QTRY_VERIFY_WITH_TIMEOUT(
            !with(*m_smtp, QStringLiteral("dropped from the webhook channel's full queue")).isEmpty(), 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(d->status().front().queued == 0, 60'000);
        const ChannelStatus s = d->status().front();
        QVERIFY(s.dropped > 0);
        QCOMPARE(s.delivered + s.dropped, std::uint64_t(10'000));
        QCOMPARE(static_cast<std::uint64_t>(with(*m_webhook, QStringLiteral("flood ")).size()), s.delivered);
        d->stop();
        QCOMPARE(outboxCount(outbox("flood.sqlite"), QStringLiteral("state = 'dropped' AND severity = 'critical'")),
                 qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestAlertDelivery)
#include "tst_alert_delivery.moc"
