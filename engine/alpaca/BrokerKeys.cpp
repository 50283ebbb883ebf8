#include "api/BrokerKeys.h"

#include "core/EngineText.h"
#include "keyring/OsKeyring.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace vigil {

namespace {

constexpr const char *kKeyIdVariable = "APCA_API_KEY_ID";
constexpr const char *kSecretVariable = "APCA_API_SECRET_KEY";

QString entryName(AlpacaEnvironment environment)
{
    return QStringLiteral("alpaca-") + QString::fromUtf8(toString(environment).data());
}

/// What the operator may do instead of a keyring, in the keyring's errors.
std::string fallback()
{
    return engineTr("BrokerKeys", "set APCA_API_KEY_ID and APCA_API_SECRET_KEY in the environment instead");
}

/// The entry's text: both halves in one JSON object, so they are stored and replaced
/// together and can never belong to two different keys.
QByteArray encode(const BrokerKeyPair &keys)
{
    QJsonObject object;
    object.insert(QStringLiteral("key_id"), QString::fromStdString(keys.keyId));
    object.insert(QStringLiteral("secret"), QString::fromStdString(keys.secret));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool decode(const QByteArray &data, BrokerKeyPair &keys)
{
    const QJsonDocument document = QJsonDocument::fromJson(data);
    const QJsonObject object = document.object();
    const QString keyId = object.value(QStringLiteral("key_id")).toString();
    const QString secret = object.value(QStringLiteral("secret")).toString();
    if (keyId.isEmpty() || secret.isEmpty())
        return false;
    keys.keyId = keyId.toStdString();
    keys.secret = secret.toStdString();
    return true;
}

/// Alpaca's keys are printable ASCII without spaces; anything else is a paste gone wrong
/// (a stray newline, a quote), refused before it reaches the keyring.
bool isKeyText(const std::string &text)
{
    return !text.empty() && text.size() <= 512
           && std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 127; });
}

} // namespace

BrokerKeyLookup loadBrokerKeys(AlpacaEnvironment environment)
{
    BrokerKeyLookup lookup;
    const QByteArray keyId = qgetenv(kKeyIdVariable);
    const QByteArray secret = qgetenv(kSecretVariable);
    if (!keyId.isEmpty() && !secret.isEmpty()) {
        lookup.source = BrokerKeySource::Environment;
        lookup.keys = BrokerKeyPair{keyId.toStdString(), secret.toStdString()};
        return lookup;
    }
    if (!keyId.isEmpty() || !secret.isEmpty()) {
        lookup.error = engineTr("BrokerKeys", "%1 is set but %2 is not: set both, or neither to use the OS keyring")
                           .arg(keyId.isEmpty() ? kSecretVariable : kKeyIdVariable,
                                keyId.isEmpty() ? kKeyIdVariable : kSecretVariable);
        return lookup;
    }
    const KeyringRead read = readKeyringEntry(entryName(environment), fallback());
    if (!read.error.empty()) {
        lookup.error = read.error;
        return lookup;
    }
    if (!read.found) {
        lookup.error = engineTr("BrokerKeys", "no %1 keys: neither in the OS keyring (vigil broker set-keys "
                                              "--environment %1) nor in APCA_API_KEY_ID and APCA_API_SECRET_KEY")
                           .arg(toString(environment));
        return lookup;
    }
    if (!decode(read.data, lookup.keys)) {
        lookup.keys = {};
        lookup.error = engineTr("BrokerKeys", "the OS keyring's entry %1 of service vigil is not a key pair Vigil "
                                              "stored; store the keys again with vigil broker set-keys")
                           .arg(entryName(environment).toStdString());
        return lookup;
    }
    lookup.source = BrokerKeySource::Keyring;
    return lookup;
}

std::string storeBrokerKeys(AlpacaEnvironment environment, const BrokerKeyPair &keys)
{
    if (!isKeyText(keys.keyId))
        return engineTr("BrokerKeys", "the key id must be 1 to 512 printable characters without spaces");
    if (!isKeyText(keys.secret))
        return engineTr("BrokerKeys", "the secret must be 1 to 512 printable characters without spaces");
    return writeKeyringEntry(entryName(environment), encode(keys), fallback());
}

std::string deleteBrokerKeys(AlpacaEnvironment environment)
{
    return deleteKeyringEntry(entryName(environment), fallback());
}

} // namespace vigil
