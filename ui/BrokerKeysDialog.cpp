#include "BrokerKeysDialog.h"

#include "Theme.h"

#include "api/BrokerKeys.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace vigil {

BrokerKeysDialog::BrokerKeysDialog(AlpacaEnvironment environment, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("brokerKeysDialog"));
    setWindowTitle(tr("Broker keys"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Alpaca's API keys are kept in the OS keyring (service vigil), never in a file. "
                                "Vigil uses APCA_API_KEY_ID and APCA_API_SECRET_KEY instead when both are set."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_environment = new QComboBox(this);
    m_environment->setObjectName(QStringLiteral("environment"));
    m_environment->addItem(tr("Paper account"), static_cast<int>(AlpacaEnvironment::Paper));
    m_environment->addItem(tr("Live account (real money)"), static_cast<int>(AlpacaEnvironment::Live));
    m_environment->setCurrentIndex(environment == AlpacaEnvironment::Live ? 1 : 0);
    form->addRow(tr("Account:"), m_environment);
    m_keyId = new QLineEdit(this);
    m_keyId->setObjectName(QStringLiteral("keyId"));
    m_keyId->setPlaceholderText(tr("e.g. PK…"));
    form->addRow(tr("Key id:"), m_keyId);
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("secret"));
    m_secret->setEchoMode(QLineEdit::Password);
    // Neither offered to an input method's dictionary nor to a drag out of the field.
    m_secret->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_secret->setDragEnabled(false);
    form->addRow(tr("Secret:"), m_secret);
    layout->addLayout(form);

    m_outcome = new QLabel(this);
    m_outcome->setObjectName(QStringLiteral("outcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_outcome);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_store = buttons->addButton(tr("Store in the keyring"), QDialogButtonBox::ActionRole);
    m_store->setObjectName(QStringLiteral("store"));
    m_store->setDefault(true);
    connect(m_store, &QPushButton::clicked, this, &BrokerKeysDialog::store);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_keyId, &QLineEdit::textChanged, this, &BrokerKeysDialog::updateButton);
    connect(m_secret, &QLineEdit::textChanged, this, &BrokerKeysDialog::updateButton);
    updateButton();
    setMinimumWidth(460);
}

QString BrokerKeysDialog::outcomeText() const { return m_outcome->text(); }

void BrokerKeysDialog::updateButton()
{
    m_store->setEnabled(!m_storing && !m_keyId->text().trimmed().isEmpty() && !m_secret->text().isEmpty());
}

void BrokerKeysDialog::store()
{
    if (m_storing)
        return;
    const auto environment = static_cast<AlpacaEnvironment>(m_environment->currentData().toInt());
    BrokerKeyPair keys{m_keyId->text().trimmed().toStdString(), m_secret->text().toStdString()};
    m_secret->clear(); // the field no longer holds it, whatever the outcome
    const QString keyId = QString::fromStdString(keys.keyId);
    const QString maskedId = tr("%1… (%n characters)", nullptr, static_cast<int>(keyId.size()))
                                 .arg(keyId.left(std::min<qsizetype>(4, keyId.size() / 2)));
    m_storing = true;
    m_environment->setEnabled(false);
    m_keyId->setEnabled(false);
    m_secret->setEnabled(false);
    updateButton();
    theme::setTone(m_outcome, theme::Tone::Muted);
    m_outcome->setText(tr("Storing in the OS keyring…"));
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, environment, maskedId] {
        showOutcome(environment, maskedId, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([environment, keys = std::move(keys)]() mutable {
        const QString error = QString::fromStdString(storeBrokerKeys(environment, keys));
        std::fill(keys.secret.begin(), keys.secret.end(), '\0');
        return error;
    }));
}

void BrokerKeysDialog::showOutcome(AlpacaEnvironment environment, const QString &maskedId, const QString &error)
{
    m_storing = false;
    m_environment->setEnabled(true);
    m_keyId->setEnabled(true);
    m_secret->setEnabled(true);
    updateButton();
    const QString account = environment == AlpacaEnvironment::Live ? tr("live") : tr("paper");
    if (error.isEmpty()) {
        theme::setTone(m_outcome, theme::Tone::Profit);
        m_outcome->setText(tr("Stored the %1 keys in the OS keyring: key id %2.").arg(account, maskedId));
    } else {
        theme::setTone(m_outcome, theme::Tone::Loss);
        m_outcome->setText(tr("The %1 keys were not stored: %2").arg(account, error));
    }
    Q_EMIT storeFinished(error);
}

} // namespace vigil
