#include "CommandLine.h"

#include "CommandHelp.h"
#include "api/AuditAnchor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QTimeZone>

#include <limits>

namespace vigil {

namespace {

struct CommandLineText {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

bool parseDate(const QString &text, Date &out)
{
    const QDate d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid() || text.size() != 10)
        return false;
    out = Date{d.year(), d.month(), d.day()};
    return out.isValid();
}

/// The options of `vigil ctl`, in the order parseCommandLine() hands them over.
struct ControlOptions {
    const QCommandLineOption &reason, &ack, &message, &strategy, &symbol, &json, &timeout, &order, &amount, &level,
        &overrideSignOff;
};

/// `vigil ctl WORDS...`: the command for the running instance; an error or an empty string.
QString parseControl(const QStringList &words, const QCommandLineParser &parser, const ControlOptions &o,
                     CommandLine &cl)
{
    const QString usage = CommandLineText::tr(
        "usage: vigil ctl status|pause|resume|halt|flatten|kill|maintenance enter|maintenance exit|enable STRATEGY|"
        "reconcile|resolve KEY HOW|unblock SYMBOL|drill NAME|ack ALERT|incident-open|incident-set ID FIELD|"
        "incident-note ID|incident-sign-off ID (see vigil ctl --help)");
    if (words.isEmpty())
        return usage;
    CommandFields c;
    const QString verb = words.first();
    QString name = verb;
    int expectedWords = 1;
    if (verb == QLatin1String("maintenance")) {
        const QString step = words.value(1);
        if (step != QLatin1String("enter") && step != QLatin1String("exit"))
            return CommandLineText::tr(
                "usage: vigil ctl maintenance enter --message TEXT | vigil ctl maintenance exit --reason TEXT");
        name = QStringLiteral("maintenance-") + step;
        expectedWords = 2;
    } else if (verb == QLatin1String("enable")) {
        if (words.size() < 2)
            return CommandLineText::tr("usage: vigil ctl enable STRATEGY --reason TEXT");
        name = QStringLiteral("enable-strategy");
        c.target = words.at(1).toStdString();
        expectedWords = 2;
    } else if (verb == QLatin1String("resolve")) {
        const QString what = words.value(1);
        const bool cash = what == QLatin1String("cash"); // the cash difference's key is one word
        if (words.size() < (cash ? 3 : 4)
            || (!cash && what != QLatin1String("position") && what != QLatin1String("order")))
            return CommandLineText::tr(
                "usage: vigil ctl resolve position SYMBOL|order CLIENT_ORDER_ID|cash "
                "adopt|flatten|cancel|accept --reason NOTE (the keys are in 'vigil ctl reconcile')");
        c.target = cash ? what.toStdString() : (what + QLatin1Char(' ') + words.at(2)).toStdString();
        c.message = words.at(cash ? 2 : 3).toStdString();
        expectedWords = cash ? 3 : 4;
    } else if (verb == QLatin1String("ack")) {
        if (words.size() < 2)
            return CommandLineText::tr("usage: vigil ctl ack ALERT --reason TEXT (ALERT: the alert's number, as the "
                                       "console's Alerts panel and the alert's message show it)");
        c.target = words.at(1).toStdString();
        expectedWords = 2;
    } else if (verb == QLatin1String("incident-set") || verb == QLatin1String("incident-note")) {
        const bool note = verb == QLatin1String("incident-note");
        if (words.size() < (note ? 2 : 3))
            return note ? CommandLineText::tr("usage: vigil ctl incident-note INCIDENT --reason TEXT")
                        : CommandLineText::tr(
                            "usage: vigil ctl incident-set INCIDENT summary|root_cause|contributing_factors|"
                            "actions_taken|preventive_immediate|preventive_short_term|preventive_long_term "
                            "--reason TEXT (the field's new text)");
        name = QStringLiteral("incident-set");
        c.target = words.at(1).toStdString();
        c.message = note ? std::string("note") : words.at(2).toStdString();
        expectedWords = note ? 2 : 3;
    } else if (verb == QLatin1String("incident-sign-off")) {
        if (words.size() < 2)
            return CommandLineText::tr("usage: vigil ctl incident-sign-off INCIDENT --reason NOTE");
        c.target = words.at(1).toStdString();
        expectedWords = 2;
    } else if (verb == QLatin1String("unblock")) {
        if (words.size() < 2)
            return CommandLineText::tr("usage: vigil ctl unblock SYMBOL --reason TEXT");
        c.target = words.at(1).toStdString();
        expectedWords = 2;
    } else if (verb == QLatin1String("drill")) {
        if (words.size() < 2)
            return CommandLineText::tr(
                "usage: vigil ctl drill broker-manual-close|broker-cancel-order|broker-manual-order|"
                "broker-manual-trade|broker-disconnect|broker-error-burst|feed-silence "
                "[--symbol S] [--order ID] [--amount N]");
        DrillKind drill{};
        if (!drillKindFromText(words.at(1).toStdString(), drill))
            return CommandLineText::tr(
                       "ctl drill: no drill named '%1'; the drills are broker-manual-close, "
                       "broker-cancel-order, broker-manual-order, broker-manual-trade, broker-disconnect, "
                       "broker-error-burst and feed-silence")
                .arg(words.at(1));
        c.target = words.at(1).toStdString();
        expectedWords = 2;
    }
    const std::optional<CommandKind> kind = commandKindFromText(name.toStdString());
    if (!kind || verb == QLatin1String("maintenance-enter") || verb == QLatin1String("maintenance-exit")
        || verb == QLatin1String("enable-strategy")
        || verb == QLatin1String("cancel-orders") // the lost-bot rule's, not the operator's
        || verb == QLatin1String("alert"))        // the alert delivery's
        return CommandLineText::tr("ctl: unknown command '%1'; ").arg(verb) + usage;
    if (words.size() != expectedWords)
        return CommandLineText::tr("ctl %1: unexpected argument '%2'").arg(verb, words.at(expectedWords));
    // Blanks around a text are dropped, and a text of blanks is none: the engine refuses it
    // too, but a script should hear it as a usage error (exit 2), not as a refusal.
    c.reason = parser.value(o.reason).trimmed().toStdString();
    c.acknowledgement = parser.value(o.ack).trimmed().toStdString();
    if (*kind != CommandKind::Resolve && *kind != CommandKind::UpdateIncident)
        c.message = parser.value(o.message).trimmed().toStdString();
    cl.json = parser.isSet(o.json);
    const bool drill = *kind == CommandKind::Drill;

    auto only = [&](const QCommandLineOption &option, bool allowed) {
        return allowed || !parser.isSet(option) ? QString()
                                                : CommandLineText::tr("--%1 does not go with 'vigil ctl %2'")
                                                      .arg(option.names().first(), words.join(QLatin1Char(' ')));
    };
    const bool flatten = *kind == CommandKind::Flatten;
    const bool reconcile = *kind == CommandKind::Reconcile;
    for (const QString &e :
         {only(o.ack, *kind == CommandKind::Resume), only(o.message, *kind == CommandKind::MaintenanceEnter),
          only(o.strategy, flatten), only(o.symbol, flatten || drill), only(o.timeout, flatten), only(o.order, drill),
          only(o.amount, drill), only(o.reason, *kind != CommandKind::Status && !reconcile),
          only(o.level, *kind == CommandKind::OpenIncident), only(o.overrideSignOff, *kind == CommandKind::Resume)})
        if (!e.isEmpty())
            return e;
    if (drill) {
        if (parser.isSet(o.symbol) && parser.isSet(o.order))
            return CommandLineText::tr("ctl drill: --symbol or --order, not both");
        c.message = (parser.isSet(o.order) ? parser.value(o.order) : parser.value(o.symbol)).toStdString();
        if (parser.isSet(o.amount)) {
            bool ok = false;
            const int amount = parser.value(o.amount).toInt(&ok);
            if (!ok || amount < 1 || amount > 3600)
                return CommandLineText::tr("--amount: '%1' is not a number from 1 to 3600 (seconds, or orders for "
                                           "broker-error-burst)")
                    .arg(parser.value(o.amount));
            c.amount = amount;
        }
    }
    if (*kind == CommandKind::OpenIncident) {
        if (!parser.isSet(o.level))
            return CommandLineText::tr("ctl incident-open: --level 2|3 is required");
        const QString level = parser.value(o.level);
        if (level != QLatin1String("2") && level != QLatin1String("3"))
            return CommandLineText::tr("--level: '%1' is not 2 (the operator should act) or 3 (critical)").arg(level);
        c.amount = level.toInt();
    }
    if (parser.isSet(o.overrideSignOff))
        c.message = "override-sign-off"; // resume: over level-3 incidents not signed off, audited as such
    if (*kind == CommandKind::MaintenanceEnter) {
        if (c.message.empty())
            return CommandLineText::tr("ctl maintenance enter: --message TEXT (the banner) is required");
        if (c.reason.empty())
            c.reason = c.message;
    }
    if (*kind != CommandKind::Status && !reconcile && c.reason.empty())
        return CommandLineText::tr("ctl %1: --reason TEXT is required (it goes in the audit trail)")
            .arg(words.join(QLatin1Char(' ')));
    if (flatten) {
        if (parser.isSet(o.strategy) && parser.isSet(o.symbol))
            return CommandLineText::tr("ctl flatten: --strategy or --symbol, not both");
        if (parser.isSet(o.strategy)) {
            c.scope = FlattenScope::Kind::Strategy;
            c.target = parser.value(o.strategy).toStdString();
        } else if (parser.isSet(o.symbol)) {
            c.scope = FlattenScope::Kind::Symbol;
            c.target = parser.value(o.symbol).toStdString();
        }
        if ((parser.isSet(o.strategy) || parser.isSet(o.symbol)) && c.target.empty())
            return CommandLineText::tr("ctl flatten: --strategy and --symbol need a name");
        if (parser.isSet(o.timeout)) {
            bool ok = false;
            const int seconds = parser.value(o.timeout).toInt(&ok);
            if (!ok || seconds < 0 || seconds > 3600)
                return CommandLineText::tr("--timeout: '%1' is not a number of seconds from 0 to 3600")
                    .arg(parser.value(o.timeout));
            cl.waitMs = seconds * 1000;
        }
    }
    std::string error;
    std::optional<Command> command = commandFromFields(*kind, std::move(c), error);
    if (!command)
        return CommandLineText::tr("ctl %1: %2").arg(verb, QString::fromStdString(error));
    cl.control = std::move(*command);
    return {};
}

/// The options of `vigil incident`.
struct IncidentOptions {
    const QCommandLineOption &from, &to, &out, &format, &json;
};

/// `vigil incident list|show|export ...`; an error or an empty string.
QString parseIncident(const QStringList &words, const QCommandLineParser &parser, const IncidentOptions &o,
                      CommandLine &cl)
{
    const QString usage = CommandLineText::tr(
        "usage: vigil incident list [--from DAY] [--to DAY] [--json] | vigil incident show ID | vigil incident "
        "export ID --format pdf|md [--out FILE]");
    const QString verb = words.value(0);
    const QHash<QString, Mode> modes{{QStringLiteral("list"), Mode::ListIncidents},
                                     {QStringLiteral("show"), Mode::ShowIncident},
                                     {QStringLiteral("export"), Mode::ExportIncident}};
    if (!modes.contains(verb))
        return verb.isEmpty() ? usage : CommandLineText::tr("incident: unknown command '%1'; ").arg(verb) + usage;
    cl.mode = modes.value(verb);
    const bool list = cl.mode == Mode::ListIncidents, exporting = cl.mode == Mode::ExportIncident;
    // Each option belongs to one verb: refused on the others, never ignored.
    const std::pair<const QCommandLineOption *, const char *> owners[] = {
        {&o.from, "list"}, {&o.to, "list"}, {&o.json, "list"}, {&o.out, "export"}, {&o.format, "export"}};
    for (const auto &[option, owner] : owners)
        if (parser.isSet(*option) && verb != QLatin1String(owner))
            return CommandLineText::tr("--%1 goes with 'vigil incident %2'")
                .arg(option->names().first(), QLatin1String(owner));
    if (list) {
        if (words.size() > 1)
            return CommandLineText::tr("incident list: unexpected argument '%1'").arg(words.at(1));
        Date ignored;
        for (const QCommandLineOption *day : {&o.from, &o.to})
            if (parser.isSet(*day) && !parseDate(parser.value(*day), ignored))
                return CommandLineText::tr("incident list: --%1: '%2' is not a day in the form YYYY-MM-DD")
                    .arg(day->names().first(), parser.value(*day));
        cl.incidentFrom = parser.value(o.from);
        cl.incidentTo = parser.value(o.to);
        if (!cl.incidentFrom.isEmpty() && !cl.incidentTo.isEmpty() && cl.incidentTo < cl.incidentFrom)
            return CommandLineText::tr("incident list: --to %1 is before --from %2")
                .arg(cl.incidentTo, cl.incidentFrom);
        cl.json = parser.isSet(o.json);
        return {};
    }
    if (words.size() < 2)
        return CommandLineText::tr("usage: vigil incident %1 ID%2")
            .arg(verb, exporting ? QStringLiteral(" --format pdf|md [--out FILE]") : QString());
    if (words.size() > 2)
        return CommandLineText::tr("incident %1: unexpected argument '%2'").arg(verb, words.at(2));
    bool ok = false;
    const QString id = words.at(1).startsWith(QLatin1Char('#')) ? words.at(1).mid(1) : words.at(1);
    cl.incident = id.toULongLong(&ok);
    if (!ok || cl.incident == 0)
        return CommandLineText::tr("incident %1: '%2' is not an incident number (vigil incident list shows them)")
            .arg(verb, words.at(1));
    if (!exporting)
        return {};
    cl.incidentFormat = parser.value(o.format);
    if (!parser.isSet(o.format))
        return CommandLineText::tr("incident export: --format pdf|md is required");
    if (cl.incidentFormat != QLatin1String("pdf") && cl.incidentFormat != QLatin1String("md"))
        return CommandLineText::tr("incident export: --format: '%1' is neither 'pdf' nor 'md'").arg(cl.incidentFormat);
    cl.incidentOut = parser.value(o.out);
    if (parser.isSet(o.out) && cl.incidentOut.isEmpty())
        return CommandLineText::tr("incident export: --out needs a file name");
    return {};
}

/// The options of `vigil backup`.
struct BackupOptions {
    const QCommandLineOption &type, &includeLogs, &backupsDir, &keepDaily, &keepWeekly, &keepMonthly, &dryRun, &json;
};

/// `vigil backup WORDS...`; an error or an empty string.
QString parseBackup(const QStringList &words, const QCommandLineParser &parser, const BackupOptions &o, CommandLine &cl)
{
    const QString usage =
        CommandLineText::tr("usage: vigil backup create|list|verify [BACKUP]|prune (see vigil --help)");
    const QString verb = words.value(0);
    BackupArguments &b = cl.backup;
    b.backupsDir = parser.value(o.backupsDir);
    if (parser.isSet(o.backupsDir) && b.backupsDir.isEmpty())
        return CommandLineText::tr("--backups-dir needs a directory");
    const QHash<QString, Mode> modes{{QStringLiteral("create"), Mode::BackupCreate},
                                     {QStringLiteral("list"), Mode::BackupList},
                                     {QStringLiteral("verify"), Mode::BackupVerify},
                                     {QStringLiteral("prune"), Mode::BackupPrune}};
    if (!modes.contains(verb))
        return verb.isEmpty() ? usage : CommandLineText::tr("backup: unknown command '%1'; ").arg(verb) + usage;
    cl.mode = modes.value(verb);
    const int allowedWords = cl.mode == Mode::BackupVerify ? 2 : 1;
    if (words.size() > allowedWords)
        return CommandLineText::tr("backup %1: unexpected argument '%2'").arg(verb, words.at(allowedWords));
    b.file = words.value(1);
    auto only = [&](const QCommandLineOption &option, Mode mode) {
        return cl.mode == mode || !parser.isSet(option)
                   ? QString()
                   : CommandLineText::tr("--%1 does not go with 'vigil backup %2'").arg(option.names().first(), verb);
    };
    for (const QString &e :
         {only(o.type, Mode::BackupCreate), only(o.includeLogs, Mode::BackupCreate), only(o.json, Mode::BackupList),
          only(o.keepDaily, Mode::BackupPrune), only(o.keepWeekly, Mode::BackupPrune),
          only(o.keepMonthly, Mode::BackupPrune), only(o.dryRun, Mode::BackupPrune)})
        if (!e.isEmpty())
            return e;
    if (parser.isSet(o.type)) {
        const std::optional<BackupType> t = backupTypeFromText(parser.value(o.type));
        if (!t)
            return CommandLineText::tr("--type: '%1' is not one of daily, pre-restore, pre-migration, manual, intraday")
                .arg(parser.value(o.type));
        b.type = *t;
    }
    b.includeLogs = parser.isSet(o.includeLogs);
    cl.json = parser.isSet(o.json);
    b.dryRun = parser.isSet(o.dryRun);
    for (const auto &[option, target] : {std::pair{&o.keepDaily, &b.keepDaily}, std::pair{&o.keepWeekly, &b.keepWeekly},
                                         std::pair{&o.keepMonthly, &b.keepMonthly}}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        const int n = parser.value(*option).toInt(&ok);
        if (!ok || n < 0 || n > 10000)
            return CommandLineText::tr("--%1: '%2' is not a whole number from 0 to 10000")
                .arg(option->names().first(), parser.value(*option));
        *target = n;
    }
    return {};
}

/// `vigil alerts VERB [CHANNEL]`. A secret is never an argument (see parseBroker()).
QString parseAlerts(const QStringList &words, CommandLine &cl)
{
    const QString verb = words.value(0);
    const QString usage = CommandLineText::tr(
        "usage: vigil alerts test [webhook|email] | vigil alerts set-secret|delete-secret webhook|email (see vigil "
        "alerts --help)");
    if (verb == QLatin1String("test"))
        cl.mode = Mode::AlertsTest;
    else if (verb == QLatin1String("set-secret"))
        cl.mode = Mode::AlertsSetSecret;
    else if (verb == QLatin1String("delete-secret"))
        cl.mode = Mode::AlertsDeleteSecret;
    else
        return usage;
    cl.alertChannel = words.value(1);
    const bool channelNeeded = cl.mode != Mode::AlertsTest;
    if (words.size() > 2)
        // Not echoed: after set-secret's channel it may well be the secret.
        return CommandLineText::tr("alerts %1 takes one channel name and nothing more: a secret is read from the "
                                   "terminal or standard input, never from the command line")
            .arg(verb);
    if ((channelNeeded && cl.alertChannel.isEmpty())
        || (!cl.alertChannel.isEmpty() && cl.alertChannel != QLatin1String("webhook")
            && cl.alertChannel != QLatin1String("email")))
        return usage;
    return {};
}

/// `vigil broker VERB`. The keys themselves are never arguments: a command line is seen by
/// every user of the machine (ps) and kept in the shell's history.
QString parseBroker(const QStringList &words, bool environmentSet, const QString &environment, CommandLine &cl)
{
    const QString verb = words.value(0);
    if (verb == QLatin1String("set-keys"))
        cl.mode = Mode::BrokerSetKeys;
    else if (verb == QLatin1String("keys"))
        cl.mode = Mode::BrokerKeys;
    else if (verb == QLatin1String("delete-keys"))
        cl.mode = Mode::BrokerDeleteKeys;
    else
        return CommandLineText::tr("usage: vigil broker set-keys|keys|delete-keys [--environment paper|live] (see "
                                   "vigil broker --help)");
    if (words.size() > 1 && cl.mode == Mode::BrokerSetKeys)
        // Not echoed: the argument may well be the secret.
        return CommandLineText::tr("broker set-keys takes no argument: the key id and the secret are read from the "
                                   "terminal or standard input, never from the command line, where other users and "
                                   "the shell's history would see them");
    if (words.size() > 1)
        return CommandLineText::tr("broker %1: unexpected argument '%2'").arg(verb, words.at(1));
    if (environmentSet) {
        if (environment == QLatin1String("paper"))
            cl.brokerEnvironment = AlpacaEnvironment::Paper;
        else if (environment == QLatin1String("live"))
            cl.brokerEnvironment = AlpacaEnvironment::Live;
        else
            return CommandLineText::tr("--environment: '%1' is neither 'paper' nor 'live'").arg(environment);
    }
    return {};
}

} // namespace

Date todayInNewYork()
{
    const QTimeZone newYork("America/New_York");
    const QDate d = newYork.isValid() ? QDateTime::currentDateTime().toTimeZone(newYork).date()
                                      : QDateTime::currentDateTimeUtc().addSecs(-5 * 3600).date();
    return Date{d.year(), d.month(), d.day()};
}

ParseResult parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CommandLineText::tr("Vigil: the operator console for automated trading."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  CommandLineText::tr("Print this help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     CommandLineText::tr("Print the version."));
    const QCommandLineOption config(QStringLiteral("config"), CommandLineText::tr("Configuration file (TOML)."),
                                    CommandLineText::tr("file"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        CommandLineText::tr("Where the engine writes its data (default: the user's data directory)."),
        CommandLineText::tr("dir"));
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      CommandLineText::tr("Run without a window (with 'run')."));
    const QCommandLineOption seed(QStringLiteral("seed"), CommandLineText::tr("Simulator seed (default 1)."),
                                  CommandLineText::tr("n"));
    const QCommandLineOption speed(
        QStringLiteral("speed"),
        CommandLineText::tr(
            "Simulated seconds per second, or 'max' (default: 'max' headless, the configuration's in the console)."),
        CommandLineText::tr("factor"));
    const QCommandLineOption date(
        QStringLiteral("date"),
        CommandLineText::tr("Trading day to simulate (default: today in New York); report: the day to report."),
        CommandLineText::tr("YYYY-MM-DD"));
    const QCommandLineOption summary(QStringLiteral("summary-json"),
                                     CommandLineText::tr("Write the session summary here (headless)."),
                                     CommandLineText::tr("file"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        CommandLineText::tr("Save a picture of the console to this PNG file and quit."),
                                        CommandLineText::tr("file"));
    const QCommandLineOption screenshotAfter(
        QStringLiteral("screenshot-after-ms"),
        CommandLineText::tr("How long to run before the screenshot (default 3000)."), CommandLineText::tr("ms"));
    const QCommandLineOption from(QStringLiteral("from"),
                                  CommandLineText::tr("audit export, incident list: first day."),
                                  CommandLineText::tr("YYYY-MM-DD"));
    const QCommandLineOption to(QStringLiteral("to"), CommandLineText::tr("audit export, incident list: last day."),
                                CommandLineText::tr("YYYY-MM-DD"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 CommandLineText::tr("audit export: the CSV file to write; report: the PDF; incident "
                                                     "export: the PDF or Markdown file."),
                                 CommandLineText::tr("file"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    CommandLineText::tr("incident export: the file's format, pdf or md."),
                                    CommandLineText::tr("pdf|md"));
    const QCommandLineOption reason(QStringLiteral("reason"),
                                    CommandLineText::tr("ctl: why (recorded in the audit trail)."),
                                    CommandLineText::tr("text"));
    const QCommandLineOption ack(QStringLiteral("ack"),
                                 CommandLineText::tr("ctl resume: what you acknowledge about the halt or kill."),
                                 CommandLineText::tr("text"));
    const QCommandLineOption message(QStringLiteral("message"),
                                     CommandLineText::tr("ctl maintenance enter: the banner."),
                                     CommandLineText::tr("text"));
    const QCommandLineOption strategy(QStringLiteral("strategy"),
                                      CommandLineText::tr("ctl flatten: only this strategy."),
                                      CommandLineText::tr("name"));
    const QCommandLineOption symbol(QStringLiteral("symbol"), CommandLineText::tr("ctl flatten: only this symbol."),
                                    CommandLineText::tr("sym"));
    const QCommandLineOption json(QStringLiteral("json"), CommandLineText::tr("ctl: print the answer as JSON."));
    const QCommandLineOption order(
        QStringLiteral("order"),
        CommandLineText::tr(
            "ctl drill broker-cancel-order: the client order id to cancel (default: the oldest working)."),
        CommandLineText::tr("id"));
    const QCommandLineOption amount(
        QStringLiteral("amount"),
        CommandLineText::tr("ctl drill: seconds (broker-disconnect, feed-silence; default 30), orders "
                            "(broker-error-burst; default 5) or shares (broker-manual-trade; default 10)."),
        CommandLineText::tr("n"));
    const QCommandLineOption level(QStringLiteral("level"),
                                   CommandLineText::tr("ctl incident-open: the incident's level, 2 or 3."),
                                   CommandLineText::tr("level"));
    const QCommandLineOption overrideSignOff(
        QStringLiteral("override-sign-off"),
        CommandLineText::tr("ctl resume: resume although a level-3 incident is not signed off (audited as an "
                            "override)."));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"),
        CommandLineText::tr(
            "ctl flatten: seconds to wait for the broker to confirm flat (default 60; 0: do not wait)."),
        CommandLineText::tr("s"));
    const QCommandLineOption type(
        QStringLiteral("type"),
        CommandLineText::tr("backup create: daily, pre-restore, pre-migration, intraday or manual (default)."),
        CommandLineText::tr("type"));
    const QCommandLineOption includeLogs(QStringLiteral("include-logs"),
                                         CommandLineText::tr("backup create: also the logs."));
    const QCommandLineOption backupsDir(
        QStringLiteral("backups-dir"),
        CommandLineText::tr("backup: where backups are kept (default: [backup] dir, else DATA_DIR/backups)."),
        CommandLineText::tr("dir"));
    const QCommandLineOption keepDaily(
        QStringLiteral("keep-daily"),
        CommandLineText::tr("backup prune: days of daily backups kept (default: [backup] keep_daily, 30)."),
        CommandLineText::tr("n"));
    const QCommandLineOption keepWeekly(
        QStringLiteral("keep-weekly"),
        CommandLineText::tr("backup prune: weeks kept (default: [backup] keep_weekly, 12)."), CommandLineText::tr("n"));
    const QCommandLineOption keepMonthly(
        QStringLiteral("keep-monthly"),
        CommandLineText::tr("backup prune: months kept (default: [backup] keep_monthly, 12)."),
        CommandLineText::tr("n"));
    const QCommandLineOption dryRun(
        QStringLiteral("dry-run"),
        CommandLineText::tr("backup prune, restore: say what would happen, change nothing."));
    const QCommandLineOption only(QStringLiteral("only"),
                                  CommandLineText::tr("restore: only the configuration or only the journal."),
                                  CommandLineText::tr("config|journal"));
    const QCommandLineOption anchor(
        QStringLiteral("anchor"),
        CommandLineText::tr("audit verify: an audit head kept elsewhere, which the chain must hold (repeatable)."),
        CommandLineText::tr("ID:HASH"));
    const QCommandLineOption yes(QStringLiteral("yes"),
                                 CommandLineText::tr("restore: do not ask (every safety step still runs)."));
    const QCommandLineOption restoreFile(
        QStringLiteral("restore"),
        CommandLineText::tr("Console: open the restore wizard on this backup before anything starts."),
        CommandLineText::tr("file"));
    const QCommandLineOption newBook(
        QStringLiteral("new-book"),
        CommandLineText::tr("Console: on a data directory with no books, start a new book without asking."));
    const QCommandLineOption environment(
        QStringLiteral("environment"),
        CommandLineText::tr("broker: Alpaca's paper or live account (default: the configuration's)."),
        CommandLineText::tr("paper|live"));
    parser.addOptions(
        {help,    version,    config,          dataDir,     headless,  seed,           speed,       date,
         summary, screenshot, screenshotAfter, restoreFile, newBook,   from,           to,          out,
         reason,  ack,        message,         strategy,    symbol,    json,           timeout,     order,
         amount,  type,       includeLogs,     backupsDir,  keepDaily, keepWeekly,     keepMonthly, dryRun,
         only,    yes,        anchor,          environment, level,     overrideSignOff});
    parser.addOption(format);
    parser.addPositionalArgument(
        QStringLiteral("command"),
        CommandLineText::tr(
            "run | config check FILE | journal verify | audit verify|export | ctl COMMAND | backup "
            "create|list|verify|prune | restore BACKUP | report | incident list|show|export | check premarket|eod | "
            "bot add|list|revoke | "
            "broker set-keys|keys|delete-keys | alerts test|set-secret|delete-secret"),
        CommandLineText::tr("[command]"));

    ParseResult result;
    CommandLine &cl = result.commandLine;
    const bool understood = parser.parse(arguments);
    result.helpHint = helpHint(parser.positionalArguments());
    if (!understood) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(help)) {
        // Each command's own help, as git's and systemctl's: `vigil ctl drill --help`.
        cl.mode = Mode::Help;
        cl.helpText = commandHelp(parser.positionalArguments());
        if (cl.helpText.isEmpty())
            result.error = CommandLineText::tr("no command named '%1' (vigil --help lists them)")
                               .arg(parser.positionalArguments().first());
        return result;
    }
    if (parser.isSet(version)) {
        cl.mode = Mode::Version;
        return result;
    }

    const QStringList positional = parser.positionalArguments();
    const QString first = positional.value(0);
    // Options that belong to one command only are refused anywhere else, never ignored.
    const QString backup = QStringLiteral("backup");
    const QString report = QStringLiteral("report"), check = QStringLiteral("check");
    const QString incident = QStringLiteral("incident");
    const QList<std::pair<const QCommandLineOption *, QStringList>> owned{
        {&from, {QStringLiteral("audit"), incident}},
        {&to, {QStringLiteral("audit"), incident}},
        {&out, {QStringLiteral("audit"), report, incident}},
        {&format, {incident}},
        {&reason, {QStringLiteral("ctl")}},
        {&ack, {QStringLiteral("ctl")}},
        {&message, {QStringLiteral("ctl")}},
        {&strategy, {QStringLiteral("ctl")}},
        {&symbol, {QStringLiteral("ctl")}},
        {&order, {QStringLiteral("ctl")}},
        {&amount, {QStringLiteral("ctl")}},
        {&level, {QStringLiteral("ctl")}},
        {&overrideSignOff, {QStringLiteral("ctl")}},
        {&json, {QStringLiteral("ctl"), backup, check, QStringLiteral("audit"), incident}},
        {&anchor, {QStringLiteral("audit")}},
        {&timeout, {QStringLiteral("ctl")}},
        {&type, {backup}},
        {&includeLogs, {backup}},
        {&keepDaily, {backup}},
        {&keepWeekly, {backup}},
        {&keepMonthly, {backup}},
        {&dryRun, {backup, QStringLiteral("restore")}},
        {&only, {QStringLiteral("restore")}},
        {&yes, {QStringLiteral("restore")}},
        {&environment, {QStringLiteral("broker")}},
        {&backupsDir, {backup, QStringLiteral("restore"), QStringLiteral("audit")}}};
    for (const auto &[option, owners] : owned) {
        if (parser.isSet(*option) && !owners.contains(first)) {
            result.error = CommandLineText::tr("--%1 goes with 'vigil %2'")
                               .arg(option->names().first(), owners.join(QStringLiteral("' or 'vigil ")));
            return result;
        }
    }
    const QString bot = QStringLiteral("bot"), broker = QStringLiteral("broker"), alerts = QStringLiteral("alerts");
    if (first == QLatin1String("audit") || first == QLatin1String("ctl") || first == backup
        || first == QLatin1String("restore") || first == report || first == check || first == bot || first == broker
        || first == alerts || first == incident) {
        for (const QCommandLineOption *option :
             {&headless, &seed, &speed, &date, &summary, &screenshot, &screenshotAfter, &restoreFile, &newBook}) {
            if (parser.isSet(*option) && !(option == &date && first == report)) {
                result.error =
                    CommandLineText::tr("--%1 does not go with 'vigil %2'").arg(option->names().first(), first);
                return result;
            }
        }
        cl.dataDir = parser.value(dataDir);
        cl.configFile = parser.value(config);
    }
    if (first == QLatin1String("audit")) {
        const QString sub = positional.value(1);
        if (positional.size() == 2 && sub == QLatin1String("verify")) {
            if (parser.isSet(from) || parser.isSet(to) || parser.isSet(out)) {
                result.error = CommandLineText::tr("--from, --to and --out go with 'vigil audit export'");
                return result;
            }
            for (const QString &value : parser.values(anchor)) {
                QString error;
                const std::optional<AuditAnchor> parsed = parseAuditAnchor(value, error);
                if (!parsed) {
                    result.error = CommandLineText::tr("audit verify: --anchor %1").arg(error);
                    return result;
                }
                cl.auditAnchors.push_back(*parsed);
            }
            cl.json = parser.isSet(json);
            cl.backup.backupsDir = parser.value(backupsDir);
            cl.mode = Mode::AuditVerify;
            return result;
        }
        if (positional.size() == 2 && sub == QLatin1String("export")) {
            for (const QCommandLineOption *option : {&anchor, &json, &backupsDir}) {
                if (parser.isSet(*option)) {
                    result.error =
                        CommandLineText::tr("--%1 goes with 'vigil audit verify'").arg(option->names().first());
                    return result;
                }
            }
            Date ignored;
            for (const QCommandLineOption *day : {&from, &to}) {
                if (!parser.isSet(*day) || !parseDate(parser.value(*day), ignored)) {
                    result.error =
                        CommandLineText::tr("audit export: --%1 needs a day in the form YYYY-MM-DD%2")
                            .arg(day->names().first(),
                                 parser.isSet(*day) ? QStringLiteral(", not '%1'").arg(parser.value(*day)) : QString());
                    return result;
                }
            }
            if (parser.value(out).isEmpty()) {
                result.error = CommandLineText::tr("audit export: --out FILE.csv is required");
                return result;
            }
            cl.mode = Mode::AuditExport;
            cl.auditFrom = parser.value(from);
            cl.auditTo = parser.value(to);
            cl.auditOut = parser.value(out);
            if (cl.auditTo < cl.auditFrom) {
                result.error =
                    CommandLineText::tr("audit export: --to %1 is before --from %2").arg(cl.auditTo, cl.auditFrom);
                return result;
            }
            return result;
        }
        result.error =
            CommandLineText::tr("usage: vigil audit verify | vigil audit export --from DAY --to DAY --out FILE.csv");
        return result;
    }
    if (first == report) {
        cl.mode = Mode::Report;
        if (positional.size() != 1) {
            result.error = CommandLineText::tr("report: unexpected argument '%1'").arg(positional.at(1));
            return result;
        }
        Date ignored;
        if (parser.isSet(date) && !parseDate(parser.value(date), ignored)) {
            result.error =
                CommandLineText::tr("--date: '%1' is not a date in the form YYYY-MM-DD").arg(parser.value(date));
            return result;
        }
        cl.reportDate = parser.value(date);
        cl.reportOut = parser.value(out);
        if (parser.isSet(out) && cl.reportOut.isEmpty()) {
            result.error = CommandLineText::tr("report: --out needs a file name");
            return result;
        }
        return result;
    }
    if (first == incident) {
        result.error = parseIncident(positional.mid(1), parser, {from, to, out, format, json}, cl);
        return result;
    }
    if (first == check) {
        cl.mode = Mode::Check;
        cl.json = parser.isSet(json);
        cl.checklist = positional.value(1);
        if (positional.size() != 2
            || (cl.checklist != QLatin1String("premarket") && cl.checklist != QLatin1String("eod"))) {
            result.error = CommandLineText::tr("usage: vigil check premarket|eod [--json]");
            return result;
        }
        return result;
    }
    if (first == bot) {
        const QString verb = positional.value(1);
        const int words = verb == QLatin1String("list") ? 2 : 3;
        if ((verb != QLatin1String("add") && verb != QLatin1String("list") && verb != QLatin1String("revoke"))
            || positional.size() < words) {
            result.error = CommandLineText::tr("usage: vigil bot add NAME | vigil bot list | vigil bot revoke "
                                               "NAME|KEY_ID (see vigil bot --help)");
            return result;
        }
        if (positional.size() > words) {
            result.error = CommandLineText::tr("bot %1: unexpected argument '%2'").arg(verb, positional.at(words));
            return result;
        }
        cl.mode = verb == QLatin1String("add")    ? Mode::BotAdd
                  : verb == QLatin1String("list") ? Mode::BotList
                                                  : Mode::BotRevoke;
        cl.bot = positional.value(2);
        return result;
    }
    if (first == alerts) {
        result.error = parseAlerts(positional.mid(1), cl);
        return result;
    }
    if (first == broker) {
        result.error = parseBroker(positional.mid(1), parser.isSet(environment), parser.value(environment), cl);
        return result;
    }
    if (first == backup) {
        result.error =
            parseBackup(positional.mid(1), parser,
                        {type, includeLogs, backupsDir, keepDaily, keepWeekly, keepMonthly, dryRun, json}, cl);
        return result;
    }
    if (first == QLatin1String("restore")) {
        cl.mode = Mode::Restore;
        if (positional.size() != 2) {
            result.error =
                positional.size() < 2
                    ? CommandLineText::tr("usage: vigil restore BACKUP [--dry-run] [--only config|journal] [--yes]")
                    : CommandLineText::tr("restore: unexpected argument '%1'").arg(positional.at(2));
            return result;
        }
        cl.backup.file = positional.at(1);
        cl.backup.backupsDir = parser.value(backupsDir);
        cl.backup.dryRun = parser.isSet(dryRun);
        cl.backup.yes = parser.isSet(yes);
        if (parser.isSet(only)) {
            const QString what = parser.value(only);
            if (what == QLatin1String("config"))
                cl.backup.scope = RestoreScope::Config;
            else if (what == QLatin1String("journal"))
                cl.backup.scope = RestoreScope::Journal;
            else {
                result.error = CommandLineText::tr("--only: '%1' is neither 'config' nor 'journal'").arg(what);
                return result;
            }
        }
        return result;
    }
    if (first == QLatin1String("ctl")) {
        cl.mode = Mode::Control;
        result.error = parseControl(
            positional.mid(1), parser,
            {reason, ack, message, strategy, symbol, json, timeout, order, amount, level, overrideSignOff}, cl);
        return result;
    }
    if (positional.isEmpty()) {
        cl.mode = Mode::Console;
    } else if (positional.first() == QLatin1String("run")) {
        if (positional.size() > 1) {
            result.error = CommandLineText::tr("unexpected argument '%1' after 'run'").arg(positional.at(1));
            return result;
        }
        cl.mode = parser.isSet(headless) ? Mode::Headless : Mode::Console;
    } else if (positional.first() == QLatin1String("config")) {
        if (positional.size() != 3 || positional.at(1) != QLatin1String("check")) {
            result.error = CommandLineText::tr("usage: vigil config check FILE");
            return result;
        }
        cl.mode = Mode::ConfigCheck;
        cl.checkFile = positional.at(2);
        return result;
    } else if (positional.first() == QLatin1String("journal")) {
        if (positional.size() != 2 || positional.at(1) != QLatin1String("verify")) {
            result.error = CommandLineText::tr("usage: vigil journal verify [--data-dir DIR]");
            return result;
        }
        cl.mode = Mode::JournalVerify;
        cl.dataDir = parser.value(dataDir);
        cl.configFile = parser.value(config);
        return result;
    } else {
        result.error =
            CommandLineText::tr("unknown command '%1' (expected 'run', 'config check FILE', 'journal verify', "
                                "'audit verify|export', 'ctl', 'backup', 'restore', 'report', 'incident', 'check', "
                                "'bot', 'broker' or 'alerts')")
                .arg(positional.first());
        return result;
    }
    if (parser.isSet(headless) && positional.isEmpty()) {
        result.error = CommandLineText::tr("--headless goes with 'run': vigil run --headless ...");
        return result;
    }

    cl.configFile = parser.value(config);
    cl.dataDir = parser.value(dataDir);
    cl.summaryJson = parser.value(summary);
    cl.screenshotFile = parser.value(screenshot);
    if (cl.mode == Mode::Headless && !cl.screenshotFile.isEmpty()) {
        result.error = CommandLineText::tr("--screenshot needs the console; it does not go with --headless");
        return result;
    }
    cl.restoreFile = parser.value(restoreFile);
    cl.newBook = parser.isSet(newBook);
    if (cl.mode == Mode::Headless && (parser.isSet(restoreFile) || cl.newBook)) {
        result.error =
            CommandLineText::tr("--%1 needs the console; it does not go with --headless (use 'vigil restore FILE')")
                .arg(parser.isSet(restoreFile) ? QStringLiteral("restore") : QStringLiteral("new-book"));
        return result;
    }
    if (parser.isSet(restoreFile) && cl.newBook) {
        result.error = CommandLineText::tr("--restore and --new-book do not go together");
        return result;
    }
    if (cl.mode != Mode::Headless && parser.isSet(summary)) {
        result.error = CommandLineText::tr("--summary-json goes with 'run --headless'");
        return result;
    }

    if (parser.isSet(seed)) {
        bool ok = false;
        cl.run.seed = parser.value(seed).toULongLong(&ok);
        if (!ok) {
            result.error = CommandLineText::tr("--seed: '%1' is not a whole number from 0 to 18446744073709551615")
                               .arg(parser.value(seed));
            return result;
        }
    }
    cl.run.speed = -1; // "the configuration's", resolved once the configuration is loaded
    if (parser.isSet(speed)) {
        const QString text = parser.value(speed);
        bool ok = false;
        const double factor = text == QLatin1String("max") ? 0.0 : text.toDouble(&ok);
        if (text != QLatin1String("max") && (!ok || factor <= 0 || factor > 10000)) {
            result.error =
                CommandLineText::tr("--speed: '%1' is neither 'max' nor a factor above 0 and up to 10000").arg(text);
            return result;
        }
        cl.run.speed = factor;
    }
    cl.run.sessionDate = todayInNewYork();
    if (parser.isSet(date) && !parseDate(parser.value(date), cl.run.sessionDate)) {
        result.error = CommandLineText::tr("--date: '%1' is not a date in the form YYYY-MM-DD").arg(parser.value(date));
        return result;
    }
    if (parser.isSet(screenshotAfter)) {
        bool ok = false;
        cl.screenshotAfterMs = parser.value(screenshotAfter).toInt(&ok);
        if (!ok || cl.screenshotAfterMs < 0 || cl.screenshotAfterMs > 3'600'000) {
            result.error =
                CommandLineText::tr("--screenshot-after-ms: '%1' is not a number of milliseconds from 0 to 3600000")
                    .arg(parser.value(screenshotAfter));
            return result;
        }
    }
    return result;
}

QString missingPath(const CommandLine &cl)
{
    // The console offers the restore wizard for a configuration it cannot read, and a
    // restore may bring the configuration back: only the other commands need the file now.
    if (!cl.configFile.isEmpty() && cl.mode != Mode::Console && cl.mode != Mode::Restore
        && !QFileInfo(cl.configFile).isFile())
        return CommandLineText::tr("--config: the file '%1' does not exist").arg(cl.configFile);
    if (cl.mode == Mode::ConfigCheck && !QFileInfo(cl.checkFile).isFile())
        return CommandLineText::tr("config check: the file '%1' does not exist").arg(cl.checkFile);
    if (!cl.backup.backupsDir.isEmpty() && cl.mode != Mode::Restore && !QFileInfo(cl.backup.backupsDir).isDir())
        return CommandLineText::tr("--backups-dir: the directory '%1' does not exist").arg(cl.backup.backupsDir);
    // (A run's --summary-json may go into the data directory the run is about to make.)
    for (const QString &file : {cl.auditOut, cl.reportOut, cl.incidentOut}) {
        const QString folder = QFileInfo(file).absolutePath();
        if (!file.isEmpty() && !QFileInfo(folder).isDir())
            return QFileInfo::exists(folder)
                       ? CommandLineText::tr("--out: '%1' of '%2' is not a directory").arg(folder, file)
                       : CommandLineText::tr("--out: the directory '%1' of '%2' does not exist").arg(folder, file);
    }
    return {};
}

QString dataDirectoryProblem(const CommandLine &cl, const QString &dataDir)
{
    if (cl.mode == Mode::Console || cl.mode == Mode::Headless || cl.mode == Mode::Restore
        || cl.mode == Mode::ConfigCheck || QFileInfo(dataDir).isDir())
        return {};
    const QString where = cl.dataDir.isEmpty() ? CommandLineText::tr(" (no --data-dir was given)") : QString();
    return QFileInfo::exists(dataDir)
               ? CommandLineText::tr("the data directory '%1' is not a directory%2").arg(dataDir, where)
               : CommandLineText::tr("the data directory '%1' does not exist%2").arg(dataDir, where);
}

} // namespace vigil
