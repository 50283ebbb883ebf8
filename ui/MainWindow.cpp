#include "MainWindow.h"

#include "AlertAcknowledger.h"
#include "AlertsModel.h"
#include "AuditModel.h"
#include "BackupMonitor.h"
#include "BackupWizard.h"
#include "BrokerKeysDialog.h"
#include "ChecklistPanel.h"
#include "ControlBar.h"
#include "DesktopAlerts.h"
#include "EquityChart.h"
#include "ExecutionPanel.h"
#include "ExposureChart.h"
#include "FillsModel.h"
#include "Format.h"
#include "HeaderStrip.h"
#include "HealthPanel.h"
#include "IncidentsPanel.h"
#include "LatencyChart.h"
#include "LimitsModel.h"
#include "OrdersModel.h"
#include "PnlChart.h"
#include "PnlTiles.h"
#include "PositionsModel.h"
#include "ReconciliationPanel.h"
#include "ReportExport.h"
#include "StrategiesModel.h"
#include "Tables.h"
#include "Theme.h"
#include "api/DailyReport.h"

#include "api/UserName.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <functional>

namespace vigil {

namespace {

enum class Filter { None, AnyText };

/// The panel frame around a dock's table (the dock's title names it); with Filter::AnyText
/// a filter line over it keeps the rows whose text in any column contains what is typed,
/// whatever its case (for the long tables: positions, orders, fills, alerts, audit), with
/// `beside` (an option of the table) at its right.
QFrame *makePanel(QTableView *table, QWidget *parent, Filter filtered = Filter::None, QWidget *beside = nullptr)
{
    auto *panel = new QFrame(parent);
    panel->setObjectName(QStringLiteral("panel"));
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(1, 1, 1, 1);
    layout->setSpacing(1);
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(table->model());
    if (filtered == Filter::AnyText && proxy) {
        proxy->setFilterKeyColumn(-1);
        proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
        auto *filter = new QLineEdit(panel);
        filter->setObjectName(table->objectName() + QStringLiteral("Filter"));
        filter->setPlaceholderText(QCoreApplication::translate("vigil::MainWindow", "Filter: any text in a row"));
        filter->setClearButtonEnabled(true);
        filter->setFocusPolicy(Qt::ClickFocus); // never the window's first focus
        QObject::connect(filter, &QLineEdit::textChanged, proxy,
                         [proxy](const QString &text) { proxy->setFilterFixedString(text); });
        auto *row = new QHBoxLayout;
        row->setContentsMargins(0, 0, 0, 0);
        row->setSpacing(10);
        row->addWidget(filter, 1);
        if (beside) {
            beside->setParent(panel);
            row->addWidget(beside);
        }
        layout->addLayout(row);
    } else if (beside) {
        beside->setParent(panel);
        layout->addWidget(beside);
    }
    table->setParent(panel);
    layout->addWidget(table, 1);
    return panel;
}

/// A dock's panel in a scroll area: a dock squeezed below the panel's own minimum (a
/// chart's, the health figures', a table's filter line) scrolls instead of making the
/// window's minimum size the sum of every panel's.
QWidget *scrollable(QWidget *content, QWidget *parent)
{
    auto *area = new QScrollArea(parent);
    area->setObjectName(content->objectName() + QStringLiteral("Scroll"));
    area->setFrameShape(QFrame::NoFrame);
    area->setWidgetResizable(true);
    content->setParent(area);
    area->setWidget(content);
    // The theme paints the panels; the scroll area (which fills its widget) paints nothing.
    area->viewport()->setAutoFillBackground(false);
    content->setAutoFillBackground(false);
    return area;
}

/// Room for the window manager's frame and title bar, before the window is shown and the
/// frame is known.
constexpr QSize kFrameAllowance{16, 40};
/// A screen at least this tall (available height) stacks three dock groups on the left.
constexpr int kTallScreen = 900;

} // namespace

MainWindow::MainWindow(SnapshotSource source, CommandSink commands, QWidget *parent)
    : QMainWindow(parent)
    , m_source(std::move(source))
    , m_commands(std::move(commands))
{
    setWindowTitle(tr("Vigil — operator console"));
    setObjectName(QStringLiteral("mainWindow"));
    setStyleSheet(theme::styleSheet());
    QFont base = font();
    base.setPixelSize(13);
    setFont(base);

    m_positionsModel = new PositionsModel(this);
    m_strategiesModel = new StrategiesModel(this);
    m_limitsModel = new LimitsModel(this);
    m_alertsModel = new AlertsModel(this);
    m_ordersModel = new OrdersModel(this);
    m_fillsModel = new FillsModel(this);
    m_auditModel = new AuditModel(this);

    m_pages = new QStackedWidget(this);
    m_waitingPage = buildWaitingPage();
    m_dashboard = buildDashboard();
    m_pages->addWidget(m_waitingPage);
    m_pages->addWidget(m_dashboard);
    setCentralWidget(m_pages);
    m_pages->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    buildDocks();

    m_statusVersion = new QLabel(this);
    m_statusSession = new QLabel(this);
    m_statusVersion->setFont(theme::monospaceFont(12));
    m_statusSession->setFont(theme::monospaceFont(12));
    statusBar()->addWidget(m_statusVersion);
    statusBar()->addPermanentWidget(m_statusSession);
    statusBar()->setSizeGripEnabled(false);
    showWaiting(nullptr);

    resize(1400, 900);
    restoreLayout();
    fitToScreen();
    showWholeTabTitles();
    // The window's first focus is the page, not the first control in the tab order: a
    // stray Space or typed text at start-up must arm nothing.
    m_pages->setFocusPolicy(Qt::ClickFocus);
    m_pages->setFocus(Qt::OtherFocusReason);

    m_titleTimer.setSingleShot(true);
    connect(&m_titleTimer, &QTimer::timeout, this, &MainWindow::applyDockTitles);
    m_refreshTimer.setInterval(kRefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshNow);
    m_refreshTimer.start();
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::buildWaitingPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("waitingPage"));
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(2);
    auto *wordmark = new QLabel(tr("VIGIL"), page);
    wordmark->setObjectName(QStringLiteral("waitingWordmark"));
    wordmark->setAlignment(Qt::AlignCenter);
    QFont wordmarkFont = wordmark->font();
    wordmarkFont.setLetterSpacing(QFont::AbsoluteSpacing, 8);
    wordmark->setFont(wordmarkFont);
    auto *title = new QLabel(tr("Waiting for the engine…"), page);
    title->setObjectName(QStringLiteral("waitingTitle"));
    title->setAlignment(Qt::AlignCenter);
    m_waitingDetail = new QLabel(page);
    m_waitingDetail->setObjectName(QStringLiteral("waitingDetail"));
    m_waitingDetail->setAlignment(Qt::AlignCenter);
    layout->addWidget(wordmark);
    layout->addSpacing(12);
    layout->addWidget(title);
    layout->addWidget(m_waitingDetail);
    layout->addStretch(3);
    return page;
}

QWidget *MainWindow::buildDashboard()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("dashboard"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(6);

    m_header = new HeaderStrip(page);
    m_controls = new ControlBar(m_commands, QString::fromStdString(currentUserName()) + tr(" (console)"), page);
    m_controls->setEnabled(static_cast<bool>(m_commands));
    m_tiles = new PnlTiles(page);
    layout->addWidget(m_header);
    layout->addWidget(m_controls);
    layout->addWidget(m_tiles);

    return page;
}

QDockWidget *MainWindow::addDock(const QString &title, const char *name, QWidget *content)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(QLatin1String(name)); // saveState() keys the layout by it
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    content = scrollable(content, this);
    content->setParent(dock);
    dock->setWidget(content);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    m_docks.push_back(dock);
    return dock;
}

void MainWindow::buildFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_backupAction = file->addAction(tr("&Back up now…"), this, &MainWindow::backUpNow);
    m_backupAction->setObjectName(QStringLiteral("backupAction"));
    m_backupAction->setEnabled(false);
    m_exportReportAction = file->addAction(tr("&Export daily report…"), this, &MainWindow::askForExport);
    m_exportReportAction->setObjectName(QStringLiteral("exportReportAction"));
    m_exportReportAction->setEnabled(false);
    QAction *restore = file->addAction(tr("&Restore from a backup…"), this, &MainWindow::askForRestore);
    restore->setObjectName(QStringLiteral("restoreAction"));
    file->addSeparator();
    file->addAction(tr("&Quit"), this, &QWidget::close);
}

void MainWindow::buildDrillsMenu()
{
    // Rehearsals: each one arms the control bar like any command, and says it is a drill.
    m_drillsMenu = menuBar()->addMenu(tr("&Drills"));
    m_drillsMenu->setObjectName(QStringLiteral("drillsMenu"));
    QAction *header = m_drillsMenu->addAction(tr("Rehearsals on the simulated venue: not real faults"));
    header->setEnabled(false);
    m_drillsMenu->addSeparator();
    const std::pair<const char *, QString> drills[] = {
        {"broker-manual-close", tr("DRILL: a position closed by hand at the broker")},
        {"broker-cancel-order", tr("DRILL: an order cancelled behind the engine's back")},
        {"broker-manual-order", tr("DRILL: an order placed by hand at the broker")},
        {"broker-manual-trade", tr("DRILL: 10 shares bought by hand at the broker")},
        {"broker-disconnect", tr("DRILL: the broker unreachable for 30 s")},
        {"broker-error-burst", tr("DRILL: the broker answers 5 orders with errors")},
        {"feed-silence", tr("DRILL: no market data for 30 s")},
    };
    for (const auto &[name, text] : drills) {
        cmd::Drill drill;
        drillKindFromText(name, drill.kind); // (the names above are the drills')
        QAction *a = m_drillsMenu->addAction(text, this, [this, drill] { m_controls->arm(drill); });
        a->setObjectName(QString::fromLatin1(name));
        a->setEnabled(static_cast<bool>(m_commands));
    }
}

void MainWindow::buildBrokerMenu()
{
    QMenu *broker = menuBar()->addMenu(tr("&Broker"));
    broker->setObjectName(QStringLiteral("brokerMenu"));
    QAction *keys = broker->addAction(tr("Broker &keys…"), this, &MainWindow::openBrokerKeys);
    keys->setObjectName(QStringLiteral("brokerKeysAction"));
}

void MainWindow::buildAlertsMenu()
{
    QMenu *alerts = menuBar()->addMenu(tr("&Alerts"));
    alerts->setObjectName(QStringLiteral("alertsMenu"));
    m_testAlertMenu = alerts->addMenu(tr("Send a &test alert"));
    m_testAlertMenu->setObjectName(QStringLiteral("testAlertMenu"));
    for (const auto &[name, label] : {std::pair{QStringLiteral("desktop"), tr("To the &desktop")},
                                      std::pair{QStringLiteral("webhook"), tr("Through the &webhook")},
                                      std::pair{QStringLiteral("email"), tr("By &e-mail")}}) {
        QAction *action = m_testAlertMenu->addAction(label, this, [this, channel = name] { sendTestAlert(channel); });
        action->setObjectName(name + QStringLiteral("TestAlertAction"));
        action->setEnabled(false); // until the channel is there (setDesktopAlerts, setAlertTester)
    }
}

void MainWindow::setDesktopAlerts(const DesktopChannelConfig &desktop)
{
    delete m_desktopAlerts;
    m_desktopAlerts = nullptr;
    if (!desktop.enabled)
        return;
    m_desktopAlerts = new DesktopAlerts(desktop.levels, this);
    connect(m_desktopAlerts, &DesktopAlerts::notified, this,
            [this](const QString &, DesktopAlerts::Route route, const QString &error) {
                if (route == DesktopAlerts::Route::Service)
                    return;
                statusBar()->showMessage(route == DesktopAlerts::Route::Tray
                                             ? tr("The desktop's notification service did not answer (%1): the "
                                                  "alert went to the tray")
                                                   .arg(error)
                                             : tr("The desktop has no notification service and no tray (%1): "
                                                  "alerts show in the console only")
                                                   .arg(error),
                                         30'000);
            });
    m_testAlertMenu->findChild<QAction *>(QStringLiteral("desktopTestAlertAction"))->setEnabled(true);
}

void MainWindow::setAlertTester(AlertTester tester, std::vector<AlertChannelKind> enabled)
{
    m_alertTester = std::move(tester);
    for (const AlertChannelKind kind : {AlertChannelKind::Webhook, AlertChannelKind::Email})
        m_testAlertMenu->findChild<QAction *>(QString::fromUtf8(toString(kind)) + QStringLiteral("TestAlertAction"))
            ->setEnabled(m_alertTester && std::find(enabled.begin(), enabled.end(), kind) != enabled.end());
}

void MainWindow::sendTestAlert(const QString &channel)
{
    if (channel == QLatin1String("desktop")) {
        if (!m_desktopAlerts)
            return;
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(m_desktopAlerts, &DesktopAlerts::notified, this,
                        [this, once](const QString &, DesktopAlerts::Route route, const QString &error) {
                            disconnect(*once);
                            const bool ok = route != DesktopAlerts::Route::Nowhere;
                            const QString outcome = route == DesktopAlerts::Route::Service
                                                        ? tr("desktop: shown by the notification service")
                                                    : route == DesktopAlerts::Route::Tray
                                                        ? tr("desktop: shown by the tray (%1)").arg(error)
                                                        : tr("desktop: not shown: %1").arg(error);
                            statusBar()->showMessage(outcome, 30'000);
                            Q_EMIT alertTested(QStringLiteral("desktop"), ok, outcome);
                        });
        m_desktopAlerts->notify(AlertSeverity::Critical, tr("Vigil L3 critical: test"),
                                tr("A test alert from the console: if you read this, desktop alerts work."));
        return;
    }
    const std::optional<AlertChannelKind> kind = channel == QLatin1String("email") ? AlertChannelKind::Email
                                                 : channel == QLatin1String("webhook")
                                                     ? std::optional(AlertChannelKind::Webhook)
                                                     : std::nullopt;
    if (!kind || !m_alertTester)
        return;
    statusBar()->showMessage(tr("Sending a test alert through the %1 channel…").arg(channel));
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, channel] {
        const QString outcome = watcher->future().result();
        watcher->deleteLater();
        const bool ok = outcome.contains(QStringLiteral("delivered"));
        statusBar()->showMessage(outcome, 30'000);
        Q_EMIT alertTested(channel, ok, outcome);
    });
    watcher->setFuture(QtConcurrent::run([tester = m_alertTester, kind = *kind] { return tester(kind); }));
}

void MainWindow::openBrokerKeys()
{
    auto *dialog = new BrokerKeysDialog(m_keysEnvironment, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::setVenue(const VenueConfig &venue)
{
    m_header->setVenue(venue);
    m_keysEnvironment = venue.kind == VenueKind::Alpaca ? venue.alpaca.environment : AlpacaEnvironment::Paper;
}

void MainWindow::setBackupRequest(BackupRequest request, RetentionPolicy retention)
{
    m_backupRequest = request;
    m_backupAction->setEnabled(true);
    m_exportReportAction->setEnabled(true);
    delete m_backupMonitor;
    m_backupMonitor = new BackupMonitor(std::move(request), retention, this);
    connect(m_backupMonitor, &BackupMonitor::statusChanged, this, &MainWindow::showBackupStatus);
    if (!m_statusBackup) {
        m_statusBackup = new QLabel(this);
        m_statusBackup->setObjectName(QStringLiteral("backupStatus"));
        m_statusBackup->setFont(theme::monospaceFont(12));
        statusBar()->addPermanentWidget(m_statusBackup);
    }
    showBackupStatus();
}

void MainWindow::showBackupStatus()
{
    if (!m_backupMonitor || !m_statusBackup)
        return;
    // A daily backup that failed is an alert: said at once, not only in the status bar.
    const QString failure = m_backupMonitor->status().dailyProblem;
    if (!failure.isEmpty() && failure != m_backupAlerted) {
        m_backupAlerted = failure;
        auto *box = new QMessageBox(QMessageBox::Critical, tr("The daily backup failed"),
                                    tr("Today's backup could not be made or failed its verification:\n%1").arg(failure),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("backupAlert"));
        box->setInformativeText(tr("Until a backup is verified the data has none newer than the last good one. "
                                   "File > Back up now tries again."));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open(); // not modal to the engine: the window goes on refreshing
    }
    // So is an intraday one, once until one succeeds again: a disk that refuses every five
    // minutes is one problem, not a box every five minutes.
    const QString intraday = m_backupMonitor->status().intradayProblem;
    if (intraday.isEmpty()) {
        m_intradayAlerted = false;
    } else if (!m_intradayAlerted) {
        m_intradayAlerted = true;
        auto *box = new QMessageBox(QMessageBox::Critical, tr("The intraday backup failed"),
                                    tr("The backup taken while the session is open could not be made or failed its "
                                       "verification:\n%1")
                                        .arg(intraday),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("intradayBackupAlert"));
        box->setInformativeText(tr("Trades since the newest verified backup exist only in the journal until one "
                                   "succeeds; the next is tried at the next interval."));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    theme::setText(m_statusBackup, m_backupMonitor->text(now));
    theme::setTone(m_statusBackup, m_backupMonitor->status().warning(now) ? theme::Tone::Loss : theme::Tone::Muted);
}

void MainWindow::showReconciliationStatus(const QString &text, theme::Tone tone, const QString &tip)
{
    if (!m_statusReconciliation) {
        m_statusReconciliation = new QLabel(this);
        m_statusReconciliation->setObjectName(QStringLiteral("reconciliationStatus"));
        m_statusReconciliation->setFont(theme::monospaceFont(12));
        statusBar()->addPermanentWidget(m_statusReconciliation);
    }
    theme::setText(m_statusReconciliation, text);
    if (m_statusReconciliation->toolTip() != tip)
        m_statusReconciliation->setToolTip(tip);
    theme::setTone(m_statusReconciliation, tone);
}

void MainWindow::setReconciliation(const ReconciliationResult &result)
{
    QString text;
    theme::Tone tone = theme::Tone::Muted;
    if (!result.differences.empty()) {
        // Short: the status bar must not widen the window; the tool tip has every difference.
        std::vector<std::string> what = result.affectedSymbols();
        for (const Difference &d : result.differences)
            if (d.symbol.empty()) // the cash: no symbol's
                what.push_back(d.key());
        const std::size_t symbols = what.size();
        text = symbols == 1 ? tr("BOOKS DIFFER: %1").arg(QString::fromStdString(what.front()))
                            : tr("BOOKS DIFFER: %1 symbols").arg(symbols);
        tone = theme::Tone::Loss;
    } else if (!result.complete()) {
        text = tr("RECONCILIATION INCOMPLETE");
        tone = theme::Tone::Warning;
    } else {
        text = tr("books agree");
    }
    showReconciliationStatus(text, tone, QString::fromStdString(summarize(result)));
}

QString MainWindow::reconciliationText() const
{
    return m_statusReconciliation ? m_statusReconciliation->text() : QString();
}

QString MainWindow::backupStatusText() const { return m_statusBackup ? m_statusBackup->text() : QString(); }

void MainWindow::backUpNow()
{
    if (!m_backupRequest)
        return;
    BackupWizard wizard(*m_backupRequest, this);
    wizard.exec();
}

QString MainWindow::dataDir() const { return m_backupRequest ? m_backupRequest->dataDir : QString(); }

void MainWindow::askForExport()
{
    if (!m_shown || m_shown->sessionDate.empty() || dataDir().isEmpty())
        return;
    const QString date = QString::fromStdString(m_shown->sessionDate);
    auto *dialog = new QFileDialog(this, tr("Export the daily report of %1").arg(date),
                                   dailyReportPath(dataDir(), date), tr("PDF (*.pdf)"));
    dialog->setObjectName(QStringLiteral("exportReportDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("pdf"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) { exportDailyReport(file); });
    dialog->open(); // not modal to the engine: the window goes on refreshing
}

void MainWindow::exportDailyReport(const QString &file, std::function<void(const QString &, const QString &)> done)
{
    if (!m_shown || m_shown->sessionDate.empty() || dataDir().isEmpty()) {
        if (done)
            done(file, tr("no session to report yet"));
        return;
    }
    showReportWriting(file);
    const QString backups =
        m_backupRequest->backupsDir.isEmpty() ? defaultBackupsDir(dataDir()) : m_backupRequest->backupsDir;
    vigil::exportDailyReport(this, dataDir(), backups, QString::fromStdString(m_shown->sessionDate), file,
                             [this, done](const ReportExportResult &r) {
                                 showReportWritten(r.file, r.error, r.pages);
                                 if (done)
                                     done(r.file, r.error);
                             });
}

void MainWindow::showReportWriting(const QString &file)
{
    statusBar()->showMessage(tr("Writing the daily report %1…").arg(file));
}

void MainWindow::showReportWritten(const QString &file, const QString &error, int pages)
{
    if (error.isEmpty()) {
        statusBar()->showMessage(tr("Daily report written: %1 (%2 pages)").arg(file).arg(pages), 30'000);
        return;
    }
    statusBar()->clearMessage();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("The daily report was not written"),
                                tr("%1:\n%2").arg(file, error), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("reportFailed"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::setChecklistRunner(std::function<void(ChecklistKind, const std::string &)> run)
{
    m_runChecklist = std::move(run);
    ChecklistPanel::Actions actions;
    if (m_runChecklist)
        actions.run = [this](ChecklistKind kind) { m_runChecklist(kind, "console"); };
    if (m_commands)
        actions.arm = [this](Command c) { m_controls->arm(std::move(c)); };
    m_checklists->setActions(std::move(actions));
}

void MainWindow::showChecklist(const ChecklistResult &result)
{
    m_checklists->showResult(result);
    setDockTitle(m_checklistsDock, m_checklists->title(), true);
    applyDockTitles();
    if (result.failed())
        m_checklistsDock->raise();
}

void MainWindow::showEndOfDay(const EndOfDayProgress &progress)
{
    using State = EndOfDayStepOutcome::State;
    const auto becomes = [&progress, this](EndOfDayStep step, State state) {
        return progress.step(step).state == state && m_endOfDayShown.step(step).state != state;
    };
    const auto ends = [&progress, this](EndOfDayStep step) {
        return progress.step(step).ended() && !m_endOfDayShown.step(step).ended();
    };
    if (ends(EndOfDayStep::Reconcile) && progress.reconciliation)
        setReconciliation(*progress.reconciliation);
    if (becomes(EndOfDayStep::Report, State::Running))
        showReportWriting(progress.report.file);
    if (ends(EndOfDayStep::Report))
        showReportWritten(progress.report.file, progress.report.error, progress.report.pages);
    if (ends(EndOfDayStep::Checklist) && progress.checklist)
        showChecklist(*progress.checklist);
    m_endOfDayShown = progress;
}

void MainWindow::askForRestore()
{
    QMessageBox box(QMessageBox::Warning, tr("Restore from a backup"),
                    tr("A restore replaces the data directory, so it never runs under a live engine."));
    box.setInformativeText(tr("Trading is halted (working orders cancelled), the engine stops and the console starts "
                              "again into the restore wizard. Go on?"));
    QPushButton *go = box.addButton(tr("Halt and restore…"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == go)
        Q_EMIT restoreRequested(QString::fromStdString(currentUserName()) + tr(" (console)"));
}

void MainWindow::buildDocks()
{
    buildFileMenu();
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    buildDrillsMenu();
    buildBrokerMenu();
    buildAlertsMenu();
    m_chart = new EquityChart(this);
    m_chart->setTitleVisible(false);

    m_positionsProxy = makeSortProxy(m_positionsModel, PositionsModel::SortRole, this);
    m_positionsView = makeTable(m_positionsProxy, this);
    m_positionsView->setObjectName(QStringLiteral("positionsView"));
    m_positionsView->sortByColumn(PositionsModel::SymbolColumn, Qt::AscendingOrder);

    m_limitsProxy = makeSortProxy(m_limitsModel, LimitsModel::SortRole, this);
    m_limitsView = makeTable(m_limitsProxy, this);
    m_limitsView->setObjectName(QStringLiteral("limitsView"));
    m_limitsView->sortByColumn(LimitsModel::UsedColumn, Qt::DescendingOrder); // the closest to its limit first

    m_ordersProxy = makeSortProxy(m_ordersModel, OrdersModel::SortRole, this);
    m_ordersView = makeTable(m_ordersProxy, this);
    m_ordersView->setObjectName(QStringLiteral("ordersView"));
    m_ordersView->sortByColumn(OrdersModel::CreatedColumn, Qt::DescendingOrder);

    m_fillsProxy = makeSortProxy(m_fillsModel, FillsModel::SortRole, this);
    m_fillsView = makeTable(m_fillsProxy, this);
    m_fillsView->setObjectName(QStringLiteral("fillsView"));
    m_fillsView->sortByColumn(FillsModel::TimeColumn, Qt::DescendingOrder); // the newest first

    m_alertsProxy = makeSortProxy(m_alertsModel, AlertsModel::SortRole, this);
    m_alertsView = makeTable(m_alertsProxy, this);
    m_alertsView->setObjectName(QStringLiteral("alertsView"));
    m_alertsView->horizontalHeader()->setSectionResizeMode(AlertsModel::TimeColumn, QHeaderView::ResizeToContents);
    m_alertsView->horizontalHeader()->setSectionResizeMode(AlertsModel::MessageColumn, QHeaderView::Stretch);
    m_alertsView->sortByColumn(AlertsModel::TimeColumn, Qt::DescendingOrder); // the newest first

    m_auditProxy = makeSortProxy(m_auditModel, AuditModel::SortRole, this);
    m_auditView = makeTable(m_auditProxy, this);
    m_auditView->setObjectName(QStringLiteral("auditView"));
    m_auditView->horizontalHeader()->setSectionResizeMode(AuditModel::NumberColumn, QHeaderView::ResizeToContents);
    m_auditView->horizontalHeader()->setSectionResizeMode(AuditModel::DetailColumn, QHeaderView::Stretch);
    m_auditView->sortByColumn(AuditModel::NumberColumn, Qt::DescendingOrder); // the newest first
    m_auditShowTrades = new QCheckBox(tr("Orders and fills"), this);
    m_auditShowTrades->setObjectName(QStringLiteral("auditShowTrades"));
    m_auditShowTrades->setToolTip(tr("Also show the records that cover each journal commit's orders and fills"));
    m_auditShowTrades->setFocusPolicy(Qt::ClickFocus);
    connect(m_auditShowTrades, &QCheckBox::toggled, m_auditModel, &AuditModel::setShowTradeRecords);

    m_strategiesProxy = makeSortProxy(m_strategiesModel, StrategiesModel::SortRole, this);
    m_strategiesView = makeTable(m_strategiesProxy, this);
    m_strategiesView->setObjectName(QStringLiteral("strategiesView"));
    m_strategiesView->sortByColumn(StrategiesModel::NameColumn, Qt::AscendingOrder);
    // Every column as wide as its content (a name squeezed to "Momen…" or the fills cut
    // off at the edge read wrong); the spare width goes to the last.
    m_strategiesView->horizontalHeader()->setSectionResizeMode(StrategiesModel::NameColumn,
                                                               QHeaderView::ResizeToContents);
    m_strategiesView->horizontalHeader()->setStretchLastSection(true);

    m_health = new HealthPanel(this);
    m_health->setTitleVisible(false);

    // Two columns under the strips, which stay on top at full width: the equity curve,
    // positions and limits on the left; strategies and health on the right.
    m_equityDock = addDock(tr("EQUITY CURVE"), "equityDock", m_chart);
    m_latency = new LatencyChart(this);
    m_exposure = new ExposureChart(this);
    m_strategiesDock = addDock(tr("STRATEGIES"), "strategiesDock",
                               makePanel(m_strategiesView, this, Filter::None, buildStrategyEnabler()));
    splitDockWidget(m_equityDock, m_strategiesDock, Qt::Horizontal);
    m_positionsDock = addDock(tr("OPEN POSITIONS"), "positionsDock", makePanel(m_positionsView, this, Filter::AnyText));
    splitDockWidget(m_equityDock, m_positionsDock, Qt::Vertical);
    m_limitsDock = addDock(tr("LIMITS"), "limitsDock", makePanel(m_limitsView, this));
    splitDockWidget(m_positionsDock, m_limitsDock, Qt::Vertical);
    // Tabs behind positions and behind limits (split first: splitting a tabbed dock tabs).
    m_ordersDock = addDock(tr("WORKING ORDERS"), "ordersDock", makePanel(m_ordersView, this, Filter::AnyText));
    tabifyDockWidget(m_positionsDock, m_ordersDock);
    m_fillsDock = addDock(tr("FILLS"), "fillsDock", makePanel(m_fillsView, this, Filter::AnyText));
    tabifyDockWidget(m_ordersDock, m_fillsDock);
    m_alertsDock = addDock(tr("ALERTS"), "alertsDock", makePanel(m_alertsView, this, Filter::AnyText));
    auto *acknowledger =
        new AlertAcknowledger(m_alertsView, m_commands, QString::fromStdString(currentUserName()) + tr(" (console)"));
    connect(acknowledger, &AlertAcknowledger::answered, this,
            [this](bool, const QString &message) { statusBar()->showMessage(message, 30'000); });
    tabifyDockWidget(m_limitsDock, m_alertsDock);
    m_reconciliation = new ReconciliationPanel(this);
    if (m_commands) {
        const std::string actor = currentUserName() + " (console)";
        m_reconciliation->setActions({[this](Command c) { m_controls->arm(std::move(c)); },
                                      [this, actor] {
                                          cmd::Reconcile run;
                                          run.actor = actor;
                                          run.reason = "on demand";
                                          m_commands(std::move(run), [](const CommandResult &) {});
                                      }});
    }
    m_incidents = new IncidentsPanel(this);
    if (m_commands)
        m_incidents->setActions({[this](Command c) { m_controls->arm(std::move(c)); }, m_commands,
                                 QString::fromStdString(currentUserName()) + tr(" (console)"), QString()});
    connect(m_incidents, &IncidentsPanel::answered, this,
            [this](bool, const QString &message) { statusBar()->showMessage(message, 30'000); });
    connect(m_incidents, &IncidentsPanel::exported, this, [this](const QString &file, const QString &error) {
        statusBar()->showMessage(error.isEmpty() ? tr("Incident exported to %1").arg(file)
                                                 : tr("The incident was not exported: %1").arg(error),
                                 30'000);
    });
    QFrame *auditPanel = makePanel(m_auditView, this, Filter::AnyText, m_auditShowTrades);
    // The selected record whole, wrapped, under the table: an operator's reason is
    // longer than any column (three lines in view, the rest scrolls: the dock's minimum
    // never depends on what was typed).
    m_auditRecord = new QPlainTextEdit(auditPanel);
    m_auditRecord->setObjectName(QStringLiteral("auditRecord"));
    m_auditRecord->setReadOnly(true);
    m_auditRecord->setFocusPolicy(Qt::ClickFocus);
    m_auditRecord->setFrameShape(QFrame::NoFrame);
    m_auditRecord->setStyleSheet(QStringLiteral("QPlainTextEdit { background: transparent; }"));
    m_auditRecord->setPlaceholderText(tr("Select a record to read it whole"));
    m_auditRecord->setFixedHeight(m_auditRecord->fontMetrics().lineSpacing() * 3 + 12);
    auditPanel->layout()->addWidget(m_auditRecord);
    connect(m_auditView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::showAuditRecord);
    m_auditDock = addDock(tr("AUDIT TRAIL"), "auditDock", auditPanel);
    tabifyDockWidget(m_alertsDock, m_auditDock);
    m_limitsDock->raise();
    m_positionsDock->raise();
    m_pnl = new PnlChart(this);
    m_pnlDock = addDock(tr("PROFIT AND LOSS"), "pnlDock", m_pnl); // no "&": tabs read it as a shortcut
    tabifyDockWidget(m_equityDock, m_pnlDock);
    m_latencyDock = addDock(tr("LATENCY"), "latencyDock", m_latency);
    tabifyDockWidget(m_pnlDock, m_latencyDock);
    m_exposureDock = addDock(tr("EXPOSURE"), "exposureDock", m_exposure);
    tabifyDockWidget(m_latencyDock, m_exposureDock);
    m_equityDock->raise();
    m_healthDock = addDock(tr("SYSTEM HEALTH"), "healthDock", m_health);
    splitDockWidget(m_strategiesDock, m_healthDock, Qt::Vertical);
    m_execution = new ExecutionPanel(this);
    // The reconciliation behind the health panel: the tallest place, for its two tables.
    m_reconciliationDock = addDock(tr("RECONCILIATION"), "reconciliationDock", m_reconciliation);
    tabifyDockWidget(m_healthDock, m_reconciliationDock);
    m_healthDock->raise();
    m_checklists = new ChecklistPanel(this);
    m_checklistsDock = addDock(tr("CHECKLISTS"), "checklistsDock", m_checklists);
    tabifyDockWidget(m_reconciliationDock, m_checklistsDock);
    m_incidentsDock = addDock(tr("INCIDENTS"), "incidentsDock", m_incidents);
    tabifyDockWidget(m_checklistsDock, m_incidentsDock);
    m_healthDock->raise();
    m_executionDock = addDock(tr("EXECUTION"), "executionDock", m_execution);
    tabifyDockWidget(m_strategiesDock, m_executionDock);
    m_strategiesDock->raise();
    resizeDocks({m_equityDock, m_strategiesDock}, {680, 720}, Qt::Horizontal); // the strategies' columns whole at 1366
    resizeDocks({m_equityDock, m_positionsDock, m_limitsDock}, {280, 170, 200}, Qt::Vertical);
    resizeDocks({m_strategiesDock, m_healthDock}, {170, 480}, Qt::Vertical);
    // On a short screen (a 1366x768 laptop) the limits, alerts and audit trail go behind the
    // positions' tabs: three groups one above the other left each table only its header.
    if (const QScreen *on = screen(); on && on->availableGeometry().height() < kTallScreen) {
        for (QDockWidget *dock : {m_limitsDock, m_alertsDock, m_auditDock})
            tabifyDockWidget(m_fillsDock, dock);
        m_positionsDock->raise();
        resizeDocks({m_equityDock, m_positionsDock}, {250, 400}, Qt::Vertical);
    }
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks);

    for (const auto &[dock, show] : {std::pair<QDockWidget *, std::function<void(const Snapshot &)>>{
                                         m_equityDock, [this](const Snapshot &s) { m_chart->applySnapshot(s); }},
                                     {m_pnlDock, [this](const Snapshot &s) { m_pnl->applySnapshot(s); }},
                                     {m_latencyDock, [this](const Snapshot &s) { m_latency->applySnapshot(s); }},
                                     {m_exposureDock, [this](const Snapshot &s) { m_exposure->applySnapshot(s); }}}) {
        connect(dock, &QDockWidget::visibilityChanged, this, [this, show = show](bool visible) {
            if (visible && m_shown)
                show(*m_shown);
        });
    }

    m_viewMenu->addSeparator();
    m_viewMenu->addAction(tr("Reset layout"), this, &MainWindow::resetLayout);
    m_defaultLayout = saveState(kLayoutVersion);
}

QWidget *MainWindow::buildStrategyEnabler()
{
    // Under the strategies while one is stopped: enabling a strategy is an action of its
    // own, one strategy at a time (after a kill switch reset every one is stopped).
    auto *bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("strategyEnabler"));
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(6, 2, 2, 2);
    row->setSpacing(10);
    m_strategiesStopped = new QLabel(bar);
    m_strategiesStopped->setObjectName(QStringLiteral("fieldDetail"));
    m_strategiesStopped->setWordWrap(true);
    m_enableStrategy = new QPushButton(tr("Enable the selected…"), bar);
    m_enableStrategy->setObjectName(QStringLiteral("enableStrategyButton"));
    m_enableStrategy->setFocusPolicy(Qt::TabFocus);
    m_enableStrategy->setEnabled(false);
    row->addWidget(m_strategiesStopped, 1);
    row->addWidget(m_enableStrategy);
    bar->hide();
    connect(m_enableStrategy, &QPushButton::clicked, this, [this] {
        const StrategyRow *selected = selectedStrategy();
        if (selected && selected->stopped)
            m_controls->arm(cmd::EnableStrategy{{}, selected->key});
    });
    connect(m_strategiesView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this] { showStrategyEnabler(); });
    return bar;
}

const StrategyRow *MainWindow::selectedStrategy() const
{
    const QModelIndex current = m_strategiesProxy->mapToSource(m_strategiesView->currentIndex());
    if (!current.isValid() || current.row() >= static_cast<int>(m_strategiesModel->rows().size()))
        return nullptr;
    return &m_strategiesModel->rows()[static_cast<std::size_t>(current.row())];
}

void MainWindow::showStrategyEnabler()
{
    if (!m_enableStrategy)
        return;
    QStringList stopped;
    for (const StrategyRow &row : m_strategiesModel->rows())
        if (row.stopped)
            stopped << QString::fromStdString(row.name);
    QWidget *bar = m_enableStrategy->parentWidget();
    bar->setVisible(m_commands && !stopped.isEmpty());
    if (stopped.isEmpty())
        return;
    const bool killed = m_shown && m_shown->tradingState == TradingState::Killed;
    const bool open = m_shown && m_shown->phase == SessionPhase::Open;
    theme::setText(m_strategiesStopped,
                   !open    ? tr("Stopped: %1. The session is over.").arg(stopped.join(QStringLiteral(", ")))
                   : killed ? tr("Stopped: %1. Reset the kill switch first; each then comes back stopped.")
                                  .arg(stopped.join(QStringLiteral(", ")))
                            : tr("Stopped: %1. Select one to enable it; each is enabled on its own.")
                                  .arg(stopped.join(QStringLiteral(", "))));
    const StrategyRow *selected = selectedStrategy();
    m_enableStrategy->setEnabled(open && !killed && selected && selected->stopped);
    theme::setButtonText(m_enableStrategy, selected && selected->stopped
                                               ? tr("Enable %1…").arg(QString::fromStdString(selected->name))
                                               : tr("Enable the selected…"));
}

void MainWindow::setDockTitle(QDockWidget *dock, const QString &title, bool urgent)
{
    const auto pending =
        std::find_if(m_pendingTitles.begin(), m_pendingTitles.end(), [dock](const auto &p) { return p.first == dock; });
    if (dock->windowTitle() == title) {
        if (pending != m_pendingTitles.end())
            m_pendingTitles.erase(pending);
        return;
    }
    if (pending != m_pendingTitles.end())
        pending->second = title;
    else
        m_pendingTitles.emplace_back(dock, title);
    m_urgentTitle = m_urgentTitle || urgent;
}

void MainWindow::applyDockTitles()
{
    if (m_pendingTitles.empty())
        return;
    if (!m_urgentTitle && m_titlesApplied.isValid() && m_titlesApplied.elapsed() < kTitleIntervalMs) {
        if (!m_titleTimer.isActive())
            m_titleTimer.start(static_cast<int>(kTitleIntervalMs - m_titlesApplied.elapsed()));
        return;
    }
    for (const auto &[dock, title] : m_pendingTitles)
        dock->setWindowTitle(title);
    m_pendingTitles.clear();
    showWholeTabTitles(); // a dock moved into a tab group since has a new tab bar
    m_urgentTitle = false;
    m_titlesApplied.start();
}

void MainWindow::showWholeTabTitles()
{
    // The tabs of docks stacked together (the short screen's layout) carry the counts an
    // operator reads at a glance ("WORKING ORDERS · 3"): never cut to an ellipsis; when the
    // row is too narrow for all of them, it scrolls. The tab bars are the main window's own
    // children, made as docks are tabified.
    for (QTabBar *bar : findChildren<QTabBar *>(Qt::FindDirectChildrenOnly)) {
        bar->setElideMode(Qt::ElideNone);
        bar->setUsesScrollButtons(true);
    }
}

void MainWindow::resetLayout()
{
    for (QDockWidget *dock : m_docks) {
        dock->setFloating(false);
        dock->show();
    }
    restoreState(m_defaultLayout, kLayoutVersion);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray();
    const QByteArray state = settings.value(QStringLiteral("state")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    if (!state.isEmpty() && !restoreState(state, kLayoutVersion))
        restoreState(m_defaultLayout, kLayoutVersion); // from another version of the layout
    settings.endGroup();
    // The panels' own choices.
    settings.beginGroup(QStringLiteral("preferences"));
    m_auditShowTrades->setChecked(settings.value(QStringLiteral("auditShowsTradeRecords"), false).toBool());
    const int path = settings.value(QStringLiteral("latencyPath"), 0).toInt();
    if (path >= 0 && path <= static_cast<int>(LatencyChart::Path::TickToOrder))
        m_latency->showPath(static_cast<LatencyChart::Path>(path));
}

void MainWindow::fitToScreen()
{
    const QScreen *on = screen();
    if (!on || isMaximized() || isFullScreen())
        return;
    // A geometry saved on a larger screen (or a default larger than this one) is brought
    // inside the room there is: the kill switch at the right edge must be on screen.
    const QRect available = on->availableGeometry();
    const QSize frame = isVisible() ? frameGeometry().size() - geometry().size() : kFrameAllowance;
    const QSize room = (available.size() - frame).expandedTo(minimumSizeHint());
    if (size().width() > room.width() || size().height() > room.height())
        resize(size().boundedTo(room));
    QRect outer = frameGeometry();
    if (!isVisible())
        outer.setSize(size() + frame);
    const int x =
        std::clamp(outer.x(), available.left(), std::max(available.left(), available.right() + 1 - outer.width()));
    const int y =
        std::clamp(outer.y(), available.top(), std::max(available.top(), available.bottom() + 1 - outer.height()));
    if (x != outer.x() || y != outer.y())
        move(x, y);
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState(kLayoutVersion));
    settings.endGroup();
    settings.beginGroup(QStringLiteral("preferences"));
    settings.setValue(QStringLiteral("auditShowsTradeRecords"), m_auditShowTrades->isChecked());
    settings.setValue(QStringLiteral("latencyPath"), static_cast<int>(m_latency->shownPath()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_closeWithoutAsking && !confirmQuit()) {
        event->ignore();
        return;
    }
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::closeWithoutAsking()
{
    m_closeWithoutAsking = true;
    close();
}

QString MainWindow::quitConsequences(const Snapshot &snapshot)
{
    // What app/main.cpp does after the window closes: Engine::stop() joins the threads and
    // drains the journal. It sends nothing: no cancel, no closing order.
    return tr("Quitting cancels nothing and closes nothing: %n working order(s) stay at the broker", nullptr,
              static_cast<int>(snapshot.workingOrders))
           + tr(" and %n position(s) stay open.", nullptr, static_cast<int>(snapshot.positions.size()))
           + QLatin1Char(' ')
           + tr(
               "A real broker can fill those orders while Vigil is down; the simulator's paper broker keeps them in "
               "its "
               "file and trades them again when the day resumes. The journal is closed in order, and the next start on "
               "this data directory resumes the day and settles every order with the broker by client order id (none "
               "is "
               "sent twice). To cancel the orders first, Halt (or Flatten, to close the positions too) before "
               "quitting.");
}

bool MainWindow::confirmQuit()
{
    if (!m_commands || !m_shown || m_shown->phase != SessionPhase::Open)
        return true; // nothing is trading: quit at once
    QMessageBox box(QMessageBox::Warning, tr("Quit Vigil"),
                    tr("The session for %1 is open: quitting stops the engine now, in the middle of the day.")
                        .arg(QString::fromStdString(m_shown->sessionDate)),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("quitConfirmation"));
    box.setInformativeText(quitConsequences(*m_shown));
    QPushButton *quit = box.addButton(tr("Quit and leave the orders working"), QMessageBox::DestructiveRole);
    quit->setObjectName(QStringLiteral("quitAnyway"));
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == quit;
}

void MainWindow::setIncidentJournal(const QString &journal)
{
    if (!m_commands)
        return;
    m_incidents->setActions({[this](Command c) { m_controls->arm(std::move(c)); }, m_commands,
                             QString::fromStdString(currentUserName()) + tr(" (console)"), journal});
}

void MainWindow::setAuditSource(AuditSource source)
{
    m_auditSource = std::move(source);
    refreshAudit();
    applyDockTitles();
}

void MainWindow::refreshAudit()
{
    const std::shared_ptr<const AuditTrail> trail = m_auditSource ? m_auditSource() : nullptr;
    if (trail == m_auditModel->trail() && m_auditTitled)
        return;
    m_auditModel->apply(trail);
    m_auditTitled = true;
    setDockTitle(m_auditDock,
                 !trail ? tr("AUDIT TRAIL · no journal")
                 : trail->lastId == 0
                     ? tr("AUDIT TRAIL · empty")
                     : tr("AUDIT TRAIL · %1 records")
                           .arg(QLocale(QLocale::English).toString(static_cast<qlonglong>(trail->lastId))));
}

void MainWindow::showAuditRecord()
{
    const QModelIndexList rows = m_auditView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_auditRecord->clear();
        return;
    }
    const auto cell = [&](int column) { return m_auditProxy->index(rows.first().row(), column).data().toString(); };
    m_auditRecord->setPlainText(tr("#%1 %2 · %3 · %4: %5")
                                    .arg(cell(AuditModel::NumberColumn), cell(AuditModel::TimeColumn),
                                         cell(AuditModel::ActorColumn), cell(AuditModel::ActionColumn),
                                         cell(AuditModel::DetailColumn)));
}

void MainWindow::refreshNow()
{
    refreshAudit();
    if (!m_source) {
        applyDockTitles();
        return;
    }
    std::shared_ptr<const Snapshot> snapshot = m_source();
    if (!snapshot || (m_shown && snapshot->version == m_shown->version)) {
        if (!snapshot && !m_shown)
            showWaiting(nullptr);
        applyDockTitles();
        return;
    }
    m_shown = std::move(snapshot);
    ++m_appliedCount;
    apply(*m_shown);
    applyDockTitles();
    Q_EMIT snapshotApplied(m_shown->version);
}

void MainWindow::apply(const Snapshot &snapshot)
{
    m_header->applySnapshot(snapshot);
    m_controls->applySnapshot(snapshot);
    m_tiles->applySnapshot(snapshot);
    // Charts in a hidden tab are not redrawn (it costs the GUI thread milliseconds); they
    // catch up when shown (see buildDocks()). Their alert still shows in the tab's title.
    // (A dock behind another tab stays "visible" to Qt; what is on screen has a region.)
    const auto onScreen = [](const QWidget *w) { return !w->visibleRegion().isEmpty(); };
    if (onScreen(m_chart))
        m_chart->applySnapshot(snapshot);
    if (onScreen(m_pnl))
        m_pnl->applySnapshot(snapshot);
    if (onScreen(m_latency))
        m_latency->applySnapshot(snapshot);
    if (onScreen(m_exposure))
        m_exposure->applySnapshot(snapshot);
    // A title that changes state (over a threshold, in breach, books differ) is urgent: it
    // goes up at once; a count only changes with the next batch of titles.
    setDockTitle(m_latencyDock,
                 LatencyChart::overThreshold(snapshot) ? tr("LATENCY · p95 over the alert threshold") : tr("LATENCY"),
                 true);
    m_positionsModel->applySnapshot(snapshot.positions);
    std::vector<std::string> botKeys;
    botKeys.reserve(snapshot.bots.size());
    for (const BotRow &bot : snapshot.bots)
        botKeys.push_back(bot.key);
    m_strategiesModel->setBotKeys(std::move(botKeys));
    m_strategiesModel->applySnapshot(snapshot.strategies);
    const auto stoppedStrategies = std::count_if(snapshot.strategies.begin(), snapshot.strategies.end(),
                                                 [](const StrategyRow &row) { return row.stopped; });
    setDockTitle(m_strategiesDock,
                 stoppedStrategies > 0 ? tr("STRATEGIES · %1 stopped").arg(stoppedStrategies) : tr("STRATEGIES"), true);
    showStrategyEnabler();
    m_limitsModel->applySnapshot(snapshot.limits);
    int warnings = 0, breaches = 0;
    for (const LimitUsage &l : snapshot.limits) {
        warnings += l.level == LimitUsage::Level::Warning ? 1 : 0;
        breaches += l.level == LimitUsage::Level::Breach ? 1 : 0;
    }
    m_ordersModel->applySnapshot(snapshot.workingOrderRows);
    // A count is urgent when it would say "none" over rows, or some over an empty table.
    const auto setCountTitle = [this](QDockWidget *dock, const QString &title, std::size_t count) {
        setDockTitle(dock, title.arg(count), (count == 0) != (dock->windowTitle() == title.arg(0)));
    };
    setCountTitle(m_ordersDock, tr("WORKING ORDERS · %1"), snapshot.workingOrders);
    m_fillsModel->applySnapshot(snapshot.recentFills);
    setDockTitle(m_fillsDock, tr("FILLS · %1 today").arg(snapshot.fills));
    m_alertsModel->applySnapshot(snapshot.alerts);
    const int critical = m_alertsModel->criticalCount();
    setDockTitle(m_alertsDock,
                 critical > 0 ? tr("ALERTS · %1 (%n critical)", nullptr, critical).arg(snapshot.alerts.size())
                              : tr("ALERTS · %1").arg(snapshot.alerts.size()),
                 critical != m_shownCritical);
    m_shownCritical = critical;
    const QString limits = breaches > 0   ? tr("LIMITS · %n in breach", nullptr, breaches)
                           : warnings > 0 ? tr("LIMITS · %n near the limit", nullptr, warnings)
                                          : tr("LIMITS · all within");
    setDockTitle(m_limitsDock, limits, true);
    m_health->applySnapshot(snapshot);
    m_execution->applySnapshot(snapshot);
    const ExecutionFigures &execution = snapshot.execution;
    setDockTitle(m_executionDock,
                 execution.fillRatePct() < 0
                     ? tr("EXECUTION")
                     : tr("EXECUTION · fill rate %1").arg(format::percent(execution.fillRatePct() / 100.0)));
    setCountTitle(m_positionsDock, tr("OPEN POSITIONS · %1 open"), snapshot.positions.size());
    m_reconciliation->applySnapshot(snapshot);
    setDockTitle(m_reconciliationDock, m_reconciliation->title(), true);
    m_incidents->applySnapshot(snapshot);
    if (m_desktopAlerts)
        m_desktopAlerts->applySnapshot(snapshot);
    setDockTitle(m_incidentsDock, m_incidents->title(), true);
    if (snapshot.reconciliation->ran() && snapshot.reconciliation != m_reconciliationShown) {
        m_reconciliationShown = snapshot.reconciliation;
        // While the session runs, the engine's own view: open differences, not merely any.
        const ReconciliationView &v = *snapshot.reconciliation;
        QStringList open;
        for (const ReconciliationDifferenceRow &d : v.differences)
            if ((d.status == ReconciliationDifferenceRow::Status::Open
                 || d.status == ReconciliationDifferenceRow::Status::Resolving)
                && !open.contains(QString::fromStdString(d.symbol.empty() ? d.key : d.symbol)))
                open << QString::fromStdString(d.symbol.empty() ? d.key : d.symbol);
        const QString tip = QString::fromStdString(v.last().summary);
        if (!open.isEmpty())
            showReconciliationStatus(open.size() == 1 ? tr("BOOKS DIFFER: %1").arg(open.first())
                                                      : tr("BOOKS DIFFER: %1 symbols").arg(open.size()),
                                     theme::Tone::Loss, tip);
        else if (!v.last().complete)
            showReconciliationStatus(tr("RECONCILIATION INCOMPLETE"), theme::Tone::Warning, tip);
        else
            showReconciliationStatus(tr("books agree, %1").arg(QString::fromStdString(v.last().clock)),
                                     theme::Tone::Muted, tip);
    }

    theme::setText(m_statusVersion, tr("Snapshot #%1").arg(snapshot.version));
    theme::setText(
        m_statusSession,
        tr("Session %1 · New York %2 · %3")
            .arg(snapshot.sessionDate.empty() ? format::none() : QString::fromStdString(snapshot.sessionDate),
                 snapshot.simClock.empty() ? format::none() : QString::fromStdString(snapshot.simClock),
                 HeaderStrip::phaseName(snapshot.phase)));

    if (m_backupMonitor)
        m_backupMonitor->setSessionOpen(snapshot.phase == SessionPhase::Open); // intraday backups while open
    if (snapshot.phase == SessionPhase::Closed && m_backupMonitor)
        m_backupMonitor->sessionClosed(QString::fromStdString(snapshot.sessionDate)); // once per session
    // After the close the engine takes no command: no drill can start.
    if (m_drillsMenu)
        m_drillsMenu->setEnabled(snapshot.phase != SessionPhase::Closed);
    if (snapshot.phase == SessionPhase::NotStarted)
        showWaiting(&snapshot);
    else
        m_pages->setCurrentWidget(m_dashboard);
}

void MainWindow::showWaiting(const Snapshot *snapshot)
{
    if (!snapshot) {
        theme::setText(m_waitingDetail, tr("No snapshot has been published yet."));
        theme::setText(m_statusVersion, tr("No snapshot yet"));
    } else {
        theme::setText(
            m_waitingDetail,
            tr("The engine is running; the session for %1 has not started (snapshot #%2).")
                .arg(snapshot->sessionDate.empty() ? format::none() : QString::fromStdString(snapshot->sessionDate))
                .arg(snapshot->version));
    }
    m_pages->setCurrentWidget(m_waitingPage);
}

bool MainWindow::isWaitingForEngine() const { return m_pages->currentWidget() == m_waitingPage; }

QString MainWindow::stateText() const { return m_shown ? m_header->stateText() : QString(); }

QString MainWindow::dailyPnlText() const { return m_shown ? m_tiles->valueText(PnlTiles::Tile::DailyPnl) : QString(); }

std::uint64_t MainWindow::shownVersion() const { return m_shown ? m_shown->version : 0; }

} // namespace vigil
