#include "CommandHelp.h"

#include <QCoreApplication>

#include <algorithm>
#include <iterator>

namespace vigil {

namespace {

/// The same translation context as CommandLine.cpp's texts: one place for translators.
struct CommandLineText {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

/// One command's help: what `vigil WORDS --help` prints. `text` holds its usage, what it
/// does and its own options; the options every command on a data directory takes follow
/// when `common` says so, then the examples.
struct HelpTopic {
    const char *words;
    const char *text;
    const char *examples;
    bool common = true;
};

const char *kCommonOptions = QT_TRANSLATE_NOOP(
    "CommandLine", "  --config FILE        the configuration (default: ~/.config/vigil/vigil.toml if it\n"
                   "                       exists, else the built-in defaults)\n"
                   "  --data-dir DIR       the data directory, which must exist (default: the\n"
                   "                       configuration's [paths] data_dir, else the user's data directory)\n");

const char *kOverview = QT_TRANSLATE_NOOP(
    "CommandLine", "usage: vigil [COMMAND] [options]\n"
                   "\n"
                   "Vigil: the operator console for automated trading.\n"
                   "\n"
                   "Commands:\n"
                   "  (none), run          open the console on the built-in simulator; run --headless:\n"
                   "                       one session without a window\n"
                   "  config check FILE    validate a configuration file\n"
                   "  journal verify       check the journal's integrity and invariants\n"
                   "  audit verify|export  check the audit trail's hash chain; write its records as CSV\n"
                   "  ctl VERB             control the vigil running on a data directory: status, pause,\n"
                   "                       resume, halt, kill, flatten, maintenance, enable, reconcile,\n"
                   "                       resolve, unblock, drill, ack\n"
                   "  backup create|list|verify|prune\n"
                   "                       verified archives of the journal, the broker's file and the\n"
                   "                       configuration\n"
                   "  restore BACKUP       restore a backup into the data directory\n"
                   "  report               write a day's report as a PDF\n"
                   "  incident list|show|export\n"
                   "                       the incidents and their root-cause analyses\n"
                   "  check premarket|eod  run a checklist\n"
                   "  bot add|list|revoke  the key pairs of the bots that trade through the gateway\n"
                   "  broker set-keys|keys|delete-keys\n"
                   "                       Alpaca's API keys in the OS keyring\n"
                   "  alerts test|set-secret|delete-secret\n"
                   "                       the alert channels: a test alert, their secrets\n"
                   "\n"
                   "Options:\n"
                   "  -h, --help           print this help, or a command's: vigil COMMAND --help\n"
                   "  -v, --version        print the version\n");

const char *kOverviewExamples =
    QT_TRANSLATE_NOOP("CommandLine", "  vigil                                  the console, a simulated day at 60x\n"
                                     "  vigil ctl --help                       the ctl verbs\n"
                                     "  vigil ctl drill --help                 the drills and their options\n");

// The topics, one per command and per ctl verb. lupdate reads the texts from the
// QT_TRANSLATE_NOOP markers; commandHelp() translates them when it prints one.
const HelpTopic kTopics[] = {
    {"run",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil [run] [--seed N] [--speed F|max] [--date DAY] [options]\n"
                       "       vigil run --headless [--summary-json FILE] [options]\n"
                       "\n"
                       "Runs one simulated trading day (09:30-16:00 New York) in the console, or without a\n"
                       "window to its close (--headless: the day's report, its backup and the end-of-day\n"
                       "checklist follow). A day already in the journal resumes where it stopped.\n"
                       "\n"
                       "Options:\n"
                       "  --headless           no window; exit 1 if the books disagree at the close\n"
                       "  --seed N             the simulator's seed (default 1); a resumed day needs its own\n"
                       "  --speed F|max        simulated seconds per second (default: max headless, the\n"
                       "                       configuration's in the console)\n"
                       "  --date DAY           the trading day, YYYY-MM-DD (default: today in New York)\n"
                       "  --summary-json FILE  headless: write the session's summary here\n"
                       "  --screenshot FILE    console: save a picture of the window to FILE (PNG) and quit\n"
                       "  --screenshot-after-ms MS  how long to run first (default 3000)\n"
                       "  --restore BACKUP     console: open the restore wizard on BACKUP before anything\n"
                       "                       starts; the restored books come back paused\n"
                       "  --new-book           console: on a data directory with no books, start a new book\n"
                       "                       without asking\n"),
     QT_TRANSLATE_NOOP("CommandLine",
                       "  vigil run --headless --seed 42 --date 2026-11-20 --data-dir /tmp/vigil \\\n"
                       "            --summary-json /tmp/vigil/summary.json\n"
                       "  vigil --speed 120 --data-dir /tmp/vigil\n"
                       "  vigil --restore ~/vigil-backup-20261120T210000Z-daily.tar --data-dir /tmp/vigil\n")},
    {"config",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil config check FILE\n"
                       "\n"
                       "Validates a configuration file: every key, type and range. Each error names the file,\n"
                       "line, key and reason. Exit status: 0 valid, 1 not valid or not readable.\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil config check my-vigil.toml\n"), false},
    {"journal",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil journal verify [options]\n"
                       "\n"
                       "Checks the journal's integrity and invariants: SQLite integrity, every order's fills\n"
                       "against its state, position checkpoints against the fills. Each problem is listed.\n"
                       "Exit status: 0 sound, 1 a problem or no journal, 2 bad arguments.\n"
                       "\n"
                       "Options:\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil journal verify --data-dir /tmp/vigil\n")},
    {"audit",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil audit verify [--anchor ID:HASH]... [--json] [--backups-dir DIR] [options]\n"
                       "       vigil audit export --from DAY --to DAY --out FILE.csv [options]\n"
                       "\n"
                       "verify: checks the audit trail's hash chain, that it covers every order event and\n"
                       "fill, and that it still holds every copy of its head: the anchor file beside the\n"
                       "journal, each backup's manifest and each --anchor. export: the records of those days.\n"
                       "More: vigil audit verify --help, vigil audit export --help.\n"
                       "\n"
                       "Options:\n"),
     QT_TRANSLATE_NOOP(
         "CommandLine",
         "  vigil audit verify --data-dir /tmp/vigil\n"
         "  vigil audit export --from 2026-11-20 --to 2026-11-20 --out audit.csv --data-dir /tmp/vigil\n")},
    {"audit verify",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil audit verify [--anchor ID:HASH]... [--json] [--backups-dir DIR] [options]\n"
                       "\n"
                       "Checks the audit trail's hash chain, that it covers every order event and fill, that\n"
                       "each order's state matches its last event, and that the chain still holds the head\n"
                       "kept in the anchor file beside the journal, in every backup's manifest and in each\n"
                       "--anchor (a hash from a daily report, say). Exit status: 0 it holds, 1 it does not.\n"
                       "\n"
                       "Options:\n"
                       "  --anchor ID:HASH     an audit head kept elsewhere, which the chain must hold\n"
                       "                       (repeatable)\n"
                       "  --json               print the result as JSON\n"
                       "  --backups-dir DIR    the backups whose manifests are checked (default: [backup]\n"
                       "                       dir, else DATA_DIR/backups)\n"),
     QT_TRANSLATE_NOOP("CommandLine",
                       "  vigil audit verify --data-dir /tmp/vigil\n"
                       "  vigil audit verify --json --backups-dir /mnt/backups --data-dir /tmp/vigil\n")},
    {"audit export",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil audit export --from DAY --to DAY --out FILE.csv [options]\n"
                       "\n"
                       "Writes the audit records of the days from DAY to DAY (YYYY-MM-DD) as CSV. The folder\n"
                       "of FILE.csv must exist. Exit status: 0 written, 1 failed, 2 bad arguments.\n"
                       "\n"
                       "Options:\n"
                       "  --from DAY           the first day\n"
                       "  --to DAY             the last day\n"
                       "  --out FILE.csv       the file to write\n"),
     QT_TRANSLATE_NOOP(
         "CommandLine",
         "  vigil audit export --from 2026-11-20 --to 2026-11-20 --out audit.csv --data-dir /tmp/vigil\n")},
    {"ctl",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl VERB [arguments] [options]\n"
                       "\n"
                       "Controls the vigil (console or headless) running on the data directory, over a local\n"
                       "socket only the same user can open. Every verb but status and reconcile needs\n"
                       "--reason TEXT, which is recorded in the audit trail.\n"
                       "\n"
                       "Verbs (vigil ctl VERB --help for each):\n"
                       "  status               the state, P&L, positions, limits and reconciliation\n"
                       "  pause, halt, kill    reduce-only; no new orders; the kill switch\n"
                       "  resume               back to ACTIVE (after a halt or kill: --ack)\n"
                       "  flatten              close positions and wait for the broker to confirm flat\n"
                       "  maintenance          enter or exit planned maintenance\n"
                       "  enable STRATEGY      let a stopped strategy trade again\n"
                       "  reconcile            compare the books with the broker's now\n"
                       "  resolve, unblock     settle a difference the reconciliation found\n"
                       "  drill NAME           a rehearsal on the simulator\n"
                       "  ack ALERT            acknowledge an alert: it stops escalating\n"
                       "  incident-open, incident-set, incident-note, incident-sign-off\n"
                       "                       open an incident, fill in its analysis, sign it off\n"
                       "\n"
                       "Exit status: 0 done, 1 refused or failed, 2 bad arguments, 3 no vigil answers,\n"
                       "4 (reconcile) the books differ.\n"
                       "\n"
                       "Options:\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil ctl status --json --data-dir /tmp/vigil\n"
                                      "  vigil ctl pause --reason \"FOMC at 14:00\" --data-dir /tmp/vigil\n")},
    {"ctl status",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl status [--json] [options]\n"
                       "\n"
                       "The running vigil's state and who set it, P&L, exposure, open positions, working\n"
                       "orders, the distance to every limit, the last reconciliation and each critical alert\n"
                       "nobody has acknowledged yet. Money is given as exact decimal strings.\n"
                       "\n"
                       "Options:\n"
                       "  --json               print it as JSON\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil ctl status --data-dir /tmp/vigil\n"
                                      "  vigil ctl status --json --data-dir /tmp/vigil\n")},
    {"ctl pause",
     QT_TRANSLATE_NOOP("CommandLine", "usage: vigil ctl pause --reason TEXT [options]\n"
                                      "\n"
                                      "Pauses trading: reduce-only, exits and risk-reducing orders only. Resume with\n"
                                      "'vigil ctl resume'.\n"
                                      "\n"
                                      "Options:\n"
                                      "  --reason TEXT        why (recorded in the audit trail); required\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil ctl pause --reason \"FOMC at 14:00\" --data-dir /tmp/vigil\n")},
    {"ctl halt",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl halt --reason TEXT [options]\n"
                       "\n"
                       "Halts trading: no new orders, working orders cancelled; positions stay. Resuming\n"
                       "needs an acknowledgement (vigil ctl resume --ack).\n"
                       "\n"
                       "Options:\n"
                       "  --reason TEXT        why (recorded in the audit trail); required\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil ctl halt --reason \"broker outage\" --data-dir /tmp/vigil\n")},
    {"ctl kill",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl kill --reason TEXT [options]\n"
                       "\n"
                       "The kill switch: halts trading and flattens every position. It stays latched until an\n"
                       "operator resets it (vigil ctl resume --ack).\n"
                       "\n"
                       "Options:\n"
                       "  --reason TEXT        why (recorded in the audit trail); required\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil ctl kill --reason \"runaway strategy\" --data-dir /tmp/vigil\n")},
    {"ctl resume",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl resume --reason TEXT [--ack TEXT] [--override-sign-off] [options]\n"
                       "\n"
                       "Back to ACTIVE from PAUSED, HALTED or KILLED. After a halt or the kill switch, --ack\n"
                       "says what you checked. While a level-3 incident is not signed off, resuming is\n"
                       "refused (vigil ctl incident-sign-off), unless --override-sign-off, which the audit\n"
                       "trail records as an override of the incidents it names.\n"
                       "\n"
                       "Options:\n"
                       "  --reason TEXT        why (recorded in the audit trail); required\n"
                       "  --ack TEXT           what you acknowledge about the halt or kill\n"
                       "  --override-sign-off  resume although a level-3 incident is not signed off\n"),
     QT_TRANSLATE_NOOP(
         "CommandLine",
         "  vigil ctl resume --reason \"broker back\" --ack \"positions checked\" --data-dir /tmp/vigil\n")},
    {"ctl flatten",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl flatten [--strategy NAME | --symbol SYM] --reason TEXT [--timeout S]\n"
                       "                         [options]\n"
                       "\n"
                       "Closes positions at the market (everything, one strategy's or one symbol's) and\n"
                       "waits until the broker's fills confirm flat. Flattening everything pauses an ACTIVE\n"
                       "session first.\n"
                       "\n"
                       "Options:\n"
                       "  --strategy NAME      only this strategy's positions\n"
                       "  --symbol SYM         only this symbol\n"
                       "  --reason TEXT        why (recorded in the audit trail); required\n"
                       "  --timeout S          seconds to wait for flat (default 60; 0: do not wait)\n"),
     QT_TRANSLATE_NOOP("CommandLine",
                       "  vigil ctl flatten --symbol AAPL --reason \"earnings\" --data-dir /tmp/vigil\n")},
    {"ctl maintenance",
     QT_TRANSLATE_NOOP("CommandLine", "usage: vigil ctl maintenance enter --message TEXT [--reason TEXT] [options]\n"
                                      "       vigil ctl maintenance exit --reason TEXT [options]\n"
                                      "\n"
                                      "Planned work: trading stops and the console shows the banner until maintenance\n"
                                      "ends; exit returns to the state it was entered from.\n"
                                      "\n"
                                      "Options:\n"
                                      "  --message TEXT       enter: the banner; required\n"
                                      "  --reason TEXT        why (recorded in the audit trail); required to exit\n"),
     QT_TRANSLATE_NOOP("CommandLine",
                       "  vigil ctl maintenance enter --message \"upgrade until 10:00\" --data-dir /tmp/vigil\n"
                       "  vigil ctl maintenance exit --reason \"upgrade done\" --data-dir /tmp/vigil\n")},
    {"ctl enable",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl enable STRATEGY --reason TEXT [options]\n"
                       "\n"
                       "Lets a strategy stopped by the execution throttle, a flatten or the kill switch trade\n"
                       "again. STRATEGY is its key (e.g. intraday_mean_reversion).\n"
                       "\n"
                       "Options:\n"
                       "  --reason TEXT        why (recorded in the audit trail); required\n"),
     QT_TRANSLATE_NOOP("CommandLine",
                       "  vigil ctl enable swing_momentum --reason \"throttle cleared\" --data-dir /tmp/vigil\n")},
    {"ctl reconcile",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl reconcile [--json] [options]\n"
                       "\n"
                       "Compares the books with the broker's statement now, records the run and lists each\n"
                       "difference with the 'vigil ctl resolve' line that settles it. Exit status: 0 the\n"
                       "books agree, 4 they differ, 1 the run is incomplete.\n"
                       "\n"
                       "Options:\n"
                       "  --json               print the run as JSON\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil ctl reconcile --data-dir /tmp/vigil\n")},
    {"ctl resolve",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl resolve position SYMBOL|order ID adopt|flatten|cancel|accept\n"
                       "                         --reason NOTE [options]\n"
                       "       vigil ctl resolve cash accept --reason NOTE [options]\n"
                       "\n"
                       "Settles a difference the reconciliation found (the keys are in 'vigil ctl\n"
                       "reconcile'): adopt the broker's view, flatten the position, cancel an order the\n"
                       "books do not know at the broker, or accept it with a note (a cash difference\n"
                       "can only be accepted).\n"
                       "\n"
                       "Options:\n"
                       "  --reason NOTE        why (recorded in the audit trail); required\n"),
     QT_TRANSLATE_NOOP(
         "CommandLine",
         "  vigil ctl resolve position MSFT adopt --reason \"bought by the desk\" --data-dir /tmp/vigil\n")},
    {"ctl unblock",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl unblock SYMBOL --reason TEXT [options]\n"
                       "\n"
                       "Lets new entries in SYMBOL through although its books differ from the broker's, until\n"
                       "a run finds another difference there.\n"
                       "\n"
                       "Options:\n"
                       "  --reason TEXT        why (recorded in the audit trail); required\n"),
     QT_TRANSLATE_NOOP("CommandLine",
                       "  vigil ctl unblock KO --reason \"difference explained\" --data-dir /tmp/vigil\n")},
    {"ctl drill",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl drill NAME [--symbol SYM | --order ID] [--amount N] --reason TEXT\n"
                       "                       [options]\n"
                       "\n"
                       "A rehearsal, simulator only: the paper broker or the feed does what a real one might.\n"
                       "The answer says what the drill did, or why it could not (exit 1).\n"
                       "\n"
                       "Drills:\n"
                       "  broker-manual-close  a position closed by hand at the broker (default: the largest)\n"
                       "  broker-cancel-order  a working order cancelled behind the engine's back\n"
                       "  broker-manual-order  an order placed by hand at the broker, far from the market\n"
                       "  broker-manual-trade  shares bought by hand at the market (default 10)\n"
                       "  broker-disconnect    the broker unreachable for N seconds (default 30)\n"
                       "  broker-error-burst   the next N orders answered with an error (default 5)\n"
                       "  feed-silence         no market data for N seconds (default 30)\n"
                       "\n"
                       "Options:\n"
                       "  --symbol SYM         the symbol the drill aims at\n"
                       "  --order ID           broker-cancel-order: the client order id (default: the oldest)\n"
                       "  --amount N           seconds, orders or shares, from 1 to 3600\n"
                       "  --reason TEXT        why (recorded in the audit trail); required\n"),
     QT_TRANSLATE_NOOP(
         "CommandLine",
         "  vigil ctl drill broker-manual-close --symbol AAPL --reason rehearsal --data-dir /tmp/vigil\n")},
    {"backup",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil backup create|list|verify|prune [options]\n"
                       "\n"
                       "Backups: one verified archive (tar) of the journal, the paper broker's file and the\n"
                       "configuration, never secrets. vigil backup SUBCOMMAND --help for each:\n"
                       "  create               make a backup now\n"
                       "  list                 the backups, newest first, with their verification\n"
                       "  verify [BACKUP]      check one backup or every one\n"
                       "  prune                delete what retention does not keep\n"
                       "\n"
                       "Options:\n"
                       "  --backups-dir DIR    where backups are kept, which must exist (default: [backup]\n"
                       "                       dir, else DATA_DIR/backups)\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil backup create --data-dir /tmp/vigil\n")},
    {"backup create",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil backup create [--type T] [--include-logs] [--backups-dir DIR] [options]\n"
                       "\n"
                       "Snapshots the journal, the paper broker's file and the configuration (never secrets)\n"
                       "into one archive, verifies it and prints its path last. Works while vigil trades.\n"
                       "Exit status: 0 verified, 1 failed, 2 bad arguments.\n"
                       "\n"
                       "Options:\n"
                       "  --type T             manual (default), daily, pre-restore, pre-migration, intraday\n"
                       "  --include-logs       also the logs\n"
                       "  --backups-dir DIR    where to write it, which must exist (default: [backup] dir,\n"
                       "                       else DATA_DIR/backups)\n"),
     QT_TRANSLATE_NOOP("CommandLine",
                       "  vigil backup create --data-dir /tmp/vigil\n"
                       "  vigil backup create --type daily --include-logs --backups-dir /mnt/backups\n")},
    {"backup list",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil backup list [--json] [--backups-dir DIR] [options]\n"
                       "\n"
                       "The backups, newest first: time, type, size, verified or BAD, age. Warns when there\n"
                       "is none, none verified, or the newest verified one is over a day old.\n"
                       "\n"
                       "Options:\n"
                       "  --json               print the list as JSON\n"
                       "  --backups-dir DIR    where backups are kept, which must exist (default: [backup]\n"
                       "                       dir, else DATA_DIR/backups)\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil backup list --data-dir /tmp/vigil\n")},
    {"backup verify",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil backup verify [BACKUP] [--backups-dir DIR] [options]\n"
                       "\n"
                       "Checks one backup (a file, or a name in the backups directory), or every one:\n"
                       "checksums, SQLite integrity, schema. A failing backup is marked bad.\n"
                       "Exit status: 0 all verified, 1 one is bad or missing.\n"
                       "\n"
                       "Options:\n"
                       "  --backups-dir DIR    where backups are kept, which must exist (default: [backup]\n"
                       "                       dir, else DATA_DIR/backups)\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil backup verify --data-dir /tmp/vigil\n"
                                      "  vigil backup verify /mnt/backups/vigil-backup-20261120T210000Z-daily.tar\n")},
    {"backup prune",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil backup prune [--keep-daily N] [--keep-weekly N] [--keep-monthly N]\n"
                       "                          [--dry-run] [--backups-dir DIR] [options]\n"
                       "\n"
                       "Deletes what retention does not keep: the newest backup of each of the last N days,\n"
                       "weeks and months ([backup] keep_*: 30, 12, 12 by default); other types 90 days, the\n"
                       "newest 5 of each. Never the newest verified backup.\n"
                       "\n"
                       "Options:\n"
                       "  --keep-daily N       days of daily backups kept\n"
                       "  --keep-weekly N      weeks kept\n"
                       "  --keep-monthly N     months kept\n"
                       "  --dry-run            say what would be deleted, delete nothing\n"
                       "  --backups-dir DIR    where backups are kept, which must exist (default: [backup]\n"
                       "                       dir, else DATA_DIR/backups)\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil backup prune --dry-run --data-dir /tmp/vigil\n")},
    {"restore",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil restore BACKUP [--dry-run] [--only config|journal] [--yes] [options]\n"
                       "\n"
                       "Verifies BACKUP (a file, or a name in the backups directory), shows what would\n"
                       "change, takes a pre-restore safety backup, then swaps the files in, all or nothing.\n"
                       "Start vigil afterwards to reconcile with the broker.\n"
                       "Exit status: 0 done, 1 failed or the backup is bad, 2 bad arguments.\n"
                       "\n"
                       "Options:\n"
                       "  --dry-run            show what would change, change nothing\n"
                       "  --only config|journal  restore only the configuration or only the journal\n"
                       "  --yes                do not ask (every safety step still runs)\n"
                       "  --backups-dir DIR    where BACKUP may be named and the safety backup goes\n"
                       "                       (default: [backup] dir, else DATA_DIR/backups)\n"),
     QT_TRANSLATE_NOOP("CommandLine",
                       "  vigil restore vigil-backup-20261120T210000Z-daily.tar --dry-run --data-dir /tmp/vigil\n"
                       "  vigil restore BACKUP --only journal --yes --data-dir /tmp/vigil\n")},
    {"report",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil report [--date DAY] [--out FILE.pdf] [options]\n"
                       "\n"
                       "Writes the daily report of DAY (default: the journal's latest session) as a PDF and\n"
                       "prints its path. Exit status: 0 written, 1 failed, 2 bad arguments.\n"
                       "\n"
                       "Options:\n"
                       "  --date DAY           the day, YYYY-MM-DD\n"
                       "  --out FILE.pdf       the file to write, in a folder that exists (default:\n"
                       "                       DATA_DIR/reports/vigil-report-DAY.pdf)\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil report --data-dir /tmp/vigil\n"
                                      "  vigil report --date 2026-11-20 --out day.pdf --data-dir /tmp/vigil\n")},
    {"incident",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil incident list [--from DAY] [--to DAY] [--json] [options]\n"
                       "       vigil incident show ID [options]\n"
                       "       vigil incident export ID --format pdf|md [--out FILE] [options]\n"
                       "\n"
                       "The incidents the journal holds, each with its root-cause analysis as it stands\n"
                       "(the fields set with vigil ctl incident-set, its notes and its sign-off), the\n"
                       "timeline of alerts, trading states, operator actions, orders and fills from a\n"
                       "minute before it opened to its sign-off, and what it cost.\n"
                       "  list                 one line each: id, day, time opened (New York), cause, level,\n"
                       "                       OPEN or who signed it off, title\n"
                       "  show ID              the analysis record as Markdown\n"
                       "  export ID            the record as a PDF or Markdown file; prints its path\n"
                       "Exit status: 0 done, 1 no such incident or the journal cannot be read, 2 bad\n"
                       "arguments.\n"
                       "\n"
                       "Options:\n"
                       "  --from DAY, --to DAY list: only the incidents of these session days (YYYY-MM-DD)\n"
                       "  --json               list: print JSON\n"
                       "  --format pdf|md      export: the file's format (required)\n"
                       "  --out FILE           export: the file to write, in a folder that exists (default:\n"
                       "                       DATA_DIR/incidents/incident-ID.pdf or .md)\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil incident list --from 2026-11-20 --data-dir /tmp/vigil\n"
                                      "  vigil incident show 1234 --data-dir /tmp/vigil\n"
                                      "  vigil incident export 1234 --format pdf --data-dir /tmp/vigil\n")},
    {"check",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil check premarket|eod [--json] [options]\n"
                       "\n"
                       "Runs the pre-market or end-of-day checklist: through the vigil running on the data\n"
                       "directory (and recorded there), else from the data directory alone. Exit status:\n"
                       "0 nothing fails (warnings allowed), 1 an item fails.\n"
                       "\n"
                       "Options:\n"
                       "  --json               print the result as JSON\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil check premarket --data-dir /tmp/vigil\n"
                                      "  vigil check eod --json --data-dir /tmp/vigil\n")},
    {"bot",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil bot add NAME | vigil bot list | vigil bot revoke NAME|KEY_ID [options]\n"
                       "\n"
                       "The key pairs of the bots that trade through the Alpaca-compatible gateway ([gateway],\n"
                       "[[bots]]), kept in DATA_DIR/bot-keys.json: a key id, and only a salted hash of the\n"
                       "secret. vigil bot SUBCOMMAND --help for each:\n"
                       "  add NAME             a new key pair for bot NAME, printed once\n"
                       "  list                 every key: bot, key id, created, revoked\n"
                       "  revoke NAME|KEY_ID   the bot's keys, or one; refused from the next request\n"
                       "Each add and revoke is recorded in the audit trail.\n"
                       "\n"
                       "Options:\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil bot add alpha --data-dir /tmp/vigil\n"
                                      "  vigil bot revoke alpha --data-dir /tmp/vigil\n")},
    {"bot add",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil bot add NAME [options]\n"
                       "\n"
                       "Makes a key pair for bot NAME (1 to 32 of a-z, 0-9 and _; a [[bots]] entry of the\n"
                       "configuration) and prints its key id and secret once: give them to the bot as\n"
                       "APCA_API_KEY_ID and APCA_API_SECRET_KEY. Vigil keeps only a salted hash of the\n"
                       "secret; a lost secret is replaced by a new key. A bot may hold several keys.\n"
                       "Warns when the configuration has no [[bots]] entry NAME.\n"
                       "Exit status: 0 made, 1 failed, 2 bad arguments.\n"
                       "\n"
                       "Options:\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil bot add alpha --data-dir /tmp/vigil\n")},
    {"bot list",
     QT_TRANSLATE_NOOP("CommandLine", "usage: vigil bot list [options]\n"
                                      "\n"
                                      "Every key, oldest first: the bot, the key id, when it was made and when it was\n"
                                      "revoked (in force when not). Never a secret nor its hash.\n"
                                      "\n"
                                      "Options:\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil bot list --data-dir /tmp/vigil\n")},
    {"bot revoke",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil bot revoke NAME|KEY_ID [options]\n"
                       "\n"
                       "Revokes every key in force of bot NAME, or the one key KEY_ID. A running gateway\n"
                       "refuses it from the next request. Exit status: 0 revoked, 1 no key in force\n"
                       "matched (or it failed), 2 bad arguments.\n"
                       "\n"
                       "Options:\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil bot revoke alpha --data-dir /tmp/vigil\n"
                                      "  vigil bot revoke VKABCDEFGHIJKLMNOPQR --data-dir /tmp/vigil\n")},
    {"broker",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil broker set-keys|keys|delete-keys [--environment paper|live] [options]\n"
                       "\n"
                       "Alpaca's API keys, for [venue] kind = \"alpaca\": kept in the OS keyring (Secret\n"
                       "Service: service vigil, entry alpaca-paper or alpaca-live), never in a file. A server\n"
                       "without a keyring sets APCA_API_KEY_ID and APCA_API_SECRET_KEY instead; when both\n"
                       "are set they are used, not the keyring. vigil broker SUBCOMMAND --help for each:\n"
                       "  set-keys             store the key id and the secret, read from the terminal\n"
                       "  keys                 where the keys come from, and the key id masked\n"
                       "  delete-keys          remove the keys from the keyring\n"
                       "\n"
                       "Options:\n"
                       "  --environment paper|live\n"
                       "                       the account (default: the configuration's [venue]\n"
                       "                       environment, else paper)\n"
                       "  --config FILE        the configuration (default: ~/.config/vigil/vigil.toml if it\n"
                       "                       exists, else the built-in defaults)\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil broker set-keys --environment paper\n"
                                      "  vigil broker keys\n"),
     false},
    {"broker set-keys",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil broker set-keys [--environment paper|live] [options]\n"
                       "\n"
                       "Asks for the key id, then the secret (not shown as it is typed), and stores both in\n"
                       "the OS keyring, replacing the environment's keys there. When standard input is not\n"
                       "a terminal, its first line is the key id and its second the secret. Never from an\n"
                       "argument: other users (ps) and the shell's history would see it.\n"
                       "Exit status: 0 stored, 1 the keyring failed or is unreachable, 2 bad input.\n"
                       "\n"
                       "Options:\n"
                       "  --environment paper|live\n"
                       "                       the account (default: the configuration's, else paper)\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil broker set-keys --environment live\n"
                                      "  printf '%s\\n%s\\n' \"$ID\" \"$SECRET\" | vigil broker set-keys\n"),
     false},
    {"broker keys",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil broker keys [--environment paper|live] [options]\n"
                       "\n"
                       "Says where Vigil would take the environment's keys from (environment, keyring) and\n"
                       "the key id masked: its first characters and its length. Never the secret.\n"
                       "Exit status: 0 keys found, 1 none (or one variable of two, or the keyring\n"
                       "unreachable), 2 bad arguments.\n"
                       "\n"
                       "Options:\n"
                       "  --environment paper|live\n"
                       "                       the account (default: the configuration's, else paper)\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil broker keys --environment live\n"), false},
    {"broker delete-keys",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil broker delete-keys [--environment paper|live] [options]\n"
                       "\n"
                       "Removes the environment's keys from the OS keyring (none there is not an error).\n"
                       "The environment variables, if set, are not touched.\n"
                       "Exit status: 0 none left, 1 the keyring failed or is unreachable, 2 bad arguments.\n"
                       "\n"
                       "Options:\n"
                       "  --environment paper|live\n"
                       "                       the account (default: the configuration's, else paper)\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil broker delete-keys --environment paper\n"), false},
    {"alerts",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil alerts test [webhook|email] | vigil alerts set-secret|delete-secret\n"
                       "                       webhook|email [options]\n"
                       "\n"
                       "The channels that take alerts beyond the console ([alerts] webhook and email):\n"
                       "  test [CHANNEL]       send a test alert through each enabled channel (or CHANNEL)\n"
                       "                       now, and say what each did\n"
                       "  set-secret CHANNEL   store the webhook's token or the SMTP password in the OS\n"
                       "                       keyring (service vigil, entry alerts-webhook or alerts-email),\n"
                       "                       read from the terminal (not shown) or standard input's first\n"
                       "                       line, never from an argument\n"
                       "  delete-secret CHANNEL\n"
                       "                       remove it from the keyring\n"
                       "A server without a keyring sets VIGIL_ALERT_WEBHOOK_TOKEN or\n"
                       "VIGIL_ALERT_SMTP_PASSWORD instead. Acknowledge an alert with vigil ctl ack.\n"
                       "Exit status: 0 done (test: every channel delivered), 1 failed, 2 bad input or no\n"
                       "channel enabled.\n"
                       "\n"
                       "Options:\n"
                       "  --config FILE        the configuration (default: ~/.config/vigil/vigil.toml if it\n"
                       "                       exists, else the built-in defaults)\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil alerts test\n"
                                      "  vigil alerts set-secret webhook\n"),
     false},
    {"ctl ack",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl ack ALERT --reason TEXT [options]\n"
                       "\n"
                       "Acknowledges alert number ALERT (the console's Alerts panel, each delivered alert's\n"
                       "text and e-mail show it): you have seen it, and a critical one stops escalating to\n"
                       "the next channel. Recorded in the audit trail with your reason.\n"
                       "\n"
                       "Options:\n"
                       "  --reason TEXT        what is being done about it (recorded); required\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil ctl ack 1234 --reason \"looking at the feed\" --data-dir /tmp/vigil\n")},
    {"ctl incident-open",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl incident-open --level 2|3 --reason TITLE [options]\n"
                       "\n"
                       "Opens an incident by hand (the engine opens one by itself for the kill switch, a\n"
                       "halt, a storage failure, a reconciliation difference, market data or the broker away\n"
                       "too long, and a burst of refused orders). A level-3 incident holds a resume until it\n"
                       "is signed off. Prints its number.\n"
                       "\n"
                       "Options:\n"
                       "  --level 2|3          2: the operator should act; 3: critical\n"
                       "  --reason TITLE       what happened; required\n"),
     QT_TRANSLATE_NOOP("CommandLine",
                       "  vigil ctl incident-open --level 2 --reason \"fills slow on NVDA\" --data-dir /tmp/vigil\n")},
    {"ctl incident-set",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl incident-set INCIDENT FIELD --reason TEXT [options]\n"
                       "\n"
                       "Sets one field of an open incident's root-cause analysis to TEXT (at most 8000\n"
                       "bytes; the whole text is journaled and audited). FIELD is one of summary,\n"
                       "root_cause, contributing_factors, actions_taken, preventive_immediate,\n"
                       "preventive_short_term, preventive_long_term. The console's Incidents panel edits the\n"
                       "same fields.\n"
                       "\n"
                       "Options:\n"
                       "  --reason TEXT        the field's new text; required\n"),
     QT_TRANSLATE_NOOP("CommandLine", "  vigil ctl incident-set 1234 root_cause --reason \"vendor outage\" --data-dir "
                                      "/tmp/vigil\n")},
    {"ctl incident-note",
     QT_TRANSLATE_NOOP("CommandLine", "usage: vigil ctl incident-note INCIDENT --reason TEXT [options]\n"
                                      "\n"
                                      "Adds an annotation to an open incident's timeline.\n"
                                      "\n"
                                      "Options:\n"
                                      "  --reason TEXT        the note; required\n"),
     QT_TRANSLATE_NOOP("CommandLine",
                       "  vigil ctl incident-note 1234 --reason \"vendor called back\" --data-dir /tmp/vigil\n")},
    {"ctl incident-sign-off",
     QT_TRANSLATE_NOOP("CommandLine",
                       "usage: vigil ctl incident-sign-off INCIDENT --reason NOTE [options]\n"
                       "\n"
                       "Signs an incident off under your name: it is closed and takes no more changes, and a\n"
                       "level-3 incident no longer holds a resume.\n"
                       "\n"
                       "Options:\n"
                       "  --reason NOTE        the sign-off's note; required\n"),
     QT_TRANSLATE_NOOP("CommandLine",
                       "  vigil ctl incident-sign-off 1234 --reason \"cause fixed\" --data-dir /tmp/vigil\n")},
};

/// The topic named by the longest prefix of `words`; null when the first word names none.
const HelpTopic *topicOf(const QStringList &words)
{
    const HelpTopic *found = nullptr;
    for (qsizetype n = 1; n <= words.size(); ++n) {
        const QString key = words.mid(0, n).join(QLatin1Char(' '));
        const auto it = std::find_if(std::begin(kTopics), std::end(kTopics),
                                     [&key](const HelpTopic &t) { return key == QLatin1String(t.words); });
        if (it != std::end(kTopics))
            found = &*it;
        else if (n == 1)
            return nullptr;
    }
    return found;
}

} // namespace

QString commandHelp(const QStringList &words)
{
    if (words.isEmpty())
        return CommandLineText::tr(kOverview) + QLatin1Char('\n') + CommandLineText::tr("Examples:\n")
               + CommandLineText::tr(kOverviewExamples);
    const HelpTopic *topic = topicOf(words);
    if (!topic)
        return {};
    QString text = CommandLineText::tr(topic->text);
    if (topic->common)
        text += CommandLineText::tr(kCommonOptions);
    return text + QLatin1Char('\n') + CommandLineText::tr("Examples:\n") + CommandLineText::tr(topic->examples);
}

QString helpHint(const QStringList &words)
{
    const HelpTopic *topic = topicOf(words);
    return topic ? QStringLiteral("vigil %1 --help").arg(QLatin1String(topic->words)) : QStringLiteral("vigil --help");
}

} // namespace vigil
