#include "api/AlertSecrets.h"

#include "core/EngineText.h"
#include "keyring/OsKeyring.h"

#include <QByteArray>
#include <QString>

namespace vigil {

namespace {

QString entryName(AlertChannelKind kind)
{
    return QStringLiteral("alerts-") + QString::fromUtf8(toString(kind).data());
}

std::string fallback(AlertChannelKind kind)
{
    return engineTr("Alerts", "set %1 in the environment instead").arg(alertSecretVariable(kind));
}

} // namespace

const char *alertSecretVariable(AlertChannelKind kind)
{
    return kind == AlertChannelKind::Email ? "VIGIL_ALERT_SMTP_PASSWORD" : "VIGIL_ALERT_WEBHOOK_TOKEN";
}

AlertSecretLookup loadAlertSecret(const AlertsConfig &config, AlertChannelKind kind)
{
    AlertSecretLookup lookup;
    const bool email = kind == AlertChannelKind::Email;
    if (email ? !config.email.enabled : !config.webhook.enabled)
        return lookup;
    const bool required =
        email ? !config.email.username.empty() : config.webhook.url.find("{token}") != std::string::npos;
    const QByteArray variable = qgetenv(alertSecretVariable(kind));
    if (!variable.isEmpty()) {
        lookup.secret = variable.toStdString();
        return lookup;
    }
    if (email && !required)
        return lookup; // no login: nothing to look up
    const KeyringRead read = readKeyringEntry(entryName(kind), fallback(kind));
    if (!read.error.empty()) {
        if (required)
            lookup.error = read.error;
        return lookup; // an optional bearer token: the webhook goes without
    }
    if (!read.found) {
        if (required)
            lookup.error =
                email ? engineTr("Alerts", "the e-mail channel logs in as %1 but has no password: store it with vigil "
                                           "alerts set-secret email, or set %2")
                            .arg(config.email.username, alertSecretVariable(kind))
                      : engineTr("Alerts", "the webhook url has {token} but no token is stored: store it with vigil "
                                           "alerts set-secret webhook, or set %1")
                            .arg(alertSecretVariable(kind));
        return lookup;
    }
    lookup.secret = read.data.toStdString();
    return lookup;
}

std::string storeAlertSecret(AlertChannelKind kind, const std::string &secret)
{
    if (secret.empty() || secret.size() > 4096)
        return engineTr("Alerts", "the secret must be 1 to 4096 characters");
    for (const char c : secret)
        if (c == '\n' || c == '\r')
            return engineTr("Alerts", "the secret must be one line");
    return writeKeyringEntry(entryName(kind), QByteArray::fromStdString(secret), fallback(kind));
}

std::string deleteAlertSecret(AlertChannelKind kind) { return deleteKeyringEntry(entryName(kind), fallback(kind)); }

} // namespace vigil
