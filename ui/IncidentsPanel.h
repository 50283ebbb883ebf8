#pragma once
// The Incidents panel: every incident open, and those signed off this session; for the
// selected one its root-cause analysis as a form the operator fills in (saved field by field
// as cmd::UpdateIncident, so each change is journaled and audited), its timeline as the
// journal tells it (read off the GUI thread), notes, the sign-off (armed in the control bar,
// where the operator's note is the reason) and the export to PDF or Markdown.
//
// Thread affinity: GUI thread. It never waits for the engine: commands go through
// `Actions`, answers come back as answered(); the journal is read on Qt's thread pool.

#include "api/Commands.h"
#include "api/IncidentFile.h"
#include "api/Snapshot.h"

#include <QWidget>

#include <array>
#include <functional>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTableWidget;
class QTabWidget;

namespace vigil {

class IncidentsModel;

class IncidentsPanel final : public QWidget {
    Q_OBJECT

public:
    using CommandSink = std::function<void(Command, std::function<void(const CommandResult &)>)>;
    struct Actions {
        std::function<void(Command)> arm; ///< shows a prepared command in the control bar (the sign-off)
        CommandSink send;                 ///< sends a command now (the analysis, notes)
        QString actor;                    ///< who the console is ("ann (console)")
        QString journal;                  ///< the journal's file, for the timeline and the exports
    };

    explicit IncidentsPanel(QWidget *parent = nullptr);
    /// Without actions the panel only shows (its buttons stay disabled, no timeline).
    void setActions(Actions actions);
    void applySnapshot(const Snapshot &snapshot);

    /// "INCIDENTS · 1 open" and the like, for the dock's title.
    QString title() const { return m_title; }
    IncidentsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /// Selects incident `id` (false: no such row).
    bool select(std::uint64_t id);
    /// The analysis editor of `field` (kAnalysisFields only).
    QPlainTextEdit *editor(IncidentField field) const;
    /// The buttons: "save", "note", "signoff", "pdf", "markdown", "refresh".
    QPushButton *button(const QString &name) const;
    /// Sends every analysis field edited since it was shown; returns how many were sent.
    int saveAnalysis();
    /// Adds `text` as a note on the selected incident.
    void addNote(const QString &text);
    /// Arms the sign-off of the selected incident in the control bar.
    void armSignOff();
    /// Writes the selected incident, read afresh from the journal, to `file` (PDF when it ends
    /// in .pdf, Markdown otherwise); the outcome comes as exported().
    void exportTo(const QString &file);
    /// Reads the selected incident's timeline from the journal again.
    void reloadTimeline();
    /// The timeline as shown (rows of time, kind, who, what).
    QTableWidget *timeline() const { return m_timeline; }

Q_SIGNALS:
    /// The engine's answer to a command the panel sent.
    void answered(bool ok, const QString &message);
    /// The journal was read for the timeline (rows shown), or could not be (`error`).
    void timelineLoaded(const QString &error);
    /// An export ended: `error` empty on success.
    void exported(const QString &file, const QString &error);

private:
    const IncidentRow *selected() const;
    void showSelected();
    void updateButtons();
    void send(Command command);
    void showTimeline(const IncidentReport &report);

    Actions m_actions;
    IncidentsModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_headline = nullptr;
    QLabel *m_detail = nullptr;
    QTabWidget *m_tabs = nullptr;
    std::array<QPlainTextEdit *, kAnalysisFields.size()> m_editors{};
    /// What each editor last showed from the engine: an editor whose text differs was edited.
    std::array<QString, kAnalysisFields.size()> m_shownText;
    QTableWidget *m_timeline = nullptr;
    QLabel *m_timelineStatus = nullptr;
    QMap<QString, QPushButton *> m_buttons;
    QString m_title;
    std::shared_ptr<const IncidentList> m_shown; ///< the list on screen
    std::uint64_t m_shownId = 0;                 ///< the incident the details show
    IncidentRow m_shownRow;                      ///< ... as it was when shown
    std::uint64_t m_timelineRequest = 0;         ///< the newest read asked for (older answers are dropped)
};

} // namespace vigil
