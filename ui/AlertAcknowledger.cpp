#include "AlertAcknowledger.h"

#include "AlertsModel.h"

#include <QAction>
#include <QInputDialog>
#include <QMenu>
#include <QPointer>
#include <QTableView>

namespace vigil {

AlertAcknowledger::AlertAcknowledger(QTableView *view, CommandSink commands, QString actor)
    : QObject(view)
    , m_view(view)
    , m_commands(std::move(commands))
    , m_actor(std::move(actor))
{
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex index = m_view->indexAt(at);
        if (!index.isValid())
            return;
        const bool acknowledged = index.data(AlertsModel::AcknowledgedRole).toBool();
        QMenu menu(m_view);
        QAction *ack = menu.addAction(tr("Acknowledge alert #%1…").arg(index.data(AlertsModel::IdRole).toULongLong()));
        ack->setEnabled(m_commands && !acknowledged);
        if (menu.exec(m_view->viewport()->mapToGlobal(at)) == ack)
            acknowledge(index.row());
    });
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (!index.data(AlertsModel::AcknowledgedRole).toBool())
            acknowledge(index.row());
    });
}

void AlertAcknowledger::acknowledge(int row)
{
    const QModelIndex index = m_view->model()->index(row, 0);
    if (!m_commands || !index.isValid())
        return;
    const quint64 id = index.data(AlertsModel::IdRole).toULongLong();
    bool ok = false;
    const QString reason =
        QInputDialog::getText(m_view, tr("Acknowledge alert #%1").arg(id),
                              tr("%1\n\nWhat is being done about it (recorded in the audit trail)?")
                                  .arg(index.siblingAtColumn(AlertsModel::MessageColumn).data().toString()),
                              QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    cmd::AcknowledgeAlert command;
    command.actor = m_actor.toStdString();
    command.reason = reason.trimmed().toStdString();
    command.alert = id;
    // The answer comes on the engine thread: back to this one, if the view still exists.
    QPointer<AlertAcknowledger> self(this);
    m_commands(std::move(command), [self](const CommandResult &r) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, ok = r.ok, message = QString::fromStdString(r.message)] {
                if (self)
                    Q_EMIT self->answered(ok, message);
            },
            Qt::QueuedConnection);
    });
}

} // namespace vigil
