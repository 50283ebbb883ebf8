#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QTimeZone>

#include <limits>

namespace vigil {

namespace {

struct CommandLineText {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

const char *kModes = QT_TRANSLATE_NOOP("CommandLine",
    "Modes:\n"
    "  vigil [options]                     open the console on the built-in simulator\n"
    "  vigil run [options]                 run one simulated session in the console\n"
    "  vigil run --headless [options]      run one session without a window and write\n"
    "                                      a JSON summary (--summary-json)\n"
    "  vigil config check FILE             validate a configuration file and exit\n"
    "  vigil journal verify [--data-dir D] check the journal's integrity and invariants\n"
    "  vigil --version                     print the version\n"
    "  vigil --help                        print this help\n");

bool parseDate(const QString &text, Date &out)
{
    const QDate d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid() || text.size() != 10)
        return false;
    out = Date{d.year(), d.month(), d.day()};
    return out.isValid();
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
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, CommandLineText::tr("Print this help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, CommandLineText::tr("Print the version."));
    const QCommandLineOption config(QStringLiteral("config"), CommandLineText::tr("Configuration file (TOML)."), CommandLineText::tr("file"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     CommandLineText::tr("Where the engine writes its data (default: the user's data directory)."),
                                     CommandLineText::tr("dir"));
    const QCommandLineOption headless(QStringLiteral("headless"), CommandLineText::tr("Run without a window (with 'run')."));
    const QCommandLineOption seed(QStringLiteral("seed"), CommandLineText::tr("Simulator seed (default 1)."), CommandLineText::tr("n"));
    const QCommandLineOption speed(QStringLiteral("speed"),
                                   CommandLineText::tr("Simulated seconds per second, or 'max' (default: 'max' headless, the configuration's in the console)."),
                                   CommandLineText::tr("factor"));
    const QCommandLineOption date(QStringLiteral("date"), CommandLineText::tr("Trading day to simulate (default: today in New York)."),
                                  CommandLineText::tr("YYYY-MM-DD"));
    const QCommandLineOption summary(QStringLiteral("summary-json"), CommandLineText::tr("Write the session summary here (headless)."),
                                     CommandLineText::tr("file"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        CommandLineText::tr("Save a picture of the console to this PNG file and quit."), CommandLineText::tr("file"));
    const QCommandLineOption screenshotAfter(QStringLiteral("screenshot-after-ms"),
                                             CommandLineText::tr("How long to run before the screenshot (default 3000)."), CommandLineText::tr("ms"));
    parser.addOptions({help, version, config, dataDir, headless, seed, speed, date, summary, screenshot,
                       screenshotAfter});
    parser.addPositionalArgument(QStringLiteral("command"), CommandLineText::tr("run | config check FILE | journal verify"), CommandLineText::tr("[command]"));

    ParseResult result;
    CommandLine &cl = result.commandLine;
    cl.helpText = parser.helpText() + QLatin1Char('\n') + CommandLineText::tr(kModes);
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(help)) {
        cl.mode = Mode::Help;
        return result;
    }
    if (parser.isSet(version)) {
        cl.mode = Mode::Version;
        return result;
    }

    const QStringList positional = parser.positionalArguments();
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
        result.error = CommandLineText::tr("unknown command '%1' (expected 'run', 'config check FILE' or 'journal verify')")
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
            result.error = CommandLineText::tr("--speed: '%1' is neither 'max' nor a factor above 0 and up to 10000").arg(text);
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
            result.error = CommandLineText::tr("--screenshot-after-ms: '%1' is not a number of milliseconds from 0 to 3600000")
                               .arg(parser.value(screenshotAfter));
            return result;
        }
    }
    return result;
}

} // namespace vigil
