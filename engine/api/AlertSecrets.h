#pragma once
// The alert channels' secrets: the webhook's token and the SMTP password. Never in a file:
// the OS keyring (service "vigil", entries "alerts-webhook" and "alerts-email"), or, for a
// headless server without a keyring, the environment variables VIGIL_ALERT_WEBHOOK_TOKEN
// and VIGIL_ALERT_SMTP_PASSWORD. No function here writes a secret to a log, and no error
// text contains one.
//
// Threads: any thread but the engine's; the keyring calls block (keyring/OsKeyring.h).

#include "api/AlertsConfig.h"

#include <string>

namespace vigil {

struct AlertSecretLookup {
    std::string secret; ///< empty: none (which may be fine: see loadAlertSecrets)
    std::string error;  ///< why the configuration cannot be served
};

/// The secret `kind` needs under `config`, from the environment variable or else the
/// keyring. Only a channel that needs one asks the keyring: a webhook url with "{token}"
/// (then a missing token is an error), an e-mail channel with a username (then a missing
/// password is an error). A webhook without "{token}" uses a stored token when the keyring
/// answers, and goes without one when it has none.
AlertSecretLookup loadAlertSecret(const AlertsConfig &config, AlertChannelKind kind);
/// The environment variable for `kind`'s secret.
const char *alertSecretVariable(AlertChannelKind kind);
/// Stores `secret` in the keyring for `kind`. Returns an empty string or why not.
std::string storeAlertSecret(AlertChannelKind kind, const std::string &secret);
/// Removes it (none there is not an error). Returns an empty string or why not.
std::string deleteAlertSecret(AlertChannelKind kind);

} // namespace vigil
