#pragma once
// A wizard page with one long step (verify, dry run, restore, backup): a progress bar, the
// line the step is on, and a report of what it found. The step runs off the GUI thread
// (Background.h); the page lets the operator on once it has finished and, unless said
// otherwise, succeeded. GUI thread only.

#include "Theme.h"

#include <QLabel>
#include <QProgressBar>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QWizardPage>

namespace vigil {

class StepPage : public QWizardPage {
public:
    StepPage(const QString &title, const QString &subtitle)
    {
        setTitle(title);
        setSubTitle(subtitle);
        auto *layout = new QVBoxLayout(this);
        m_bar = new QProgressBar(this);
        m_bar->setRange(0, 100);
        m_step = new QLabel(this);
        m_step->setObjectName(QStringLiteral("fieldDetail"));
        m_report = new QTextBrowser(this);
        m_report->setFont(theme::monospaceFont(12));
        m_report->setMinimumHeight(220);
        layout->addWidget(m_bar);
        layout->addWidget(m_step);
        layout->addWidget(m_report, 1);
    }

    bool isComplete() const override { return m_done && (m_ok || !m_needsSuccess); }

protected:
    void begin()
    {
        m_done = false;
        m_ok = false;
        m_report->clear();
        showProgress(0, QString());
        theme::setTone(m_step, theme::Tone::Muted);
    }
    void showProgress(int percent, const QString &step)
    {
        m_bar->setValue(percent);
        m_step->setText(step);
    }
    /// The step has ended: its report, and its last line in green or red.
    void finish(bool ok, const QString &report, const QString &step)
    {
        m_done = true;
        m_ok = ok;
        m_report->setPlainText(report);
        showProgress(100, step);
        theme::setTone(m_step, ok ? theme::Tone::Profit : theme::Tone::Loss);
        Q_EMIT completeChanged();
    }

    QTextBrowser *m_report = nullptr;
    bool m_needsSuccess = true; ///< false: the operator goes on whatever the step's outcome

private:
    QProgressBar *m_bar = nullptr;
    QLabel *m_step = nullptr;
    bool m_done = false;
    bool m_ok = false;
};

} // namespace vigil
