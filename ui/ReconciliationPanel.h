#pragma once
// The reconciliation panel: the last run (when, what started it, the result), the
// differences it found with what has been decided about each, the buttons that resolve the
// selected one (each arms the control bar, where the operator's note is the reason), the
// symbols whose entries are blocked, and this session's runs.
//
// Thread affinity: GUI thread. It never talks to the engine itself: `Actions` arm a
// prepared command in the control bar or ask for a run.

#include "api/Commands.h"
#include "api/Snapshot.h"

#include <QWidget>

#include <functional>
#include <map>
#include <memory>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace vigil {

class DifferencesModel;
class ReconciliationRunsModel;

class ReconciliationPanel final : public QWidget {
    Q_OBJECT

public:
    struct Actions {
        std::function<void(Command)> arm; ///< shows the prepared command in the control bar
        std::function<void()> runNow;     ///< asks for a reconciliation now
    };

    explicit ReconciliationPanel(QWidget *parent = nullptr);
    /// Without actions the panel only shows (its buttons stay disabled).
    void setActions(Actions actions);
    void applySnapshot(const Snapshot &snapshot);

    /// "RECONCILIATION · 2 open" and the like, for the dock's title.
    QString title() const { return m_title; }
    QString headline() const;
    DifferencesModel *differencesModel() const { return m_differences; }
    ReconciliationRunsModel *runsModel() const { return m_runs; }
    QTableView *differencesView() const { return m_differencesView; }
    /// The buttons: "reconcile", "adopt", "flatten", "cancel", "accept", "unblock".
    QPushButton *button(const QString &name) const { return m_buttons.value(name); }

private:
    /// The selected difference (none: nullptr).
    const ReconciliationDifferenceRow *selected() const;
    void updateButtons();
    void resolve(const QString &how);

    Actions m_actions;
    DifferencesModel *m_differences = nullptr;
    QSortFilterProxyModel *m_differencesProxy = nullptr;
    ReconciliationRunsModel *m_runs = nullptr;
    QTableView *m_differencesView = nullptr;
    QTableView *m_runsView = nullptr;
    QLabel *m_headline = nullptr;
    QLabel *m_blocked = nullptr;
    QLabel *m_selectedText = nullptr; ///< the selected difference and its resolution, whole
    QMap<QString, QPushButton *> m_buttons;
    QString m_title;
    std::vector<std::string> m_blockedSymbols;
    std::shared_ptr<const ReconciliationView> m_shown; ///< the view on screen
    bool m_trading = false;
};

} // namespace vigil
