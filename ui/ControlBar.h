#pragma once
// The operator's controls: Pause/Resume, Halt, Flatten (all, a strategy, a symbol),
// maintenance, and the kill switch (also on Ctrl+Shift+K).
//
// Every control arms first and fires second, in one step: a click shows the armed strip
// (what will happen, a reason, and for a resume after a halt or kill the acknowledgement),
// and only its Fire button (or Enter in the reason) sends the command. A single stray
// click therefore never changes anything, and there is never a chain of dialogs. An armed
// control disarms itself after kArmedMs; Enter with the reason or acknowledgement empty says
// it is required. No control holds the keyboard focus unless armed. Once the session has
// closed nothing arms: the engine takes no more commands.
//
// Thread affinity: GUI thread. Commands go to the engine through the sink, which must not
// block (Engine::command() does not); the engine's answer comes back on its own thread and
// is shown here through a queued call.

#include "api/Commands.h"
#include "api/Snapshot.h"

#include <QFrame>
#include <QTimer>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class QMenu;

namespace vigil {

class ControlBar final : public QFrame {
    Q_OBJECT

public:
    using CommandSink = std::function<void(Command, std::function<void(const CommandResult &)>)>;
    static constexpr int kArmedMs = 20'000;

    /// `actor` is who the commands are recorded as ("alice (console)").
    ControlBar(CommandSink sink, QString actor, QWidget *parent = nullptr);

    void applySnapshot(const Snapshot &snapshot);

    /// Shows the armed strip for a command of `kind` that needs nothing but a reason.
    void arm(CommandKind kind);
    /// Shows the armed strip for a command prepared elsewhere (a reconciliation's
    /// resolution, an unblock, a drill); the strip's text field gives its reason or note.
    void arm(Command prepared);
    void disarm();
    bool isArmed() const;
    CommandKind armedKind() const { return kindOf(m_armed); }

    /// The engine's last answer, as shown, whole ("" before the first). After a flatten (or a
    /// kill) it follows the flatten in the engine's snapshots until it is flat or has failed.
    QString answerText() const;

    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *haltButton() const { return m_halt; }
    QToolButton *flattenButton() const { return m_flatten; }
    QPushButton *maintenanceButton() const { return m_maintenance; }
    QPushButton *killButton() const { return m_kill; }
    QPushButton *fireButton() const { return m_fire; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QLineEdit *acknowledgementEdit() const { return m_ack; }

Q_SIGNALS:
    /// The engine answered a command fired from here.
    void answered(bool ok, const QString &message);

private:
    void fire();
    void updateFireButton();
    void showAnswer(bool ok, const QString &message);
    void followFlatten(const Snapshot &snapshot);
    void fitAnswer();
    bool eventFilter(QObject *watched, QEvent *event) override;
    void fillFlattenMenu();
    QString describe(const Command &command) const;

    CommandSink m_sink;
    QString m_actor;
    Command m_armed;
    bool m_isArmed = false;
    TradingState m_state = TradingState::Active;
    bool m_sessionOver = false; ///< closed: the engine takes no command
    /// The flatten the answer line follows.
    struct Following {
        bool active = false;
        QString prefix;                 ///< "KILLED (latched); " after a kill
        std::uint64_t afterVersion = 0; ///< snapshots up to this one predate the command
    } m_following;
    std::vector<std::string> m_strategyKeys;
    std::vector<std::string> m_symbols;

    QPushButton *m_pause = nullptr;
    QPushButton *m_halt = nullptr;
    QToolButton *m_flatten = nullptr;
    QMenu *m_flattenMenu = nullptr;
    QPushButton *m_maintenance = nullptr;
    QPushButton *m_kill = nullptr;
    QFrame *m_strip = nullptr;
    QLabel *m_armedText = nullptr;
    QLineEdit *m_reason = nullptr;
    QLineEdit *m_ack = nullptr;
    QPushButton *m_fire = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_answer = nullptr;
    QTimer m_disarmTimer;
};

} // namespace vigil
