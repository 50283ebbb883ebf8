#include "BackupWizard.h"

#include "Background.h"
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
        setSubTitle(BackupWizard::tr("Always: a consistent snapshot of the journal and of the broker's file, taken while "
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
        auto *note = new QLabel(BackupWizard::tr("A copy kept on another disk or machine survives the loss of this one."),
                                this);
        note->setWordWrap(true);
        note->setObjectName(QStringLiteral("fieldDetail"));
        layout->addWidget(note);
        layout->addStretch(1);
        connect(browse, &QPushButton::clicked, this, [this] {
            const QString dir = QFileDialog::getExistingDirectory(this, BackupWizard::tr("Backups directory"), m_dir->text());
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

class RunPage final : public QWizardPage {
public:
    explicit RunPage(BackupWizard *wizard)
        : m_wizard(wizard)
    {
        setTitle(BackupWizard::tr("Backing up"));
        auto *layout = new QVBoxLayout(this);
        m_bar = new QProgressBar(this);
        m_bar->setRange(0, 100);
        m_step = new QLabel(this);
        m_step->setObjectName(QStringLiteral("fieldDetail"));
        m_report = new QTextBrowser(this);
        m_report->setFont(theme::monospaceFont(12));
        layout->addWidget(m_bar);
        layout->addWidget(m_step);
        layout->addWidget(m_report, 1);
    }

    void initializePage() override
    {
        m_done = false;
        m_report->clear();
        wizard()->button(QWizard::CancelButton)->setEnabled(false); // a backup under way runs to its end
        const BackupRequest request = m_wizard->request();
        runInBackground<BackupResult>(
            this, [request](const BackupProgress &progress) { return createBackup(request, progress); },
            [this](int percent, const QString &step) {
                m_bar->setValue(percent);
                m_step->setText(step);
            },
            [this](const BackupResult &r) {
                m_done = true;
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
                m_report->setPlainText(lines.join(QLatin1Char('\n')));
                m_bar->setValue(100);
                m_step->setText(r.ok() ? BackupWizard::tr("done and verified") : BackupWizard::tr("failed"));
                theme::setTone(m_step, r.ok() ? theme::Tone::Profit : theme::Tone::Loss);
                wizard()->button(QWizard::CancelButton)->setEnabled(true);
                Q_EMIT completeChanged();
            });
    }

    bool isComplete() const override { return m_done; }

private:
    BackupWizard *m_wizard;
    QProgressBar *m_bar = nullptr;
    QLabel *m_step = nullptr;
    QTextBrowser *m_report = nullptr;
    bool m_done = false;
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
