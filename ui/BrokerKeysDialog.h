#pragma once
// Broker > Broker keys…: the operator types Alpaca's key id and secret (never shown) for the
// paper or the live account, and the dialog stores them in the OS keyring
// (api/BrokerKeys.h). The keyring answers over D-Bus and may wait on an unlock prompt, so
// the store runs on Qt's thread pool; the dialog shows the outcome when it comes. The
// secret field is emptied as soon as the store starts. GUI thread only.

#include "api/Config.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace vigil {

class BrokerKeysDialog final : public QDialog {
    Q_OBJECT

public:
    /// `environment`: the account chosen when the dialog opens (the configuration's).
    explicit BrokerKeysDialog(AlpacaEnvironment environment, QWidget *parent = nullptr);

    /// The last outcome shown: empty before any, else "stored…" or why not.
    QString outcomeText() const;
    /// True while a store runs (the fields and the button are disabled).
    bool isStoring() const { return m_storing; }

Q_SIGNALS:
    /// A store ended; `error` is empty when the keys are in the keyring.
    void storeFinished(const QString &error);

private:
    void store();
    void showOutcome(AlpacaEnvironment environment, const QString &maskedId, const QString &error);
    void updateButton();

    QComboBox *m_environment = nullptr;
    QLineEdit *m_keyId = nullptr;
    QLineEdit *m_secret = nullptr;
    QPushButton *m_store = nullptr;
    QLabel *m_outcome = nullptr;
    bool m_storing = false;
};

} // namespace vigil
