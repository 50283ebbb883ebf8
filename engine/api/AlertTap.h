#pragma once
// The engine's alerts as they happen, for a listener beside the console (the delivery to
// webhooks and e-mail, api/AlertDispatcher.h): each alert when raised, each repeat of
// it, and each acknowledgement. Not during the replay after a restart: those alerts were
// told when they happened (what was not yet delivered then is in the delivery's outbox).
//
// Threads: called on the engine thread only, synchronously; it must return at once and
// never block (copy what it needs and hand it to another thread). Given to the Engine by
// its creator (EngineExtensions in api/Engine.h).

#include "api/AlertText.h"

#include <cstdint>
#include <string>

namespace vigil {

class AlertTap {
public:
    /// A new alert, or a repeat of one (`alert.count` > 1, same id).
    virtual void onAlert(const OutgoingAlert &alert) = 0;
    virtual void onAcknowledged(std::uint64_t id, const std::string &actor) = 0;

protected:
    ~AlertTap() = default;
};

} // namespace vigil
