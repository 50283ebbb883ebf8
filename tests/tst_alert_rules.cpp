// The rules of alerts that need no network: the repeat window and acknowledgements
// (alerts/AlertBook), what an alert says outside the console (api/AlertText.h) and what
// `[alerts]` accepts (a template that is not JSON, a webhook in the clear to another
// machine, an SMTP relay in the clear, an unknown level are each refused by name).

#include "alerts/AlertBook.h"
#include "api/AlertText.h"
#include "api/ConfigLoader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace vigil;

namespace {
constexpr SimTime kMinute = 60 * kNsPerSecond;

std::string errorsOf(const std::string &toml)
{
    const ConfigLoadResult r = parseConfigText(toml, "test.toml");
    std::string all;
    for (const ConfigError &e : r.errors)
        all += e.toString() + "\n";
    return all;
}
}

class TestAlertRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theSameConditionRepeatingIsCountedOnOneAlert()
    {
        AlertBook book(5 * kMinute);
        const AlertRow &first = book.raise(10, kMinute, "09:31:00", AlertSeverity::Warning, "risk", "feed slow");
        QCOMPARE(first.id, std::uint64_t(10));
        for (int i = 2; i <= 4; ++i)
            book.raise(10 + static_cast<std::uint64_t>(i), kMinute * i, "", AlertSeverity::Warning, "risk",
                       "feed slow");
        QCOMPARE(book.rows().size(), std::size_t(1));
        QCOMPARE(book.rows().front().count, std::uint32_t(4));
        QCOMPARE(book.rows().front().lastTime, 4 * kMinute);
        // Another text, source or severity is another alert.
        book.raise(20, 5 * kMinute, "", AlertSeverity::Critical, "risk", "feed slow");
        book.raise(21, 5 * kMinute, "", AlertSeverity::Warning, "venue", "feed slow");
        QCOMPARE(book.rows().size(), std::size_t(3));
        // Quiet for longer than the window: news again.
        book.raise(22, 10 * kMinute, "", AlertSeverity::Warning, "risk", "feed slow");
        QCOMPARE(book.rows().size(), std::size_t(4));
        QCOMPARE(book.rows().back().id, std::uint64_t(22));
    }

    void anAcknowledgedAlertRaisedAgainIsNews()
    {
        AlertBook book(5 * kMinute);
        book.raise(7, kMinute, "", AlertSeverity::Critical, "risk", "kill switch fired");
        QVERIFY(book.acknowledge(8, "ann", "why") == AlertBook::Acknowledgement::NoSuchAlert);
        QVERIFY(book.acknowledge(7, "ann (vigil ctl)", "on it") == AlertBook::Acknowledgement::Done);
        QVERIFY(book.acknowledge(7, "bob", "me too") == AlertBook::Acknowledgement::AlreadyAcknowledged);
        QCOMPARE(book.find(7)->acknowledgedBy, std::string("ann (vigil ctl)"));
        book.raise(9, 2 * kMinute, "", AlertSeverity::Critical, "risk", "kill switch fired");
        QCOMPARE(book.rows().size(), std::size_t(2));
        QVERIFY(!book.rows().back().acknowledged());
    }

    void theBookKeepsTheNewestTwoHundred()
    {
        AlertBook book(0);
        for (std::uint64_t i = 1; i <= kSnapshotAlerts + 5; ++i)
            book.raise(i, static_cast<SimTime>(i), "", AlertSeverity::Warning, "risk", "alert " + std::to_string(i));
        QCOMPARE(book.rows().size(), kSnapshotAlerts);
        QCOMPARE(book.rows().front().id, std::uint64_t(6));
    }

    void anAlertSaysItsLevelCountAndId()
    {
        OutgoingAlert a;
        a.id = 42;
        a.severity = AlertSeverity::Critical;
        a.source = "risk";
        a.message = "kill switch fired automatically: drawdown";
        a.count = 3;
        QCOMPARE(alertLine(a),
                 std::string("[Vigil L3 critical] risk: kill switch fired automatically: drawdown (3 times) #42"));
        a.severity = AlertSeverity::Recovered;
        a.count = 1;
        a.note = "escalated";
        QCOMPARE(alertLine(a), std::string("[Vigil L1 recovered] escalated: risk: kill switch fired automatically: "
                                           "drawdown #42"));
        a.message = "two\nlines";
        QVERIFY(alertSubject(a).find('\n') == std::string::npos);
        QVERIFY(alertMailBody(a, "host1").find("vigil ctl ack 42") != std::string::npos);
    }

    void theWebhookBodyIsJsonWhateverTheTextHolds()
    {
        OutgoingAlert a;
        a.id = 5;
        a.severity = AlertSeverity::Warning;
        a.source = "venue";
        a.message = "quote \" backslash \\ tab \t new line \n bell \a";
        const std::string body =
            renderWebhookBody(R"({"content": "{{message}}", "level": {{level}}, "n": {{count}}, "x": "{{nope}}"})", a);
        QJsonParseError error{};
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(body), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, body.c_str());
        QCOMPARE(o.value(QStringLiteral("content")).toString().toStdString(), a.message);
        QCOMPARE(o.value(QStringLiteral("level")).toInt(), 2);
        QCOMPARE(o.value(QStringLiteral("n")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("x")).toString(), QStringLiteral("{{nope}}")); // unknown: left alone
        QVERIFY(webhookTemplateProblem(kDefaultWebhookTemplate).empty());
        QVERIFY(webhookTemplateProblem(R"({"text": {{text}}})").find("not valid JSON") != std::string::npos);
        QVERIFY(webhookTemplateProblem(R"(["{{text}}"])").find("JSON object") != std::string::npos);
        QVERIFY(webhookTemplateProblem(R"({"t": "{{txet}}"})").find("placeholder") != std::string::npos);
    }

    void badAlertSettingsAreRefusedByName()
    {
        QVERIFY(errorsOf("").empty());
        const std::string tpl = errorsOf("[alerts.webhook]\nenabled = true\nurl = \"https://h.example/x\"\n"
                                         "template = '{\"text\": {{text}}}'\n");
        QVERIFY2(tpl.find("test.toml:4: alerts.webhook.template: the template is not valid JSON") != std::string::npos,
                 tpl.c_str());
        const std::string clear = errorsOf("[alerts.webhook]\nenabled = true\nurl = \"http://hooks.example/x\"\n");
        QVERIFY2(clear.find("alerts.webhook.url") != std::string::npos
                     && clear.find("plain http to another machine") != std::string::npos,
                 clear.c_str());
        QVERIFY(errorsOf("[alerts.webhook]\nenabled = true\nurl = \"http://127.0.0.1:9/x\"\n").empty());
        QVERIFY(
            errorsOf("[alerts.webhook]\nenabled = true\nurl = \"https://hooks.slack.com/services/{token}\"\n").empty());
        const std::string noUrl = errorsOf("[alerts.webhook]\nenabled = true\n");
        QVERIFY2(noUrl.find("alerts.webhook.url: an enabled webhook needs its url") != std::string::npos,
                 noUrl.c_str());
        const std::string relay = errorsOf("[alerts.email]\nenabled = true\nserver = \"mail.example\"\n"
                                           "security = \"none\"\nfrom = \"v@x.io\"\nto = [\"o@x.io\"]\n");
        QVERIFY2(relay.find("alerts.email.security") != std::string::npos, relay.c_str());
        const std::string levels = errorsOf("[alerts.email]\nlevels = [3, 4]\n");
        QVERIFY2(levels.find("alerts.email.levels: expected an array of alert levels 1, 2 or 3") != std::string::npos,
                 levels.c_str());
        const std::string missing = errorsOf("[alerts.email]\nenabled = true\nserver = \"mail.example\"\n");
        QVERIFY2(missing.find("alerts.email.from") != std::string::npos
                     && missing.find("alerts.email.to") != std::string::npos,
                 missing.c_str());
        const std::string escalation = errorsOf("[alerts]\nescalation = [\"email\", \"email\"]\n");
        QVERIFY2(escalation.find("alerts.escalation") != std::string::npos, escalation.c_str());
        const std::string unknown = errorsOf("[alerts.webhook]\ntoken = \"abc\"\n");
        QVERIFY2(unknown.find("alerts.webhook.token") != std::string::npos, unknown.c_str());
    }
};

QTEST_GUILESS_MAIN(TestAlertRules)
#include "tst_alert_rules.moc"
