#pragma once
// A prepared SQLite statement, for the hot paths where binding through Qt Sql's QVariant
// costs more than SQLite itself (see docs/PERFORMANCE.md). Owned by the thread that uses
// its connection.

#include "api/Fixed.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace vigil {

/// Whether SQLITE_FULL on this connection can only mean the disk: true where no page limit
/// is set (SQLite's Unix layer reports a short write, its sign of a full disk, as FULL with
/// no errno), false where `PRAGMA max_page_count` may be what filled.
enum class FullMeans { Disk, DiskOrPageLimit };

/// Why the last call on `db` failed, for the operator: the system's words first where
/// SQLite has them (an I/O error, a full disk, a file it cannot open: "database or disk is
/// full" alone does not say which, nor what to do), then SQLite's own. The system's words
/// come first because a journal record keeps 160 characters of a reason.
inline std::string sqliteFailure(sqlite3 *db, FullMeans full)
{
    if (!db)
        return "not open";
    const std::string sqlite = sqlite3_errmsg(db);
    const int code = sqlite3_errcode(db) & 0xff;
    int system = sqlite3_system_errno(db);
    if (code == SQLITE_FULL && system == 0 && full == FullMeans::Disk)
        system = ENOSPC;
    if (system != 0 && (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_CANTOPEN))
        return std::string(std::strerror(system)) + " (" + sqlite + ")";
    return sqlite;
}

class SqliteStatement {
public:
    SqliteStatement() = default;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    ~SqliteStatement() { sqlite3_finalize(m_stmt); }

    bool prepare(sqlite3 *db, const char *sql)
    {
        m_db = db;
        return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) == SQLITE_OK;
    }
    // Text is bound without a copy: every string bound here must outlive the step.
    void bind(int i, std::string_view v)
    {
        sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    }
    void bind(int i, std::int64_t v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bind(int i, Money v) { bind(i, v.raw()); }
    void bind(int i, Price v) { bind(i, v.raw()); }
    void bindNull(int i) { sqlite3_bind_null(m_stmt, i); }
    /// Bound without a copy, like text.
    void bindBlob(int i, const void *data, std::size_t size)
    {
        sqlite3_bind_blob(m_stmt, i, data, static_cast<int>(size), SQLITE_STATIC);
    }

    /// Runs a statement that returns no rows; false (with SQLite's message in `error`) on
    /// failure. Always ready for reuse afterwards.
    template<typename Text> bool run(Text &error)
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc != SQLITE_DONE)
            error = Text::fromUtf8(failure().c_str());
        reset();
        return rc == SQLITE_DONE;
    }
    bool run(std::string &error)
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc != SQLITE_DONE)
            error = failure();
        reset();
        return rc == SQLITE_DONE;
    }

    /// Steps a query: true while there is a row. Call reset() when done with it.
    bool next() { return sqlite3_step(m_stmt) == SQLITE_ROW; }
    std::int64_t integer(int column) const { return sqlite3_column_int64(m_stmt, column); }
    std::string text(int column) const
    {
        const auto *p = sqlite3_column_text(m_stmt, column);
        return p ? std::string(reinterpret_cast<const char *>(p),
                               static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
                 : std::string();
    }
    std::string blob(int column) const
    {
        const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
    }
    bool isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }

private:
    /// The journal may set a page limit (JournalLimits), so FULL there is not always the disk.
    std::string failure() const { return sqliteFailure(m_db, FullMeans::DiskOrPageLimit); }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace vigil
