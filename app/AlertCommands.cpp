#include "AlertCommands.h"

#include "SecretInput.h"
#include "api/AlertChannel.h"
#include "api/AlertDispatcher.h"
#include "api/AlertSecrets.h"
#include "api/Time.h"

#include <QCoreApplication>
#include <QHostInfo>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <vector>

namespace vigil {

namespace {

struct AlertsText {
    Q_DECLARE_TR_FUNCTIONS(AlertCommands)
};

void printErr(const QString &text) { std::fprintf(stderr, "%s\n", qPrintable(text)); }
void printOut(const QString &text) { std::fprintf(stdout, "%s\n", qPrintable(text)); }
QString q(const std::string &text) { return QString::fromStdString(text); }
QString q(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }

bool enabled(const AlertsConfig &config, AlertChannelKind kind)
{
    return kind == AlertChannelKind::Email ? config.email.enabled : config.webhook.enabled;
}

std::optional<AlertChannelKind> channelNamed(const QString &name)
{
    if (name == QLatin1String("webhook"))
        return AlertChannelKind::Webhook;
    if (name == QLatin1String("email"))
        return AlertChannelKind::Email;
    return std::nullopt;
}

} // namespace

QString sendTestAlert(const AlertsConfig &alerts, AlertChannelKind kind, bool *delivered)
{
    if (delivered)
        *delivered = false;
    const AlertSecretLookup secret = loadAlertSecret(alerts, kind);
    if (!secret.error.empty())
        return AlertsText::tr("%1: not sent: %2").arg(q(toString(kind)), q(secret.error));
    std::unique_ptr<AlertChannel> channel = kind == AlertChannelKind::Email
                                                ? makeEmailChannel(alerts.email, secret.secret)
                                                : makeWebhookChannel(alerts.webhook, secret.secret);
    OutgoingAlert test;
    test.severity = AlertSeverity::Critical; // as the alerts that matter most will look
    test.source = "alerts";
    test.note = AlertsText::tr("test").toStdString();
    test.message = AlertsText::tr("a test alert from Vigil on %1: if you read this, the %2 channel works")
                       .arg(QHostInfo::localHostName(), q(toString(kind)))
                       .toStdString();
    test.raisedNs = utcNowNs();
    const auto started = std::chrono::steady_clock::now();
    const std::string error = channel->send(test);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    if (!error.empty())
        return AlertsText::tr("%1: failed after %2 ms: %3").arg(q(toString(kind))).arg(ms).arg(q(error));
    if (delivered)
        *delivered = true;
    return AlertsText::tr("%1: delivered in %2 ms").arg(q(toString(kind))).arg(ms);
}

namespace {

int sendTests(const CommandLine &cl, const Config &config)
{
    std::vector<AlertChannelKind> channels;
    for (const AlertChannelKind kind : {AlertChannelKind::Webhook, AlertChannelKind::Email})
        if ((cl.alertChannel.isEmpty() || channelNamed(cl.alertChannel) == kind) && enabled(config.alerts, kind))
            channels.push_back(kind);
    if (channels.empty()) {
        printErr(
            cl.alertChannel.isEmpty()
                ? AlertsText::tr("vigil alerts test: no channel is enabled in [alerts] of %1")
                      .arg(config.sourceFile.empty() ? AlertsText::tr("the built-in defaults") : q(config.sourceFile))
                : AlertsText::tr("vigil alerts test: the %1 channel is not enabled in [alerts]").arg(cl.alertChannel));
        return 2;
    }
    int failed = 0;
    for (const AlertChannelKind kind : channels) {
        bool delivered = false;
        const QString outcome = sendTestAlert(config.alerts, kind, &delivered);
        delivered ? printOut(outcome) : printErr(outcome);
        failed += delivered ? 0 : 1;
    }
    return failed == 0 ? 0 : 1;
}

int setSecret(AlertChannelKind kind)
{
    const QString name = q(toString(kind));
    if (isatty(STDIN_FILENO) != 0) {
        std::fputs(qPrintable(kind == AlertChannelKind::Email ? AlertsText::tr("SMTP password (not shown): ")
                                                              : AlertsText::tr("webhook token (not shown): ")),
                   stderr);
        std::fflush(stderr);
    }
    std::string secret;
    if (!readHiddenLine(secret) || secret.empty()) {
        printErr(AlertsText::tr("vigil alerts set-secret: nothing was given: type the secret, or give it as "
                                "standard input's first line"));
        return 2;
    }
    const std::string error = storeAlertSecret(kind, secret);
    wipeSecret(secret);
    if (!error.empty()) {
        printErr(AlertsText::tr("vigil alerts set-secret: the %1 secret was not stored: %2").arg(name, q(error)));
        return 1;
    }
    printOut(AlertsText::tr("stored the %1 secret in the OS keyring (service vigil, entry alerts-%1)").arg(name));
    if (qEnvironmentVariableIsSet(alertSecretVariable(kind)))
        printErr(AlertsText::tr("vigil alerts: note: %1 is set in this environment and is used instead of the keyring")
                     .arg(QString::fromLatin1(alertSecretVariable(kind))));
    return 0;
}

int deleteSecret(AlertChannelKind kind)
{
    const std::string error = deleteAlertSecret(kind);
    if (!error.empty()) {
        printErr(AlertsText::tr("vigil alerts delete-secret: %1").arg(q(error)));
        return 1;
    }
    printOut(
        AlertsText::tr("the OS keyring holds no %1 secret of Vigil's now (entry alerts-%1)").arg(q(toString(kind))));
    return 0;
}

} // namespace

bool startAlerts(const Config &config, const QString &dataDir, std::unique_ptr<AlertDispatcher> &out, QString *problem)
{
    out.reset();
    if (!config.alerts.webhook.enabled && !config.alerts.email.enabled)
        return true;
    AlertDispatcher::Setup setup;
    setup.config = config.alerts;
    setup.outboxPath = (dataDir + QStringLiteral("/alert-outbox.sqlite")).toStdString();
    for (const AlertChannelKind kind : {AlertChannelKind::Webhook, AlertChannelKind::Email}) {
        AlertSecretLookup secret = loadAlertSecret(config.alerts, kind);
        if (!secret.error.empty()) {
            const QString why =
                AlertsText::tr("the %1 alert channel cannot start: %2").arg(q(toString(kind)), q(secret.error));
            printErr(QStringLiteral("vigil: ") + why);
            if (problem)
                *problem = why;
            return false;
        }
        (kind == AlertChannelKind::Email ? setup.smtpPassword : setup.webhookToken) = std::move(secret.secret);
    }
    auto dispatcher = std::make_unique<AlertDispatcher>(std::move(setup));
    if (const std::string error = dispatcher->start(); !error.empty()) {
        printErr(QStringLiteral("vigil: ") + q(error));
        if (problem)
            *problem = q(error);
        return false;
    }
    out = std::move(dispatcher);
    return true;
}

EngineExtensions engineExtensions(Gateway *gateway, AlertDispatcher *alerts)
{
    EngineExtensions extensions = gateway ? gateway->takeExtensions() : EngineExtensions{};
    extensions.alertTap = alerts;
    return extensions;
}

AlertDelivery::AlertDelivery(AlertDispatcher *alerts, Engine &engine)
    : m_alerts(alerts)
{
    if (!m_alerts)
        return;
    m_alerts->setTroubleSink([&engine](AlertSeverity severity, const std::string &text) {
        cmd::RecordAlert raised;
        raised.actor = "alerts";
        raised.reason = "alert delivery trouble";
        raised.severity = severity;
        raised.source = "alerts";
        raised.message = text;
        engine.command(std::move(raised), [](const CommandResult &) {});
    });
}

void AlertDelivery::stop()
{
    if (!m_alerts)
        return;
    m_alerts->setTroubleSink({});
    m_alerts->stop(std::chrono::seconds(3));
    m_alerts = nullptr;
}

int runAlertsCommand(const CommandLine &cl, const Config &config)
{
    switch (cl.mode) {
    case Mode::AlertsTest: return sendTests(cl, config);
    case Mode::AlertsSetSecret: return setSecret(*channelNamed(cl.alertChannel));
    case Mode::AlertsDeleteSecret: return deleteSecret(*channelNamed(cl.alertChannel));
    default: return 2;
    }
}

} // namespace vigil
