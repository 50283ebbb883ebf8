#pragma once
// The record format of the power-cut recorder's log (PowerCutRecorder.cpp writes it,
// PowerCutLog.h reads it): a fixed header, then the name, a second name and the data,
// each as long as the header says. Plain data, no thread rule.

#include <cstdint>

namespace powercut {

enum class Op : std::uint32_t {
    Open = 1,        ///< fd, a = 1 when the call created the file; name ("" = the directory itself)
    Write = 2,       ///< fd, a = offset; data = the bytes written
    Truncate = 3,    ///< fd, a = the new size
    SyncStart = 4,   ///< fd, a = the sync's id: fsync/fdatasync called
    SyncEnd = 5,     ///< fd, a = the sync's id, b = 0 when it succeeded
    Close = 6,       ///< fd
    Unlink = 7,      ///< name
    Rename = 8,      ///< name to name2
    SharedMap = 9,   ///< fd mapped shared and writable: its later writes cannot be seen
    Unsupported = 10 ///< name says what was done that the recorder cannot follow
};

struct Header {
    std::uint32_t op = 0;
    std::uint32_t pid = 0;
    std::int32_t fd = -1;
    std::uint32_t nameLength = 0;
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    std::uint32_t name2Length = 0;
    std::uint32_t reserved = 0;
    std::uint64_t dataLength = 0;
};

} // namespace powercut
