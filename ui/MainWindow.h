#pragma once
// The operator's main window: trading state, P&L, equity curve, positions, strategies
// and system health, all from the engine's latest snapshot.
//
// Thread affinity: GUI thread only. The snapshot source is called on the GUI thread by
// one refresh timer (about 15 Hz) and must not block (Engine::snapshot() does not). A
// snapshot whose version was already shown is ignored, so bursts of publications
// collapse into one refresh and the GUI never waits for the engine.

#include "Theme.h"
#include "api/AuditTrail.h"
#include "api/BackupCatalog.h"
#include "api/BackupWriter.h"
#include "api/Checklist.h"
#include "api/Commands.h"
#include "api/Config.h"
#include "api/EndOfDay.h"
#include "api/Reconciliation.h"
#include "api/Snapshot.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QCheckBox;
class QDockWidget;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace vigil {

class BackupMonitor;
class ChecklistPanel;
class ControlBar;
class DesktopAlerts;
class IncidentsPanel;
class ReconciliationPanel;
class EquityChart;
class ExecutionPanel;
class HeaderStrip;
class HealthPanel;
class AlertsModel;
class AuditModel;
class FillsModel;
class OrdersModel;
class ExposureChart;
class LatencyChart;
class LimitsModel;
class PnlChart;
class PnlTiles;
class PositionsModel;
class StrategiesModel;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    using SnapshotSource = std::function<std::shared_ptr<const Snapshot>()>;
    /// The newest audit records (Engine::auditTrail()); polled by the same timer, must not block.
    using AuditSource = std::function<std::shared_ptr<const AuditTrail>()>;
    /// Hands a command to the engine without blocking; the answer may come on any thread.
    using CommandSink = std::function<void(Command, std::function<void(const CommandResult &)>)>;
    static constexpr int kRefreshIntervalMs = 66;

    /// Without a command sink the window only shows (its controls stay disabled).
    explicit MainWindow(SnapshotSource source, CommandSink commands = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// The panels the operator can move, float, stack or close (View menu); their layout and
    /// the window's geometry persist in QSettings (group "mainWindow"), the panels' own
    /// choices (the latency path shown, the audit trail's order and fill records) in group
    /// "preferences".
    const std::vector<QDockWidget *> &docks() const { return m_docks; }
    void saveLayout() const;
    void resetLayout();

    /// Where the audit trail dock reads its records (none: it says there is no journal).
    void setAuditSource(AuditSource source);
    /// Tells the operator's desktop of new alerts (a tray icon in the trading state's
    /// colour, notifications; see DesktopAlerts) unless `desktop` is disabled.
    void setDesktopAlerts(const DesktopChannelConfig &desktop);
    DesktopAlerts *desktopAlerts() const { return m_desktopAlerts; }
    /// What Alerts > Send a test alert sends through the webhook and e-mail channels: runs
    /// off the GUI thread and returns what happened ("delivered in 85 ms", or why not).
    /// `enabled`: the channels [alerts] enables (the others' entries stay disabled).
    using AlertTester = std::function<QString(AlertChannelKind)>;
    void setAlertTester(AlertTester tester, std::vector<AlertChannelKind> enabled);
    /// Sends a test alert through `channel` ("desktop", "webhook" or "email"); the outcome is
    /// shown in the status bar and signalled as alertTested().
    void sendTestAlert(const QString &channel);
    /// The journal the Incidents panel reads each incident's timeline from and exports
    /// (none: it shows the incidents without their timeline).
    void setIncidentJournal(const QString &journal);
    /// What File > Back up now backs up (the data directory, the configuration in use);
    /// without it the File menu's backup is disabled. It also starts the backup monitor:
    /// the status bar's backup age (red when none is verified or the newest is over 24 h
    /// old) and the daily backup after each session's close, pruned by `retention`.
    void setBackupRequest(BackupRequest request, RetentionPolicy retention = {});
    BackupMonitor *backupMonitor() const { return m_backupMonitor; }
    /// The last reconciliation with the broker, in the status bar: red while the books
    /// disagree, amber while the broker's statement could not be compared.
    void setReconciliation(const ReconciliationResult &result);
    /// The configuration's venue: the header shows a real broker's account (LIVE, PAPER) and
    /// Broker > Broker keys… opens on its environment.
    void setVenue(const VenueConfig &venue);
    QString reconciliationText() const;
    QString backupStatusText() const;

    /// How the checklists panel runs a checklist (gathered, judged and recorded off the GUI
    /// thread; the result comes back through showChecklist()). Without it the panel only shows.
    void setChecklistRunner(std::function<void(ChecklistKind kind, const std::string &startedBy)> run);
    /// A checklist's result, from any run (the schedule, the panel, `vigil check`).
    void showChecklist(const ChecklistResult &result);
    /// File > Export daily report: the report of the session on screen, written off the
    /// GUI thread; `done` (GUI thread) gets the file and the error, if any.
    void exportDailyReport(const QString &file,
                           std::function<void(const QString &file, const QString &error)> done = {});
    /// The close's progress (api/EndOfDay.h), as it changes: each step is shown once, where
    /// the operator looks for it: the reconciliation in the status bar, the report being
    /// written and then written (or a warning that it was not), the checklist in its panel.
    /// The daily backup shows in the backup monitor's status.
    void showEndOfDay(const EndOfDayProgress &progress);

    /// Polls the source now (as the refresh timer does) and shows a new snapshot.
    void refreshNow();

    /// Closing the window (File > Quit, the window's close button) while the session is
    /// open asks first, saying what quitting does to the working orders (quitConsequences).
    /// This closes without asking: a signal to stop (SIGTERM, SIGINT, SIGHUP) is the answer.
    void closeWithoutAsking();
    /// What quitting now does to the working orders and positions: nothing is cancelled.
    static QString quitConsequences(const Snapshot &snapshot);

    /// True until a snapshot of a started session (phase other than NotStarted) arrives.
    bool isWaitingForEngine() const;
    /// The trading-state badge: "ACTIVE", "PAUSED", "HALTED", "KILLED", "MAINTENANCE";
    /// empty before the first snapshot.
    QString stateText() const;
    /// The daily P&L tile, e.g. "+$1,234.50".
    QString dailyPnlText() const;
    /// The version of the snapshot on screen; 0 before the first.
    std::uint64_t shownVersion() const;
    /// How many snapshots were applied (an unchanged version is not applied again).
    int appliedSnapshotCount() const { return m_appliedCount; }

    PositionsModel *positionsModel() const { return m_positionsModel; }
    StrategiesModel *strategiesModel() const { return m_strategiesModel; }
    LimitsModel *limitsModel() const { return m_limitsModel; }
    AlertsModel *alertsModel() const { return m_alertsModel; }
    OrdersModel *ordersModel() const { return m_ordersModel; }
    FillsModel *fillsModel() const { return m_fillsModel; }
    AuditModel *auditModel() const { return m_auditModel; }
    QTableView *positionsView() const { return m_positionsView; }
    HeaderStrip *headerStrip() const { return m_header; }
    ControlBar *controlBar() const { return m_controls; }
    PnlTiles *pnlTiles() const { return m_tiles; }
    EquityChart *equityChart() const { return m_chart; }
    PnlChart *pnlChart() const { return m_pnl; }
    LatencyChart *latencyChart() const { return m_latency; }
    ExposureChart *exposureChart() const { return m_exposure; }
    HealthPanel *healthPanel() const { return m_health; }
    ExecutionPanel *executionPanel() const { return m_execution; }
    ReconciliationPanel *reconciliationPanel() const { return m_reconciliation; }
    QDockWidget *reconciliationDock() const { return m_reconciliationDock; }
    QDockWidget *incidentsDock() const { return m_incidentsDock; }
    IncidentsPanel *incidentsPanel() const { return m_incidents; }
    ChecklistPanel *checklistPanel() const { return m_checklists; }
    QDockWidget *checklistsDock() const { return m_checklistsDock; }
    QAction *exportReportAction() const { return m_exportReportAction; }
    QMenu *drillsMenu() const { return m_drillsMenu; }

Q_SIGNALS:
    /// After a new snapshot has been shown.
    void snapshotApplied(quint64 version);
    /// File > Restore from a backup, confirmed: halt trading, stop the engine and start
    /// again into the restore wizard (the restore must not run under a live engine).
    void restoreRequested(const QString &actor);
    /// A test alert went through `channel` (`ok`), or did not; `outcome` says which, and why.
    void alertTested(const QString &channel, bool ok, const QString &outcome);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    bool confirmQuit();
    bool m_closeWithoutAsking = false;
    static constexpr int kLayoutVersion = 9; ///< bump when the set of docks changes
    QWidget *buildWaitingPage();
    QWidget *buildStrategyEnabler();
    void showStrategyEnabler();
    const StrategyRow *selectedStrategy() const;
    QLabel *m_strategiesStopped = nullptr;
    QPushButton *m_enableStrategy = nullptr;
    void buildDocks();
    QDockWidget *addDock(const QString &title, const char *name, QWidget *content);
    /// Changing a dock's title lays the whole window out again (every dock's title width and
    /// height are measured anew): it was a third of each refresh's cost. Titles are
    /// therefore applied together, at most once every kTitleIntervalMs; the first ones at
    /// once. applyDockTitles() ends every refresh.
    /// `urgent`: a title that says something went wrong (a limit breached, latency over its
    /// threshold, the books differ) is applied with everything pending at once.
    void setDockTitle(QDockWidget *dock, const QString &title, bool urgent = false);
    void applyDockTitles();
    bool m_urgentTitle = false;
    int m_shownCritical = 0; ///< critical alerts in the applied ALERTS title
    static constexpr int kTitleIntervalMs = 1000;
    void restoreLayout();
    /// Brings the window inside its screen's available geometry (a saved or default size
    /// larger than this screen, a position off it).
    void fitToScreen();
    void showWholeTabTitles();
    void showAuditRecord();
    QWidget *buildDashboard();
    void apply(const Snapshot &snapshot);
    void showWaiting(const Snapshot *snapshot);
    void refreshAudit();
    void buildFileMenu();
    void buildDrillsMenu();
    void buildBrokerMenu();
    void buildAlertsMenu();
    void openBrokerKeys();
    void showReconciliationStatus(const QString &text, theme::Tone tone, const QString &tip);
    void backUpNow();
    void askForExport();
    void askForRestore();
    void showReportWriting(const QString &file);
    void showReportWritten(const QString &file, const QString &error, int pages);
    QString dataDir() const;
    void showBackupStatus();

    SnapshotSource m_source;
    AuditSource m_auditSource;
    bool m_auditTitled = false;
    std::shared_ptr<const Snapshot> m_shown;
    int m_appliedCount = 0;
    QTimer m_refreshTimer;
    QMenu *m_viewMenu = nullptr;
    QAction *m_backupAction = nullptr;
    BackupMonitor *m_backupMonitor = nullptr;
    QLabel *m_statusBackup = nullptr;
    QLabel *m_statusReconciliation = nullptr;
    QDockWidget *m_reconciliationDock = nullptr;
    ReconciliationPanel *m_reconciliation = nullptr;
    QDockWidget *m_incidentsDock = nullptr;
    IncidentsPanel *m_incidents = nullptr;
    DesktopAlerts *m_desktopAlerts = nullptr;
    QMenu *m_testAlertMenu = nullptr;
    AlertTester m_alertTester;
    std::shared_ptr<const ReconciliationView> m_reconciliationShown; ///< in the status bar
    QMenu *m_drillsMenu = nullptr;
    AlpacaEnvironment m_keysEnvironment = AlpacaEnvironment::Paper; ///< Broker keys…' first choice
    QDockWidget *m_checklistsDock = nullptr;
    ChecklistPanel *m_checklists = nullptr;
    std::function<void(ChecklistKind, const std::string &)> m_runChecklist;
    QAction *m_exportReportAction = nullptr;
    EndOfDayProgress m_endOfDayShown;
    QString m_backupAlerted;        ///< the daily backup failure already shown
    bool m_intradayAlerted = false; ///< an intraday backup failure shown, none succeeded since
    std::optional<BackupRequest> m_backupRequest;
    std::vector<QDockWidget *> m_docks;
    std::vector<std::pair<QDockWidget *, QString>> m_pendingTitles; ///< titles not yet applied
    QElapsedTimer m_titlesApplied;                                  ///< since titles were last applied (invalid: never)
    QTimer m_titleTimer; ///< applies the pending titles when the interval is over
    QByteArray m_defaultLayout;
    QDockWidget *m_equityDock = nullptr;
    QDockWidget *m_pnlDock = nullptr;
    PnlChart *m_pnl = nullptr;
    QDockWidget *m_auditDock = nullptr;
    AuditModel *m_auditModel = nullptr;
    QSortFilterProxyModel *m_auditProxy = nullptr;
    QTableView *m_auditView = nullptr;
    QCheckBox *m_auditShowTrades = nullptr;
    QPlainTextEdit *m_auditRecord = nullptr; ///< the selected record, whole
    QDockWidget *m_latencyDock = nullptr;
    LatencyChart *m_latency = nullptr;
    QDockWidget *m_exposureDock = nullptr;
    ExposureChart *m_exposure = nullptr;
    QDockWidget *m_positionsDock = nullptr;
    QDockWidget *m_limitsDock = nullptr;
    QDockWidget *m_alertsDock = nullptr;
    QDockWidget *m_ordersDock = nullptr;
    QDockWidget *m_fillsDock = nullptr;
    QDockWidget *m_strategiesDock = nullptr;
    QDockWidget *m_healthDock = nullptr;
    QDockWidget *m_executionDock = nullptr;
    ExecutionPanel *m_execution = nullptr;

    QStackedWidget *m_pages = nullptr;
    QWidget *m_waitingPage = nullptr;
    QLabel *m_waitingDetail = nullptr;
    QWidget *m_dashboard = nullptr;
    HeaderStrip *m_header = nullptr;
    ControlBar *m_controls = nullptr;
    CommandSink m_commands;
    PnlTiles *m_tiles = nullptr;
    EquityChart *m_chart = nullptr;
    HealthPanel *m_health = nullptr;
    PositionsModel *m_positionsModel = nullptr;
    QSortFilterProxyModel *m_positionsProxy = nullptr;
    QTableView *m_positionsView = nullptr;
    StrategiesModel *m_strategiesModel = nullptr;
    QSortFilterProxyModel *m_strategiesProxy = nullptr;
    QTableView *m_strategiesView = nullptr;
    LimitsModel *m_limitsModel = nullptr;
    QSortFilterProxyModel *m_limitsProxy = nullptr;
    QTableView *m_limitsView = nullptr;
    AlertsModel *m_alertsModel = nullptr;
    OrdersModel *m_ordersModel = nullptr;
    QSortFilterProxyModel *m_ordersProxy = nullptr;
    QTableView *m_ordersView = nullptr;
    FillsModel *m_fillsModel = nullptr;
    QSortFilterProxyModel *m_fillsProxy = nullptr;
    QTableView *m_fillsView = nullptr;
    QSortFilterProxyModel *m_alertsProxy = nullptr;
    QTableView *m_alertsView = nullptr;
    QLabel *m_statusVersion = nullptr;
    QLabel *m_statusSession = nullptr;
};

} // namespace vigil
