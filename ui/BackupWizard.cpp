#include "BackupWizard.h"

#include "Background.h"
#include "StepPage.h"
#include "Theme.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace vigil {

namespace {

class OptionsPage final : public QWizardPage {
public:
    explicit OptionsPage(BackupWizard *wizard)
        : m_wizard(wizard)
    {
        setTitle(BackupWizard::tr("What to back up, and where"));
        setSubTitle(
            BackupWizard::tr("Always: a consistent snapshot of the journal and of the broker's file, taken while "
                             "trading goes on, and the configuration. Never: broker secrets."));
        auto *layout = new QVBoxLayout(this);
        m_logs = new QCheckBox(BackupWizard::tr("Include the logs"), this);
        m_logs->setObjectName(QStringLiteral("includeLogs"));
        layout->addWidget(m_logs);
        auto *where = new QHBoxLayout;
        where->addWidget(new QLabel(BackupWizard::tr("Backups directory:"), this));
        m_dir = new QLineEdit(this);
        m_dir->setObjectName(QStringLiteral("backupsDir"));
        where->addWidget(m_dir, 1);
        auto *browse = new QPushButton(BackupWizard::tr("Choose…"), this);
        where->addWidget(browse);
        layout->addLayout(where);
        auto *note =
            new QLabel(BackupWizard::tr("A copy kept on another disk or machine survives the loss of this one."), this);
        note->setWordWrap(true);
        note->setObjectName(QStringLiteral("fieldDetail"));
        layout->addWidget(note);
        layout->addStretch(1);
        connect(browse, &QPushButton::clicked, this, [this] {
            const QString dir =
                QFileDialog::getExistingDirectory(this, BackupWizard::tr("Backups directory"), m_dir->text());
            if (!dir.isEmpty())
                m_dir->setText(dir);
        });
        connect(m_dir, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    }

    void initializePage() override
    {
        const BackupRequest &r = m_wizard->request();
        m_dir->setText(r.backupsDir.isEmpty() ? defaultBackupsDir(r.dataDir) : r.backupsDir);
        m_logs->setChecked(r.includeLogs);
    }

    bool isComplete() const override { return !m_dir->text().trimmed().isEmpty(); }

    bool validatePage() override
    {
        m_wizard->request().backupsDir = m_dir->text().trimmed();
        m_wizard->request().includeLogs = m_logs->isChecked();
        return true;
    }

private:
    BackupWizard *m_wizard;
    QCheckBox *m_logs = nullptr;
    QLineEdit *m_dir = nullptr;
};

class RunPage final : public StepPage {
public:
    explicit RunPage(BackupWizard *wizard)
        : StepPage(BackupWizard::tr("Backing up"), QString())
        , m_wizard(wizard)
    {
        m_needsSuccess = false; // the report says what happened either way
    }

    void initializePage() override
    {
        begin();
        wizard()->button(QWizard::CancelButton)->setEnabled(false); // a backup under way runs to its end
        const BackupRequest request = m_wizard->request();
        runInBackground<BackupResult>(
            this, [request](const BackupProgress &progress) { return createBackup(request, progress); },
            [this](int percent, const QString &step) { showProgress(percent, step); },
            [this](const BackupResult &r) {
                m_wizard->setResult(r);
                QStringList lines;
                if (r.ok()) {
                    lines << BackupWizard::tr("VERIFIED: %1").arg(r.path);
                    lines << BackupWizard::tr("%n file(s), journal schema %1", nullptr,
                                              static_cast<int>(r.manifest.members.size()))
                                 .arg(r.manifest.schemaVersion);
                    for (const ManifestMember &m : r.manifest.members)
                        lines << QStringLiteral("  %1  %2 bytes  sha256 %3")
                                     .arg(m.name)
                                     .arg(m.size)
                                     .arg(QString::fromLatin1(m.sha256.toHex().left(16)));
                } else if (!r.path.isEmpty()) {
                    lines << BackupWizard::tr("BAD: %1 was written but failed its verification:").arg(r.path);
                    lines << r.check.problems;
                    if (!r.error.isEmpty())
                        lines << r.error;
                } else {
                    lines << BackupWizard::tr("FAILED: no backup was written: %1").arg(r.error);
                }
                if (!r.skipped.isEmpty())
                    lines << QString() << BackupWizard::tr("Left out:") << r.skipped;
                wizard()->button(QWizard::CancelButton)->setEnabled(true);
                finish(r.ok(), lines.join(QLatin1Char('\n')),
                       r.ok() ? BackupWizard::tr("done and verified") : BackupWizard::tr("failed"));
            });
    }

private:
    BackupWizard *m_wizard;
};

} // namespace

BackupWizard::BackupWizard(BackupRequest request, QWidget *parent)
    : QWizard(parent)
    , m_request(std::move(request))
{
    setObjectName(QStringLiteral("backupWizard"));
    setWindowTitle(tr("Vigil — make a backup"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setPage(OptionsPage, new vigil::OptionsPage(this));
    setPage(RunPage, new vigil::RunPage(this));
    resize(760, 480);
}

} // namespace vigil
