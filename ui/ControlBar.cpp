#include "ControlBar.h"

#include "Theme.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace vigil {

namespace {

QPushButton *controlButton(const QString &text, const char *name, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(QLatin1String(name));
    button->setCursor(Qt::PointingHandCursor);
    button->setFocusPolicy(Qt::TabFocus);
    return button;
}

bool needsAcknowledgement(const Command &c, TradingState state)
{
    return c.kind == Command::Kind::Resume && (state == TradingState::Halted || state == TradingState::Killed);
}

} // namespace

ControlBar::ControlBar(CommandSink sink, QString actor, QWidget *parent)
    : QFrame(parent)
    , m_sink(std::move(sink))
    , m_actor(std::move(actor))
{
    setObjectName(QStringLiteral("controlBar"));
    setFocusPolicy(Qt::ClickFocus); // where the focus goes when the strip closes: no control holds it
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(12, 8, 12, 8);
    column->setSpacing(8);

    auto *row = new QHBoxLayout;
    row->setSpacing(10);
    auto *title = new QLabel(tr("CONTROLS"), this);
    title->setObjectName(QStringLiteral("fieldTitle"));
    row->addWidget(title);
    m_pause = controlButton(tr("Pause"), "pauseButton", this);
    m_halt = controlButton(tr("Halt"), "haltButton", this);
    m_flatten = new QToolButton(this);
    m_flatten->setObjectName(QStringLiteral("flattenButton"));
    m_flatten->setText(tr("Flatten"));
    m_flatten->setPopupMode(QToolButton::InstantPopup);
    m_flatten->setCursor(Qt::PointingHandCursor);
    m_flattenMenu = new QMenu(m_flatten);
    m_flatten->setMenu(m_flattenMenu);
    connect(m_flattenMenu, &QMenu::aboutToShow, this, &ControlBar::fillFlattenMenu);
    m_maintenance = controlButton(tr("Maintenance"), "maintenanceButton", this);
    m_kill = controlButton(tr("\u2716  KILL SWITCH   Ctrl+Shift+K"), "killButton", this);
    m_kill->setToolTip(tr("Halt, cancel every working order, flatten everything and stop the strategies; latched "
                          "until an operator resumes with an acknowledgement (Ctrl+Shift+K)"));
    row->addWidget(m_pause);
    row->addWidget(m_halt);
    row->addWidget(m_flatten);
    row->addWidget(m_maintenance);
    row->addStretch(1);
    m_answer = new QLabel(this);
    m_answer->setObjectName(QStringLiteral("controlAnswer"));
    // The engine's answer, whole: wrapped in the room there is (two lines fit beside the
    // buttons), never cut, never widening the window.
    m_answer->setWordWrap(true);
    m_answer->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_answer->installEventFilter(this); // its height follows its width (fitAnswer)
    row->addWidget(m_answer, 2);
    row->addWidget(m_kill);
    column->addLayout(row);

    // The armed strip: what will happen, why, and the one button that does it.
    m_strip = new QFrame(this);
    m_strip->setObjectName(QStringLiteral("armedStrip"));
    auto *strip = new QHBoxLayout(m_strip);
    strip->setContentsMargins(10, 6, 10, 6);
    strip->setSpacing(10);
    m_armedText = new QLabel(m_strip);
    m_armedText->setObjectName(QStringLiteral("armedText"));

    m_reason = new QLineEdit(m_strip);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setPlaceholderText(tr("Reason (recorded in the audit trail)"));
    m_reason->setMinimumWidth(220);
    m_ack = new QLineEdit(m_strip);
    m_ack->setObjectName(QStringLiteral("acknowledgementEdit"));
    m_ack->setPlaceholderText(tr("What you checked before trading again"));
    m_ack->setMinimumWidth(220);
    m_fire = controlButton(QString(), "fireButton", m_strip);
    m_fire->setMinimumWidth(180);
    m_cancel = controlButton(tr("Cancel"), "cancelButton", m_strip);
    strip->addWidget(m_armedText);
    strip->addWidget(m_reason, 1);
    strip->addWidget(m_ack, 1);
    strip->addWidget(m_fire);
    strip->addWidget(m_cancel);
    column->addWidget(m_strip);
    // Its room is kept while it is hidden: arming never changes the bar's height, so the
    // window never grows and nothing under the mouse moves.
    QSizePolicy stripPolicy = m_strip->sizePolicy();
    stripPolicy.setRetainSizeWhenHidden(true);
    m_strip->setSizePolicy(stripPolicy);
    m_strip->hide();

    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_state == TradingState::Active)
            arm(Command::Kind::Pause);
        else if (m_state == TradingState::Maintenance)
            arm(Command::Kind::MaintenanceExit);
        else
            arm(Command::Kind::Resume);
    });
    connect(m_halt, &QPushButton::clicked, this, [this] { arm(Command::Kind::Halt); });
    connect(m_maintenance, &QPushButton::clicked, this, [this] { arm(Command::Kind::MaintenanceEnter); });
    connect(m_kill, &QPushButton::clicked, this, [this] { arm(Command::Kind::Kill); });
    connect(m_fire, &QPushButton::clicked, this, &ControlBar::fire);
    connect(m_cancel, &QPushButton::clicked, this, &ControlBar::disarm);
    connect(m_reason, &QLineEdit::textChanged, this, &ControlBar::updateFireButton);
    connect(m_ack, &QLineEdit::textChanged, this, &ControlBar::updateFireButton);
    connect(m_reason, &QLineEdit::returnPressed, this, &ControlBar::fire);
    connect(m_ack, &QLineEdit::returnPressed, this, &ControlBar::fire);
    auto *killKey = new QShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+K")), this);
    killKey->setContext(Qt::WindowShortcut);
    connect(killKey, &QShortcut::activated, this, [this] { arm(Command::Kind::Kill); });
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_strip);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &ControlBar::disarm);

    m_disarmTimer.setSingleShot(true);
    m_disarmTimer.setInterval(kArmedMs);
    connect(&m_disarmTimer, &QTimer::timeout, this, &ControlBar::disarm);
}

void ControlBar::applySnapshot(const Snapshot &s)
{
    m_state = s.tradingState;
    const bool wasOver = m_sessionOver;
    m_sessionOver = s.phase == SessionPhase::Closed;
    if (m_sessionOver && !wasOver && m_isArmed)
        disarm(); // it could only be answered "the session has ended"
    followFlatten(s);
    m_strategyKeys.clear();
    for (const StrategyRow &row : s.strategies)
        m_strategyKeys.push_back(row.key);
    m_symbols.clear();
    for (const PositionRow &row : s.positions)
        m_symbols.push_back(row.symbol);

    const bool latched = s.tradingState == TradingState::Halted || s.tradingState == TradingState::Killed;
    switch (s.tradingState) {
    case TradingState::Active: theme::setButtonText(m_pause, tr("Pause")); break;
    case TradingState::Maintenance: theme::setButtonText(m_pause, tr("End maintenance")); break;
    default: theme::setButtonText(m_pause, latched ? tr("Resume…") : tr("Resume")); break;
    }
    // After the close the engine takes no command: nothing here may look as if it could act.
    const bool open = !m_sessionOver;
    m_pause->setEnabled(open);
    m_flatten->setEnabled(open);
    m_halt->setEnabled(open && s.tradingState != TradingState::Halted && s.tradingState != TradingState::Killed);
    m_maintenance->setEnabled(open && s.tradingState != TradingState::Maintenance && s.tradingState != TradingState::Killed);
    m_kill->setEnabled(open && s.tradingState != TradingState::Killed);
    m_kill->setProperty("latched", s.tradingState == TradingState::Killed);
    if (m_isArmed)
        updateFireButton(); // a halt in between may now call for an acknowledgement
}

void ControlBar::arm(Command::Kind kind, Command::Scope scope, const QString &target)
{
    Command c;
    c.kind = kind;
    c.scope = scope;
    c.target = target.toStdString();
    arm(std::move(c));
}

void ControlBar::arm(Command prepared)
{
    if (!m_sink)
        return;
    if (m_sessionOver) {
        showAnswer(false, tr("The session is over: nothing can be sent or cancelled until the next one"));
        return;
    }
    m_armed = std::move(prepared);
    const Command::Kind kind = m_armed.kind;
    m_isArmed = true;
    m_reason->clear();
    m_ack->clear();
    const bool danger = kind == Command::Kind::Kill || kind == Command::Kind::Halt || kind == Command::Kind::Flatten
        || kind == Command::Kind::Drill || (kind == Command::Kind::Resolve && m_armed.message == "flatten");
    m_strip->setProperty("danger", danger);
    m_strip->style()->unpolish(m_strip);
    m_strip->style()->polish(m_strip);
    m_armedText->setText(describe(m_armed));
    m_reason->setPlaceholderText(kind == Command::Kind::MaintenanceEnter ? tr("Message shown while in maintenance")
                                 : kind == Command::Kind::Resolve       ? tr("Note (recorded with the resolution)")
                                                                        : tr("Reason (recorded in the audit trail)"));
    m_strip->show();
    m_reason->setFocus(Qt::ShortcutFocusReason);
    updateFireButton();
    m_disarmTimer.start();
}

void ControlBar::disarm()
{
    // Out of the strip, the focus goes to the bar itself, never to a control: a key pressed
    // after a command changes nothing.
    if (m_strip->isAncestorOf(QApplication::focusWidget()))
        setFocus(Qt::OtherFocusReason);
    m_isArmed = false;
    m_disarmTimer.stop();
    m_strip->hide();
}

bool ControlBar::isArmed() const { return m_isArmed; }

QString ControlBar::answerText() const { return m_answer->text(); }

QString ControlBar::describe(const Command &c) const
{
    const QString target = QString::fromStdString(c.target);
    switch (c.kind) {
    case Command::Kind::Pause: return tr("Pause: reduce-only; exits still allowed");
    case Command::Kind::Resume:
        return m_state == TradingState::Killed ? tr("Reset the kill switch and resume trading")
            : m_state == TradingState::Halted  ? tr("Resume trading after the halt")
                                               : tr("Resume trading");
    case Command::Kind::Halt: return tr("HALT: no new orders; every working order cancelled");
    case Command::Kind::Kill:
        return tr("KILL SWITCH: halt, cancel all, flatten everything, stop the strategies; latched");
    case Command::Kind::Flatten:
        if (c.scope == Command::Scope::Strategy)
            return tr("FLATTEN strategy %1: cancel its orders, close its positions at market").arg(target);
        if (c.scope == Command::Scope::Symbol)
            return tr("FLATTEN %1: cancel its orders, close it at market").arg(target);
        return tr("FLATTEN everything: cancel all orders, close every position at market, then pause");
    case Command::Kind::MaintenanceEnter: return tr("Enter maintenance: trading stopped, orders cancelled");
    case Command::Kind::MaintenanceExit: return tr("End maintenance");
    case Command::Kind::EnableStrategy: return tr("Enable strategy %1").arg(target);
    case Command::Kind::Reconciled: return tr("Compare the books with the broker's now");
    case Command::Kind::Resolve: {
        const std::string &how = c.message;
        if (how == "adopt")
            return tr("ADOPT the broker's view of %1: book it in the console's books (nothing is sent)").arg(target);
        if (how == "flatten")
            return tr("FLATTEN %1: adopt the broker's view, then close the symbol at market").arg(target);
        if (how == "cancel")
            return tr("CANCEL %1 at the broker").arg(target);
        return tr("ACCEPT %1 as it is: the difference stays, the symbol trades again").arg(target);
    }
    case Command::Kind::Unblock:
        return tr("UNBLOCK new entries in %1 although its books differ from the broker's").arg(target);
    case Command::Kind::Drill: {
        QString text = tr("DRILL %1 on the simulated venue: a rehearsal, not a real fault").arg(target);
        if (!c.message.empty())
            text += tr(" (on %1)").arg(QString::fromStdString(c.message));
        return text;
    }
    case Command::Kind::Checklist: return tr("Run the %1 checklist").arg(target);
    case Command::Kind::Status: break;
    }
    return {};
}

void ControlBar::updateFireButton()
{
    const bool ack = needsAcknowledgement(m_armed, m_state);
    m_ack->setVisible(ack);
    const bool ready = !m_reason->text().trimmed().isEmpty() && (!ack || !m_ack->text().trimmed().isEmpty());
    m_fire->setEnabled(ready);
    QString label;
    switch (m_armed.kind) {
    case Command::Kind::Kill: label = tr("Fire kill switch"); break;
    case Command::Kind::Halt: label = tr("Halt now"); break;
    case Command::Kind::Flatten: label = tr("Flatten now"); break;
    case Command::Kind::Pause: label = tr("Pause now"); break;
    case Command::Kind::Resume: label = tr("Resume"); break;
    case Command::Kind::MaintenanceEnter: label = tr("Enter maintenance"); break;
    case Command::Kind::MaintenanceExit: label = tr("End maintenance"); break;
    case Command::Kind::Resolve: label = tr("Resolve"); break;
    case Command::Kind::Unblock: label = tr("Unblock"); break;
    case Command::Kind::Drill: label = tr("Start drill"); break;
    default: label = tr("Send"); break;
    }
    theme::setButtonText(m_fire, label);
}

void ControlBar::fire()
{
    if (!m_isArmed)
        return;
    // Enter in an empty field says what is missing (the Fire button is greyed out for it).
    if (m_reason->text().trimmed().isEmpty()) {
        showAnswer(false, m_armed.kind == Command::Kind::MaintenanceEnter ? tr("A message is required: it is shown while in maintenance")
                          : m_armed.kind == Command::Kind::Resolve ? tr("A note is required: it is recorded with the resolution")
                                                                   : tr("A reason is required: it is recorded in the audit trail"));
        m_reason->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (needsAcknowledgement(m_armed, m_state) && m_ack->text().trimmed().isEmpty()) {
        showAnswer(false, tr("An acknowledgement is required: what you checked before trading again"));
        m_ack->setFocus(Qt::OtherFocusReason);
        return;
    }
    Command c = m_armed;
    c.actor = m_actor.toStdString();
    c.reason = m_reason->text().trimmed().toStdString();
    if (c.kind == Command::Kind::MaintenanceEnter)
        c.message = c.reason;
    if (needsAcknowledgement(c, m_state))
        c.acknowledgement = m_ack->text().trimmed().toStdString();
    disarm();
    m_following = {};
    showAnswer(true, tr("Sent: %1…").arg(describe(c)));
    QPointer<ControlBar> self(this);
    const Command::Kind kind = c.kind;
    m_sink(std::move(c), [self, kind](const CommandResult &result) {
        // The engine thread (or this one, when the session is over): show it here.
        const bool ok = result.ok;
        const QString message = QString::fromStdString(result.message);
        const std::uint64_t version = result.snapshotVersion;
        QMetaObject::invokeMethod(
            self.data(),
            [self, ok, message, kind, version] {
                if (self)
                    self->showAnswer(ok, message);
                // A flatten (a kill's too) goes on after the answer: the line follows it.
                if (self && ok && (kind == Command::Kind::Flatten || kind == Command::Kind::Kill))
                    self->m_following = {true, kind == Command::Kind::Kill ? tr("KILLED (latched); ") : QString(), version};
                if (self)
                    Q_EMIT self->answered(ok, message);
            },
            Qt::QueuedConnection);
    });
}

void ControlBar::showAnswer(bool ok, const QString &message)
{
    theme::setText(m_answer, message);
    theme::setTone(m_answer, ok ? theme::Tone::Normal : theme::Tone::Loss);
    fitAnswer();
}

void ControlBar::fitAnswer()
{
    // A wrapped label's own size hint guesses a width of its own: the lines it takes are
    // those at the width it has.
    const int height = m_answer->heightForWidth(std::max(m_answer->width(), 1));
    if (height > 0 && height != m_answer->minimumHeight())
        m_answer->setFixedHeight(height);
}

bool ControlBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_answer && event->type() == QEvent::Resize)
        fitAnswer();
    return QFrame::eventFilter(watched, event);
}

void ControlBar::followFlatten(const Snapshot &s)
{
    // Only what the engine published after the command: an earlier flatten's "flat" is old news.
    if (!m_following.active || s.version <= m_following.afterVersion || s.flatten.phase == FlattenStatus::Phase::None)
        return;
    const bool failed = s.flatten.phase == FlattenStatus::Phase::Failed;
    showAnswer(!failed, m_following.prefix
                            + tr("flatten %1: %2").arg(QString::fromStdString(s.flatten.scope),
                                                       QString::fromStdString(s.flatten.detail)));
    if (failed || s.flatten.phase == FlattenStatus::Phase::Flat)
        m_following = {};
}

void ControlBar::fillFlattenMenu()
{
    m_flattenMenu->clear();
    m_flattenMenu->addAction(tr("Everything"), this, [this] { arm(Command::Kind::Flatten); });
    if (!m_strategyKeys.empty()) {
        m_flattenMenu->addSection(tr("Strategy"));
        for (const std::string &key : m_strategyKeys) {
            const QString name = QString::fromStdString(key);
            m_flattenMenu->addAction(name, this, [this, name] { arm(Command::Kind::Flatten, Command::Scope::Strategy, name); });
        }
    }
    if (!m_symbols.empty()) {
        m_flattenMenu->addSection(tr("Symbol"));
        for (const std::string &symbol : m_symbols) {
            const QString name = QString::fromStdString(symbol);
            m_flattenMenu->addAction(name, this, [this, name] { arm(Command::Kind::Flatten, Command::Scope::Symbol, name); });
        }
    }
}

} // namespace vigil
