#pragma once
// The command line: modes, options and their validation. Main thread only.

#include "api/AuditChain.h"
#include "api/BackupCatalog.h"
#include "api/Commands.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/Restore.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace vigil {

enum class Mode {
    Console,
    Headless,
    ConfigCheck,
    JournalVerify,
    AuditVerify,
    AuditExport,
    Control,
    BackupCreate,
    BackupList,
    BackupVerify,
    BackupPrune,
    Restore,
    Report,
    ListIncidents,
    ShowIncident,
    ExportIncident,
    Check,
    BotAdd,
    BotList,
    BotRevoke,
    BrokerSetKeys,
    BrokerKeys,
    BrokerDeleteKeys,
    AlertsTest,
    AlertsSetSecret,
    AlertsDeleteSecret,
    Version,
    Help
};

/// `vigil backup ...`
struct BackupArguments {
    BackupType type = BackupType::Manual;                  ///< create
    bool includeLogs = false;                              ///< create
    QString backupsDir;                                    ///< empty: DATA_DIR/backups
    QString file;                                          ///< verify: one backup (empty: every one)
    std::optional<int> keepDaily, keepWeekly, keepMonthly; ///< prune: over the configuration's [backup] keep_*
    bool dryRun = false;                                   ///< prune, restore: say what would happen, change nothing
    RestoreScope scope = RestoreScope::All;                ///< restore --only
    bool yes = false;                                      ///< restore: no questions (every safety step still runs)
};

struct CommandLine {
    Mode mode = Mode::Console;
    QString configFile; ///< empty: the user's config file if present, else built-in defaults
    QString dataDir;
    QString summaryJson;    ///< headless
    QString checkFile;      ///< config check
    QString screenshotFile; ///< console: grab the window to this file and quit
    int screenshotAfterMs = 3000;
    QString restoreFile;  ///< console: open the restore wizard on this backup before anything starts
    bool newBook = false; ///< console: a data directory with no books starts a new one without asking
    RunOptions run;
    QString auditFrom, auditTo, auditOut;  ///< audit export: the days (YYYY-MM-DD) and the CSV file
    std::vector<AuditAnchor> auditAnchors; ///< audit verify --anchor: heads kept elsewhere
    Command control;                       ///< ctl: the command for the running instance (its actor is set there)
    bool json = false;                     ///< ctl, backup list: print JSON
    BackupArguments backup;
    QString reportDate; ///< report: YYYY-MM-DD (empty: the journal's latest session)
    QString reportOut;  ///< report: the PDF (empty: DATA_DIR/reports/vigil-report-DATE.pdf)
    QString checklist;  ///< check: premarket or eod
    QString bot;        ///< bot add: the bot's name; bot revoke: a bot's name or a key id
    std::optional<AlpacaEnvironment> brokerEnvironment; ///< broker: --environment (none: the configuration's)
    QString alertChannel; ///< alerts: "webhook" or "email" (test: empty for every enabled one)
    int waitMs = 60'000;  ///< ctl flatten: how long to wait for the broker to confirm flat (0: not at all)
    // vigil incident list|show|export
    std::uint64_t incident = 0; ///< show, export: the incident's id
    QString incidentFrom;       ///< list --from: the first session day, YYYY-MM-DD (empty: no bound)
    QString incidentTo;         ///< list --to: the last session day (empty: no bound)
    QString incidentFormat;     ///< export: "pdf" or "md"
    QString incidentOut;        ///< export: the file (empty: DATA_DIR/incidents/incident-ID.FORMAT)

    QString helpText;
};

struct ParseResult {
    CommandLine commandLine;
    QString error;    ///< empty when the command line is good
    QString helpHint; ///< where to look after an error: "vigil ctl drill --help"
};

/// Parses arguments (argv[0] included). Needs a Q(Core)Application.
ParseResult parseCommandLine(const QStringList &arguments);
/// The first path the command line names that must exist and does not (the --config file,
/// config check's FILE, --backups-dir, the folder of --out), said as an error naming it;
/// empty when every one exists. Nothing is
/// created: a mistyped path must not become a new folder. (The data directory is checked
/// by dataDirectoryProblem() once it is known.)
QString missingPath(const CommandLine &cl);
/// Why the commands that read a data directory cannot use `dataDir` (it does not exist,
/// or is not a directory), or empty. The console, a run and a restore make theirs.
QString dataDirectoryProblem(const CommandLine &cl, const QString &dataDir);
/// Today's date in New York, the trading day a live console would run.
Date todayInNewYork();

} // namespace vigil
