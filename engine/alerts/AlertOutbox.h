#pragma once
// The delivery's own record (DATA_DIR/alert-outbox.sqlite): one row per alert and channel,
// written before the first attempt and updated after each, so that an alert not yet
// delivered when Vigil stops is delivered after the restart, and what was dropped or failed
// can be shown. It holds the alerts' texts, never a channel's secret.
//
// Threads: the dispatcher's thread only (it owns the connection).

#include "api/AlertText.h"
#include "api/AlertsConfig.h"
#include "store/SqliteStatement.h"

#include <cstdint>
#include <string>
#include <vector>

struct sqlite3;

namespace vigil {

enum class DeliveryState : std::uint8_t { Pending, Delivered, Failed, Dropped };
std::string_view toString(DeliveryState state); ///< "pending", "delivered", "failed", "dropped"

class AlertOutbox {
public:
    AlertOutbox() = default;
    AlertOutbox(const AlertOutbox &) = delete;
    AlertOutbox &operator=(const AlertOutbox &) = delete;
    ~AlertOutbox();

    /// Opens (creating) the file. Returns an empty string or why not.
    std::string open(const std::string &path);
    bool isOpen() const { return m_db != nullptr; }

    /// A new pending row; its id, or 0 when it could not be written (`lastError()`).
    std::int64_t add(AlertChannelKind channel, const OutgoingAlert &alert);
    /// After an attempt: its outcome and the attempts so far.
    void settle(std::int64_t row, DeliveryState state, int attempts, const std::string &error);

    struct Row {
        std::int64_t id = 0;
        AlertChannelKind channel = AlertChannelKind::Webhook;
        OutgoingAlert alert;
        int attempts = 0;
    };
    /// What is still pending, oldest first (after a restart: what to deliver now).
    std::vector<Row> pending();
    /// Rows in `state` (for tests and `vigil alerts status`).
    std::int64_t count(DeliveryState state);
    const std::string &lastError() const { return m_error; }

    /// Groups the writes of one round of the dispatcher into one transaction.
    void begin();
    void commit();

private:
    sqlite3 *m_db = nullptr;
    SqliteStatement m_insert;
    SqliteStatement m_update;
    std::string m_error;
    bool m_inTransaction = false;
};

} // namespace vigil
