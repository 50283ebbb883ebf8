#pragma once
// Acknowledging an alert in the console: the Alerts table's context menu, or activating a
// row not yet acknowledged (Enter, a double click), asks for the reason and sends
// cmd::AcknowledgeAlert, as `vigil ctl ack` does; the engine's answer is signalled (the
// window shows it in the status bar). GUI thread only; a child of the view.

#include "api/Commands.h"

#include <QObject>

#include <functional>

class QTableView;

namespace vigil {

class AlertAcknowledger : public QObject {
    Q_OBJECT

public:
    using CommandSink = std::function<void(Command, std::function<void(const CommandResult &)>)>;
    /// `view` shows an AlertsModel (through any proxy); `actor` is who the console is
    /// ("ann (console)"). Without `commands` nothing can be acknowledged.
    AlertAcknowledger(QTableView *view, CommandSink commands, QString actor);

    /// Asks for the reason and acknowledges the alert on `row` of the view's model.
    void acknowledge(int row);

Q_SIGNALS:
    /// The engine's answer (on the GUI thread).
    void answered(bool ok, const QString &message);

private:
    QTableView *m_view;
    CommandSink m_commands;
    QString m_actor;
};

} // namespace vigil
