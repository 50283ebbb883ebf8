#include "BotCommands.h"

#include "api/BotKeys.h"
#include "api/InstanceLock.h"
#include "api/OperatorAudit.h"
#include "api/UserName.h"

#include <QCoreApplication>
#include <QDir>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace vigil {

namespace {

struct BotText {
    Q_DECLARE_TR_FUNCTIONS(BotCommands)
};

void printErr(const QString &text) { std::fprintf(stderr, "%s\n", qPrintable(text)); }
void printOut(const QString &text) { std::fprintf(stdout, "%s\n", qPrintable(text)); }

QString q(const std::string &text) { return QString::fromStdString(text); }

/// Records the operator's change in the audit trail: 0 recorded (or nothing to record it
/// in, said), 1 it could not be.
int audit(const QString &dataDir, const InstanceLock &lock, const std::string &action, const std::string &detail)
{
    if (!lock.error().isEmpty()) {
        // The running vigil's writer owns the chain's end: a record written beside it would
        // fork the chain. The change itself counts at once all the same.
        printErr(BotText::tr("vigil bot: not recorded in the audit trail: %1 (%2: %3)")
                     .arg(lock.error(), q(action), q(detail)));
        return 0;
    }
    const QString journal = QDir(dataDir).filePath(QStringLiteral("journal.sqlite"));
    if (!QFileInfo::exists(journal)) {
        printErr(BotText::tr("vigil bot: %1 holds no journal yet, so no audit trail to record this in").arg(dataDir));
        return 0;
    }
    const QString error = appendOperatorAudit(journal, currentUserName() + " (vigil bot)", action, detail);
    if (error.isEmpty())
        return 0;
    printErr(QStringLiteral("vigil bot: ") + error);
    return 1;
}

int add(const CommandLine &cl, const std::optional<Config> &config, const QString &dataDir)
{
    const std::string name = cl.bot.toStdString();
    if (!gateway::isValidBotName(name)) {
        printErr(BotText::tr("vigil bot add: '%1' is not a bot name: 1 to 32 characters among a-z, 0-9 and '_'")
                     .arg(cl.bot));
        return 2;
    }
    if (!config)
        printErr(BotText::tr("vigil bot: warning: the configuration is not valid, so its [[bots]] were not checked "
                             "for '%1'")
                     .arg(cl.bot));
    else if (std::none_of(config->bots.begin(), config->bots.end(), [&](const BotConfig &b) { return b.name == name; }))
        printErr(
            BotText::tr("vigil bot: warning: the configuration (%1) has no [[bots]] entry named '%2': the "
                        "gateway accepts the key once one is added")
                .arg(config->sourceFile.empty() ? BotText::tr("built-in defaults") : q(config->sourceFile), cl.bot));
    const InstanceLock lock(dataDir);
    gateway::BotKeyStore store(dataDir);
    const gateway::NewBotKey made = store.add(name);
    if (audit(dataDir, lock, "bot key added", "bot " + name + ": key " + made.keyId) != 0) {
        // A key nobody can account for must not be in force.
        store.revoke(made.keyId);
        printErr(
            BotText::tr("vigil bot add: the key %1 was revoked again: it could not be recorded").arg(q(made.keyId)));
        return 1;
    }
    printOut(BotText::tr("bot:       %1").arg(cl.bot));
    printOut(BotText::tr("key id:    %1").arg(q(made.keyId)));
    printOut(BotText::tr("secret:    %1").arg(q(made.secret)));
    printOut(BotText::tr("The secret is shown this once and will not be shown again: Vigil keeps only a hash of "
                         "it. Give both to the bot (APCA_API_KEY_ID, APCA_API_SECRET_KEY)."));
    return 0;
}

int list(const QString &dataDir)
{
    const gateway::BotKeyStore store(dataDir);
    const std::vector<gateway::BotKey> keys = store.list();
    if (keys.empty()) {
        printOut(BotText::tr("no bot keys in %1").arg(dataDir));
        return 0;
    }
    std::size_t width = 3;
    for (const gateway::BotKey &k : keys)
        width = std::max(width, k.botName.size());
    const int w = static_cast<int>(width);
    printOut(QStringLiteral("%1  %2  %3  %4")
                 .arg(BotText::tr("bot"), -w)
                 .arg(BotText::tr("key id"), -20)
                 .arg(BotText::tr("created"), -24)
                 .arg(BotText::tr("revoked")));
    for (const gateway::BotKey &k : keys)
        printOut(QStringLiteral("%1  %2  %3  %4")
                     .arg(q(k.botName), -w)
                     .arg(q(k.keyId), -20)
                     .arg(q(k.createdAt), -24)
                     .arg(k.revokedAt.empty() ? BotText::tr("in force") : q(k.revokedAt)));
    return 0;
}

int revoke(const CommandLine &cl, const QString &dataDir)
{
    const std::string target = cl.bot.toStdString();
    const InstanceLock lock(dataDir);
    gateway::BotKeyStore store(dataDir);
    std::vector<std::string> inForce;
    for (const gateway::BotKey &k : store.list())
        if (k.revokedAt.empty() && (k.botName == target || k.keyId == target))
            inForce.push_back(k.keyId);
    const int revoked = store.revoke(target);
    if (revoked == 0) {
        printErr(BotText::tr("vigil bot revoke: no key in force has the bot name or key id '%1' (vigil bot list "
                             "shows them)")
                     .arg(cl.bot));
        return 1;
    }
    std::string ids;
    for (const std::string &id : inForce)
        ids += (ids.empty() ? "" : ", ") + id;
    printOut(BotText::tr("revoked %n key(s) of '%1': %2", nullptr, revoked).arg(cl.bot, q(ids)));
    return audit(dataDir, lock, "bot key revoked", target + ": " + ids);
}

} // namespace

int runBotCommand(const CommandLine &cl, const std::optional<Config> &config, const QString &dataDir)
{
    try {
        switch (cl.mode) {
        case Mode::BotAdd: return add(cl, config, dataDir);
        case Mode::BotList: return list(dataDir);
        case Mode::BotRevoke: return revoke(cl, dataDir);
        default: break;
        }
    } catch (const std::exception &e) {
        printErr(QStringLiteral("vigil bot: ") + QString::fromStdString(e.what()));
        return 1;
    }
    return 2;
}

} // namespace vigil
