#include "BrokerCommands.h"

#include "SecretInput.h"
#include "api/BrokerKeys.h"

#include <QCoreApplication>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace vigil {

namespace {

struct BrokerText {
    Q_DECLARE_TR_FUNCTIONS(BrokerCommands)
};

void printErr(const QString &text) { std::fprintf(stderr, "%s\n", qPrintable(text)); }
void printOut(const QString &text) { std::fprintf(stdout, "%s\n", qPrintable(text)); }

QString q(const std::string &text) { return QString::fromStdString(text); }
QString q(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }

/// The key id as it may be shown: its first four characters and its length, enough to
/// tell two keys apart, not enough to use one.
QString masked(const std::string &keyId)
{
    return BrokerText::tr("%1… (%n characters)", nullptr, static_cast<int>(keyId.size()))
        .arg(q(keyId.substr(0, std::min<std::size_t>(4, keyId.size() / 2))));
}

bool environmentVariablesSet()
{
    return qEnvironmentVariableIsSet("APCA_API_KEY_ID") || qEnvironmentVariableIsSet("APCA_API_SECRET_KEY");
}

int setKeys(AlpacaEnvironment environment)
{
    const QString name = q(toString(environment));
    BrokerKeyPair keys;
    const bool terminal = isatty(STDIN_FILENO) != 0;
    if (terminal) {
        std::fputs(qPrintable(BrokerText::tr("Alpaca %1 key id: ").arg(name)), stderr);
        std::fflush(stderr);
    }
    if (!readInputLine(keys.keyId) || keys.keyId.empty()) {
        printErr(BrokerText::tr("vigil broker set-keys: no key id: give the key id, then the secret, each on a line "
                                "of its own"));
        return 2;
    }
    if (terminal) {
        std::fputs(qPrintable(BrokerText::tr("Alpaca %1 secret (not shown): ").arg(name)), stderr);
        std::fflush(stderr);
    }
    if (!(terminal ? readHiddenLine(keys.secret) : readInputLine(keys.secret)) || keys.secret.empty()) {
        printErr(BrokerText::tr("vigil broker set-keys: no secret: give the key id, then the secret, each on a line "
                                "of its own"));
        wipeSecret(keys.secret);
        return 2;
    }
    const std::string error = storeBrokerKeys(environment, keys);
    wipeSecret(keys.secret);
    if (!error.empty()) {
        printErr(BrokerText::tr("vigil broker set-keys: the %1 keys were not stored: %2").arg(name, q(error)));
        return 1;
    }
    printOut(BrokerText::tr("stored the %1 keys in the OS keyring (service vigil, entry alpaca-%1): key id %2")
                 .arg(name, masked(keys.keyId)));
    if (environmentVariablesSet())
        printErr(BrokerText::tr("vigil broker: note: APCA_API_KEY_ID or APCA_API_SECRET_KEY is set in this "
                                "environment; where set, the variables are used instead of the keyring"));
    return 0;
}

int showKeys(AlpacaEnvironment environment)
{
    const QString name = q(toString(environment));
    const BrokerKeyLookup lookup = loadBrokerKeys(environment);
    switch (lookup.source) {
    case BrokerKeySource::Environment:
        printOut(BrokerText::tr("%1 keys: environment (APCA_API_KEY_ID, APCA_API_SECRET_KEY)").arg(name));
        break;
    case BrokerKeySource::Keyring:
        printOut(BrokerText::tr("%1 keys: keyring (service vigil, entry alpaca-%1)").arg(name));
        break;
    case BrokerKeySource::None:
        printOut(BrokerText::tr("%1 keys: none").arg(name));
        printErr(QStringLiteral("vigil broker keys: ") + q(lookup.error));
        return 1;
    }
    printOut(BrokerText::tr("key id: %1").arg(masked(lookup.keys.keyId)));
    return 0;
}

int deleteKeys(AlpacaEnvironment environment)
{
    const QString name = q(toString(environment));
    const std::string error = deleteBrokerKeys(environment);
    if (!error.empty()) {
        printErr(BrokerText::tr("vigil broker delete-keys: %1").arg(q(error)));
        return 1;
    }
    printOut(BrokerText::tr("the OS keyring holds no %1 keys of Vigil's now (entry alpaca-%1)").arg(name));
    if (environmentVariablesSet())
        printErr(BrokerText::tr("vigil broker: note: APCA_API_KEY_ID or APCA_API_SECRET_KEY is still set in this "
                                "environment"));
    return 0;
}

} // namespace

int runBrokerCommand(const CommandLine &cl, AlpacaEnvironment environment)
{
    switch (cl.mode) {
    case Mode::BrokerSetKeys: return setKeys(environment);
    case Mode::BrokerKeys: return showKeys(environment);
    case Mode::BrokerDeleteKeys: return deleteKeys(environment);
    default: return 2;
    }
}

} // namespace vigil
