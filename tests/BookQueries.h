#pragma once
// The same books read from the journal and from the paper broker's file, each as one text
// row per fill or position, so that a test can compare the two files directly (SqlFiles.h
// rows()). Plain constants, any thread.

#include <QString>

namespace vigil::testing {

/// Every fill / execution as "client order id/execution id", sorted.
inline const QString kJournalFills =
    QStringLiteral("SELECT client_order_id || '/' || execution_id FROM fills ORDER BY 1");
inline const QString kBrokerFills =
    QStringLiteral("SELECT client_order_id || '/' || execution_id FROM executions ORDER BY 1");
/// Every symbol whose position is not flat, with its signed quantity.
inline const QString kJournalPositions = QStringLiteral(
    "SELECT symbol, SUM(CASE side WHEN 'buy' THEN qty ELSE -qty END) AS q FROM fills GROUP BY symbol HAVING q != 0 "
    "ORDER BY symbol");
inline const QString kBrokerPositions =
    QStringLiteral("SELECT symbol, qty FROM positions WHERE qty != 0 ORDER BY symbol");

} // namespace vigil::testing
