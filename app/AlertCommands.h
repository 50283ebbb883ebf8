#pragma once
// The alert delivery for a run (headless or console), and `vigil alerts test|set-secret|
// delete-secret`. Main thread only; the keyring calls block on D-Bus.

#include "CommandLine.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/Gateway.h"

#include <QString>

#include <memory>

namespace vigil {

class AlertDispatcher;

/// The delivery `[alerts]` asks for, started, in `out` (null when no channel is enabled),
/// its outbox in `dataDir`. False, with the reason printed, when a channel's secret cannot
/// be had or the outbox cannot be opened: alerts that were configured never go missing
/// silently. `problem` (if given) gets the same sentence for a dialog.
bool startAlerts(const Config &config, const QString &dataDir, std::unique_ptr<AlertDispatcher> &out,
                 QString *problem = nullptr);

/// The engine's extensions: the gateway's (if any) and the alert delivery (if any).
EngineExtensions engineExtensions(Gateway *gateway, AlertDispatcher *alerts);

/// Ties the alert delivery to the engine for one run: a channel's trouble is raised as the
/// engine's own alert (so the console shows it), and stop() (or the destructor) ends the
/// delivery with a grace of three seconds for the last alerts, and unties it. Made right
/// after the engine, so that it goes first; stop() once the engine's threads have stopped.
class AlertDelivery {
public:
    AlertDelivery(AlertDispatcher *alerts, Engine &engine);
    ~AlertDelivery() { stop(); }
    AlertDelivery(const AlertDelivery &) = delete;
    AlertDelivery &operator=(const AlertDelivery &) = delete;
    void stop();

private:
    AlertDispatcher *m_alerts;
};

/// Sends a test alert through `kind` now (blocking: the keyring and the peer) and says what
/// happened: "webhook: delivered in 85 ms", or why not. `delivered` tells which. Any thread
/// but the GUI's (the console runs it on the thread pool).
QString sendTestAlert(const AlertsConfig &alerts, AlertChannelKind kind, bool *delivered = nullptr);

/// `vigil alerts ...`. test sends a test alert through each enabled channel (or the one
/// named) now and says what each did: exit 0 all delivered, 1 one failed, 2 none enabled or
/// bad input. set-secret reads the secret from the terminal (not echoed) or standard input's
/// first line.
int runAlertsCommand(const CommandLine &cl, const Config &config);

} // namespace vigil
