#pragma once
// The checklists panel: the latest pre-market and end-of-day runs, each item with its
// verdict, what was measured, the threshold and what to do; one click runs a whole
// checklist again; when intraday strategies are not flat at the end of the day, a button
// per strategy arms its flatten in the control bar.
//
// Thread affinity: GUI thread. It never runs a check itself: `Actions` ask for a run
// (gathered and recorded off this thread) and results come back through showResult().

#include "api/Checklist.h"
#include "api/Commands.h"

#include <QWidget>

#include <functional>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace vigil {

class ChecklistModel;

class ChecklistPanel final : public QWidget {
    Q_OBJECT

public:
    struct Actions {
        std::function<void(ChecklistKind)> run; ///< runs the checklist now (recorded)
        std::function<void(Command)> arm;       ///< shows a prepared command in the control bar
    };

    explicit ChecklistPanel(QWidget *parent = nullptr);
    /// Without actions the panel only shows (its buttons stay disabled).
    void setActions(Actions actions);
    /// A run's result (from the schedule, a button or `vigil check`).
    void showResult(const ChecklistResult &result);

    /// "CHECKLISTS · 1 FAIL" and the like, for the dock's title; urgent() when an item fails.
    QString title() const { return m_title; }
    bool urgent() const { return m_urgent; }
    QString headline(ChecklistKind kind) const;
    /// What the failing and warning items of the last run ask for, one line each.
    QString advice(ChecklistKind kind) const;
    ChecklistModel *model(ChecklistKind kind) const;
    QPushButton *runButton(ChecklistKind kind) const;
    /// The "Flatten STRATEGY" buttons offered for intraday strategies left open.
    QList<QPushButton *> flattenButtons() const;

Q_SIGNALS:
    void titleChanged();

private:
    struct Section {
        ChecklistModel *model = nullptr;
        QTableView *view = nullptr;
        QLabel *headline = nullptr;
        QLabel *advice = nullptr; ///< what the failing and warning items ask for
        QPushButton *run = nullptr;
        bool shown = false;
    };
    Section &section(ChecklistKind kind) { return kind == ChecklistKind::PreMarket ? m_preMarket : m_endOfDay; }
    const Section &section(ChecklistKind kind) const
    {
        return kind == ChecklistKind::PreMarket ? m_preMarket : m_endOfDay;
    }
    QWidget *buildSection(ChecklistKind kind);
    void offerFlatten(const ChecklistResult &result);
    void updateTitle();

    Actions m_actions;
    Section m_preMarket;
    Section m_endOfDay;
    QTabWidget *m_tabs = nullptr;
    QHBoxLayout *m_flattenRow = nullptr;
    QLabel *m_flattenLabel = nullptr;
    QList<QPushButton *> m_flattenButtons;
    QString m_title;
    bool m_urgent = false;
};

} // namespace vigil
