#include "RestoreWizard.h"

#include "Background.h"
#include "BackupWizard.h"
#include "StepPage.h"
#include "Theme.h"

#include "api/Assembly.h"
#include "api/BackupAnchors.h"
#include "api/BackupCatalog.h"
#include "api/BackupWriter.h"
#include "api/JournalBooks.h"
#include "api/Reconciliation.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace vigil {

namespace {

/// "3 h 12 min", "2 days 4 h": how old a backup is, which is what a restore loses.
QString ageText(std::int64_t seconds)
{
    if (seconds < 0)
        seconds = 0;
    const std::int64_t minutes = seconds / 60, hours = minutes / 60, days = hours / 24;
    if (days > 0)
        return RestoreWizard::tr("%1 days %2 h").arg(days).arg(hours % 24);
    if (hours > 0)
        return RestoreWizard::tr("%1 h %2 min").arg(hours).arg(minutes % 60);
    return RestoreWizard::tr("%1 min").arg(minutes);
}

QString scopeText(RestoreScope scope)
{
    switch (scope) {
    case RestoreScope::All: return RestoreWizard::tr("everything (journal, broker file, configuration)");
    case RestoreScope::Config: return RestoreWizard::tr("the configuration only");
    case RestoreScope::Journal: return RestoreWizard::tr("the journal only (the broker's file is left as it is)");
    }
    return {};
}

QLabel *wrapped(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QTextBrowser *report(QWidget *parent)
{
    auto *text = new QTextBrowser(parent);
    text->setFont(theme::monospaceFont(12));
    text->setMinimumHeight(220);
    return text;
}

// -------------------------------------------------------------------------------------
class ChoosePage final : public QWizardPage {
public:
    explicit ChoosePage(RestoreWizard *wizard)
        : m_wizard(wizard)
    {
        setTitle(RestoreWizard::tr("Choose a backup"));
        setSubTitle(
            RestoreWizard::tr("A restore loses whatever happened after the backup was taken: its age is the "
                              "data-loss window. Trading stays stopped until the restore is done and checked."));
        auto *layout = new QVBoxLayout(this);
        const RestoreWizard::Setup &setup = wizard->setup();
        if (!setup.why.isEmpty()) {
            auto *why = wrapped(setup.why, this);
            theme::setTone(why, theme::Tone::Loss);
            layout->addWidget(why);
        }
        auto *scopes = new QHBoxLayout;
        scopes->addWidget(new QLabel(RestoreWizard::tr("Restore:"), this));
        m_scopes = new QButtonGroup(this);
        for (RestoreScope scope : {RestoreScope::All, RestoreScope::Config, RestoreScope::Journal}) {
            auto *button = new QRadioButton(scopeText(scope), this);
            button->setChecked(scope == setup.scope);
            m_scopes->addButton(button, static_cast<int>(scope));
            scopes->addWidget(button);
        }
        scopes->addStretch(1);
        layout->addLayout(scopes);

        m_list = new QTreeWidget(this);
        m_list->setObjectName(QStringLiteral("backupList"));
        m_list->setRootIsDecorated(false);
        m_list->setHeaderLabels({RestoreWizard::tr("Taken (local time)"), RestoreWizard::tr("Age: data lost"),
                                 RestoreWizard::tr("Type"), RestoreWizard::tr("Status"), RestoreWizard::tr("Size"),
                                 RestoreWizard::tr("File")});
        m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
        layout->addWidget(m_list, 1);
        m_warning = wrapped(QString(), this);
        m_warning->setObjectName(QStringLiteral("backupWarning"));
        theme::setTone(m_warning, theme::Tone::Loss);
        layout->addWidget(m_warning);
        auto *buttons = new QHBoxLayout;
        auto *other = new QPushButton(RestoreWizard::tr("Another file…"), this);
        buttons->addWidget(other);
        // With no backup to restore, the first thing to do is to make one of what is there.
        m_backUp = new QPushButton(RestoreWizard::tr("Back up what is here now…"), this);
        m_backUp->setObjectName(QStringLiteral("backUpNow"));
        buttons->addWidget(m_backUp);
        buttons->addStretch(1);
        connect(m_backUp, &QPushButton::clicked, this, [this] {
            BackupRequest request;
            request.dataDir = m_wizard->setup().dataDir;
            request.backupsDir = m_wizard->setup().backupsDir;
            if (QFileInfo::exists(m_wizard->setup().configTarget))
                request.configFiles << m_wizard->setup().configTarget;
            BackupWizard backup(request, this);
            backup.exec();
            initializePage(); // the new backup is listed
        });
        layout->addLayout(buttons);
        m_other = other;
        other->setObjectName(QStringLiteral("otherFile"));
        connect(other, &QPushButton::clicked, this, [this] {
            // The backups directory if there is one; on a fresh machine, the home directory.
            const QString start = QFileInfo(backupsDir()).isDir() ? backupsDir() : QDir::homePath();
            QFileDialog dialog(this, RestoreWizard::tr("Backup file"), start,
                               RestoreWizard::tr("Vigil backups (*.tar)"));
            dialog.setObjectName(QStringLiteral("backupFileDialog"));
            dialog.setFileMode(QFileDialog::ExistingFile);
            // The newest archive there is the likely one: chosen already, Open takes it.
            const QFileInfoList tars = QDir(start).entryInfoList({QStringLiteral("*.tar")}, QDir::Files, QDir::Time);
            if (!tars.isEmpty())
                dialog.selectFile(tars.first().fileName());
            if (dialog.exec() == QDialog::Accepted && !dialog.selectedFiles().isEmpty())
                addFile(dialog.selectedFiles().first());
        });
        connect(m_list, &QTreeWidget::itemSelectionChanged, this, &QWizardPage::completeChanged);
    }

    void initializePage() override
    {
        m_list->clear();
        int usable = 0, verified = 0;
        for (const BackupEntry &b : listBackups(backupsDir())) {
            const bool bad = b.status == BackupStatus::Bad;
            addRow(b.path, b.createdAt, backupTypeText(b.type), backupStatusText(b.status), b.size, !bad, false);
            usable += bad ? 0 : 1;
            verified += b.status == BackupStatus::Verified ? 1 : 0;
        }
        m_backUp->setVisible(usable == 0 && m_wizard->setup().backupFile.isEmpty());
        if (m_list->topLevelItemCount() == 0)
            m_warning->setText(RestoreWizard::tr("There is no backup in %1. Choose a file kept elsewhere, or back up "
                                                 "what is here now, before anything else goes wrong.")
                                   .arg(backupsDir()));
        else if (usable == 0)
            m_warning->setText(RestoreWizard::tr("Every backup in %1 failed its verification: none can be restored. "
                                                 "Choose a file kept elsewhere, or back up what is here now.")
                                   .arg(backupsDir()));
        else if (verified == 0)
            m_warning->setText(RestoreWizard::tr("No backup here has been verified yet; the next page verifies the one "
                                                 "chosen before anything is touched."));
        else
            m_warning->clear();
        // The newest usable backup is the likely choice.
        for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
            if (!(m_list->topLevelItem(i)->flags() & Qt::ItemIsSelectable))
                continue;
            m_list->setCurrentItem(m_list->topLevelItem(i));
            break;
        }
        if (!m_wizard->setup().backupFile.isEmpty()) {
            addFile(m_wizard->setup().backupFile);
        } else if (usable == 0 && !m_askedForFile && m_wizard->setup().scope == RestoreScope::All
                   && !QFileInfo::exists(QDir(m_wizard->setup().dataDir).filePath(QLatin1String(kJournalMember)))
                   && !QFileInfo::exists(QDir(m_wizard->setup().dataDir).filePath(QLatin1String(kBrokerMember)))) {
            // Everything to restore, no books here and no backup to list (a new machine):
            // the backup is a file kept elsewhere, so the dialog to choose it comes first.
            // Once: after a Back, the page stays as it was left.
            m_askedForFile = true;
            QTimer::singleShot(0, m_other, &QPushButton::click);
        }
    }

    bool isComplete() const override { return m_list->currentItem() && m_list->currentItem()->isSelected(); }

    bool validatePage() override
    {
        m_wizard->choose(m_list->currentItem()->data(0, Qt::UserRole).toString(),
                         static_cast<RestoreScope>(m_scopes->checkedId()));
        return true;
    }

private:
    QString backupsDir() const
    {
        const RestoreWizard::Setup &s = m_wizard->setup();
        return s.backupsDir.isEmpty() ? defaultBackupsDir(s.dataDir) : s.backupsDir;
    }

    /// A file chosen outside the backups directory: its time and type are the manifest's
    /// (a copy's file times are the copy's), verified on the next page.
    void addFile(const QString &file)
    {
        for (int i = 0; i < m_list->topLevelItemCount(); ++i)
            if (QFileInfo(m_list->topLevelItem(i)->data(0, Qt::UserRole).toString()) == QFileInfo(file)) {
                m_list->setCurrentItem(m_list->topLevelItem(i));
                m_warning->clear();
                return;
            }
        QString error;
        const std::optional<BackupManifest> manifest = readBackupManifest(file, error);
        if (manifest) {
            addRow(file, manifest->createdAt, backupTypeText(manifest->type),
                   RestoreWizard::tr("unverified: verified on the next page"), QFileInfo(file).size(), true, true);
            m_warning->clear();
            m_backUp->hide();
        } else {
            addRow(file, {}, QStringLiteral("?"), RestoreWizard::tr("unreadable"), QFileInfo(file).size(), false,
                   false);
            m_warning->setText(RestoreWizard::tr("%1 cannot be restored: %2").arg(file, error));
        }
    }

    void addRow(const QString &path, const QDateTime &taken, const QString &type, const QString &status, qint64 size,
                bool usable, bool select)
    {
        const std::int64_t age = taken.isValid() ? taken.secsTo(QDateTime::currentDateTimeUtc()) : -1;
        auto *item = new QTreeWidgetItem(
            {taken.isValid() ? QLocale().toString(taken.toLocalTime(), QLocale::ShortFormat) : QStringLiteral("?"),
             age >= 0 ? ageText(age) : QStringLiteral("?"), type, status, QLocale().formattedDataSize(size),
             QFileInfo(path).fileName()});
        item->setData(0, Qt::UserRole, path);
        item->setToolTip(5, path);
        if (!usable) {
            item->setFlags(item->flags() & ~(Qt::ItemIsSelectable | Qt::ItemIsEnabled));
            item->setForeground(3, QColor(0xf8, 0x51, 0x49));
        }
        m_list->addTopLevelItem(item);
        if (select)
            m_list->setCurrentItem(item);
    }

    RestoreWizard *m_wizard;
    QButtonGroup *m_scopes = nullptr;
    QTreeWidget *m_list = nullptr;
    QLabel *m_warning = nullptr;
    QPushButton *m_backUp = nullptr;
    QPushButton *m_other = nullptr;
    bool m_askedForFile = false;
};

// -------------------------------------------------------------------------------------
class VerifyPage final : public StepPage {
public:
    explicit VerifyPage(RestoreWizard *wizard)
        : StepPage(RestoreWizard::tr("Verify the backup"),
                   RestoreWizard::tr("Every file's SHA-256 against the backup's manifest, the journal's integrity and "
                                     "its schema, read again now: a backup that changed since it was written is "
                                     "refused here, before anything live is touched."))
        , m_wizard(wizard)
    {}

    void initializePage() override
    {
        begin();
        const QString backup = m_wizard->chosenBackup();
        runInBackground<BackupCheck>(
            this, [backup](const BackupProgress &progress) { return verifyBackup(backup, progress); },
            [this](int percent, const QString &step) { showProgress(percent, step); },
            [this, backup](const BackupCheck &check) {
                recordVerification(backup, check);
                QStringList lines;
                if (check.ok()) {
                    lines << RestoreWizard::tr("VERIFIED: %1").arg(backup);
                    lines << RestoreWizard::tr("taken %1 (%2), %3 files, journal schema %4")
                                 .arg(check.manifest->createdAt.toLocalTime().toString(Qt::ISODate),
                                      backupTypeText(check.manifest->type))
                                 .arg(check.manifest->members.size())
                                 .arg(check.schemaVersion);
                    if (!check.note.isEmpty())
                        lines << check.note;
                } else {
                    lines << RestoreWizard::tr("REFUSED: this backup cannot be restored. Nothing was touched.");
                    lines << check.problems;
                }
                finish(check.ok(), lines.join(QLatin1Char('\n')),
                       check.ok() ? RestoreWizard::tr("verified") : RestoreWizard::tr("failed"));
            });
    }

private:
    RestoreWizard *m_wizard;
};

// -------------------------------------------------------------------------------------
class PlanPage final : public StepPage {
public:
    explicit PlanPage(RestoreWizard *wizard)
        : StepPage(RestoreWizard::tr("What the restore would change"),
                   RestoreWizard::tr("A dry run: nothing has been changed yet. Restore takes a safety backup of the "
                                     "current state first and puts it back if any step fails."))
        , m_wizard(wizard)
    {
        setCommitPage(true);
        setButtonText(QWizard::CommitButton, RestoreWizard::tr("Restore"));
    }

    void initializePage() override
    {
        begin();
        const RestoreRequest request = m_wizard->request(true);
        runInBackground<RestoreResult>(
            this, [request](const BackupProgress &progress) { return restoreBackup(request, progress); },
            [this](int percent, const QString &step) { showProgress(percent, step); },
            [this](const RestoreResult &r) {
                finish(r.ok(),
                       r.ok() ? describe(r.plan)
                              : RestoreWizard::tr("The dry run failed: %1\nNothing was touched.").arg(r.error),
                       r.ok() ? RestoreWizard::tr("planned") : RestoreWizard::tr("failed"));
            });
    }

    static QString describe(const RestorePlan &plan)
    {
        QStringList lines;
        lines << RestoreWizard::tr("Data-loss window: %1 (everything after the backup was taken is lost)")
                     .arg(ageText(plan.dataLossSeconds));
        lines << QString() << RestoreWizard::tr("Files:");
        for (const RestoreTarget &t : plan.targets)
            lines << QStringLiteral("  %1  %2")
                         .arg(!t.exists     ? RestoreWizard::tr("new      ")
                              : t.identical ? RestoreWizard::tr("unchanged")
                                            : RestoreWizard::tr("replaced "),
                              t.live);
        auto journal = [](const JournalFigures &j) {
            if (!j.present)
                return RestoreWizard::tr("none");
            if (!j.problem.isEmpty())
                return RestoreWizard::tr("unreadable: %1").arg(j.problem);
            return RestoreWizard::tr("%1 orders, %2 fills, %3 open positions, last session %4, schema %5")
                .arg(j.orders)
                .arg(j.fills)
                .arg(j.openPositions < 0 ? QStringLiteral("?") : QString::number(j.openPositions))
                .arg(j.lastSession.isEmpty() ? QStringLiteral("-") : j.lastSession)
                .arg(j.schemaVersion);
        };
        lines << QString() << RestoreWizard::tr("Journal now:        %1").arg(journal(plan.currentJournal));
        lines << RestoreWizard::tr("Journal restored:   %1").arg(journal(plan.backupJournal));
        if (!plan.configDifferences.isEmpty()) {
            lines << QString() << RestoreWizard::tr("Configuration differences (- now, + restored):");
            for (const QString &d : plan.configDifferences)
                lines << QStringLiteral("  ") + d;
        }
        if (!plan.notes.isEmpty())
            lines << QString() << plan.notes;
        return lines.join(QLatin1Char('\n'));
    }

private:
    RestoreWizard *m_wizard;
};

// -------------------------------------------------------------------------------------
class RunPage final : public StepPage {
public:
    explicit RunPage(RestoreWizard *wizard)
        : StepPage(RestoreWizard::tr("Restoring"),
                   RestoreWizard::tr("Safety backup, staging, the swap and the checks after it. If a step fails, the "
                                     "state before is put back."))
        , m_wizard(wizard)
    {
        m_needsSuccess = false; // the last page says what happened either way
    }

    void initializePage() override
    {
        begin();
        m_steps.clear();
        wizard()->button(QWizard::CancelButton)->setEnabled(false); // a restore under way is never cut off
        const RestoreRequest request = m_wizard->request(false);
        runInBackground<RestoreResult>(
            this, [request](const BackupProgress &progress) { return restoreBackup(request, progress); },
            [this](int percent, const QString &step) {
                showProgress(percent, step);
                if (!step.isEmpty() && (m_steps.isEmpty() || m_steps.last() != step)) {
                    m_steps << step;
                    m_report->setPlainText(m_steps.join(QLatin1Char('\n')));
                }
            },
            [this](const RestoreResult &r) {
                m_wizard->setResult(r);
                QStringList lines = r.steps;
                if (!r.safetyBackup.isEmpty())
                    lines << RestoreWizard::tr("Safety backup of the state before: %1").arg(r.safetyBackup);
                if (r.ok() && r.applied)
                    lines << QString() << RestoreWizard::tr("RESTORED and checked.");
                else
                    lines << QString() << RestoreWizard::tr("FAILED: %1").arg(r.error)
                          << (r.applied ? RestoreWizard::tr("The restored files are in place.")
                                        : RestoreWizard::tr("The data directory is as it was before the restore."));
                wizard()->button(QWizard::CancelButton)->setEnabled(true);
                finish(r.ok() && r.applied, lines.join(QLatin1Char('\n')),
                       r.ok() ? RestoreWizard::tr("done") : RestoreWizard::tr("failed"));
                // A success has nothing to decide here: the last page shows its steps with
                // the books. A failure stays, to be read.
                if (r.ok() && r.applied)
                    QTimer::singleShot(0, wizard(), &QWizard::next);
            });
    }

private:
    QStringList m_steps;
    RestoreWizard *m_wizard;
};

// -------------------------------------------------------------------------------------
class DonePage final : public QWizardPage {
public:
    explicit DonePage(RestoreWizard *wizard)
        : m_wizard(wizard)
    {
        setTitle(RestoreWizard::tr("Done"));
        auto *layout = new QVBoxLayout(this);
        m_summary = wrapped(QString(), this);
        layout->addWidget(m_summary);
        m_report = report(this);
        layout->addWidget(m_report, 1);
    }

    void initializePage() override
    {
        const RestoreResult &r = m_wizard->result();
        if (!(r.ok() && r.applied)) {
            m_summary->setText(RestoreWizard::tr("The restore did not complete: %1").arg(r.error));
            theme::setTone(m_summary, theme::Tone::Loss);
            m_report->setPlainText(r.steps.join(QLatin1Char('\n')));
            return;
        }
        // What was put in place, not what the scope allowed (a backup may hold no configuration).
        QStringList files;
        for (const RestoreTarget &t : r.plan.targets)
            files << QFileInfo(t.live).fileName();
        m_summary->setText(
            RestoreWizard::tr("Restored %1 from %2; %3 of data lost. Vigil starts on it when you finish, "
                              "PAUSED (reduce-only): resume once the reconciliation is clean.")
                .arg(QLocale().createSeparatedList(files), m_wizard->chosenBackup(), ageText(r.plan.dataLossSeconds)));
        theme::setTone(m_summary, theme::Tone::Profit);
        if (m_wizard->scope() == RestoreScope::Config) {
            m_report->setPlainText(
                RestoreWizard::tr("The configuration only was restored: the books were not touched."));
            return;
        }
        // The books against the broker's, as the next start's reconciliation will find them
        // (before it settles the open orders with the broker by client order id).
        const QString dir = m_wizard->setup().dataDir;
        InternalBooks books;
        const QString error = journalBooks(QDir(dir).filePath(QStringLiteral("journal.sqlite")), books);
        QStringList lines;
        if (!error.isEmpty()) {
            lines << RestoreWizard::tr("The books could not be compared with the broker's: %1").arg(error);
        } else {
            const ReconciliationResult recon =
                reconcile(books, makeBrokerRecords(VenueConfig{}, dir)->statement()); // the restored broker file
            if (recon.clean())
                lines << RestoreWizard::tr("The journal's books agree with the broker's: %1")
                             .arg(QString::fromStdString(summarize(recon)));
            else if (!recon.complete())
                lines << RestoreWizard::tr("The books could not be compared with the broker's: %1")
                             .arg(QString::fromStdString(recon.incompleteReason));
            if (!recon.differences.empty()) {
                lines << RestoreWizard::tr("THE BOOKS DIFFER from the broker's (%1): the start settles the open orders "
                                           "with the broker; every difference left blocks its symbol until it is "
                                           "resolved in the RECONCILIATION panel.")
                             .arg(recon.differences.size() == 1
                                      ? RestoreWizard::tr("1 difference")
                                      : RestoreWizard::tr("%1 differences").arg(recon.differences.size()));
                for (const Difference &d : recon.differences)
                    lines << QStringLiteral("  ") + QString::fromStdString(d.describe());
            }
        }
        lines << QString() << r.steps;
        if (!r.safetyBackup.isEmpty())
            lines << RestoreWizard::tr("Safety backup of the state before: %1").arg(r.safetyBackup);
        m_report->setPlainText(lines.join(QLatin1Char('\n')));
    }

private:
    RestoreWizard *m_wizard;
    QLabel *m_summary = nullptr;
    QTextBrowser *m_report = nullptr;
};

} // namespace

RestoreWizard::RestoreWizard(Setup setup, QWidget *parent)
    : QWizard(parent)
    , m_setup(std::move(setup))
{
    setObjectName(QStringLiteral("restoreWizard"));
    setWindowTitle(tr("Vigil — restore from a backup"));
    setWizardStyle(QWizard::ClassicStyle);
    if (!parent) // shown before (or instead of) the console's window: its colours all the same
        setStyleSheet(theme::styleSheet());
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setOption(QWizard::NoBackButtonOnStartPage);
    setPage(ChoosePage, new vigil::ChoosePage(this));
    setPage(VerifyPage, new vigil::VerifyPage(this));
    setPage(PlanPage, new vigil::PlanPage(this));
    setPage(RestorePage, new RunPage(this));
    setPage(DonePage, new vigil::DonePage(this));
    resize(900, 620);
}

void RestoreWizard::choose(const QString &backup, RestoreScope scope)
{
    m_backup = backup;
    m_setup.scope = scope;
}

RestoreRequest RestoreWizard::request(bool dryRun) const
{
    RestoreRequest r;
    r.backupFile = m_backup;
    r.dataDir = m_setup.dataDir;
    r.configTarget = m_setup.configTarget;
    r.backupsDir = m_setup.backupsDir;
    r.scope = m_setup.scope;
    r.dryRun = dryRun;
    return r;
}

} // namespace vigil
